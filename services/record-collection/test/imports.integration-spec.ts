import { join } from 'node:path';
import { credentials, loadPackageDefinition, type Client as GrpcClient, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { Client } from 'pg';
import { Events, ImportFormat, PROTO_ROOT, ProtoFiles, type ImportView } from '@credit/contracts';
import { createTestDatabase, freePort, spawnService, uniqueUscc, type ServiceProcess, type TestDatabase } from '@credit/testing';
import { GRPC_LOADER_OPTIONS } from '@credit/runtime';
import { generateRecord, toNdjsonLine } from '../src/imports/sample-data';
import { ImportsGrpcController } from '../src/imports/imports.grpc.controller';
import { settledEvents, startRecordCollection, type RecordCollectionUnderTest } from './record-collection.fixtures';

const DEPT = 'IMPORT-DEPT';

/** A file of `count` generated records; every 100th line (from line 50) is broken in one of four ways. */
function ndjsonFile(count: number, seed: number): { lines: string[]; bad: Map<number, { code: string; field: string }> } {
  const lines: string[] = [];
  const bad = new Map<number, { code: string; field: string }>();
  for (let n = 0; n < count; n += 1) {
    const record = generateRecord(n, { seed, department: DEPT });
    const line = n + 1;
    if (line % 100 === 50) {
      switch ((line / 100) % 4 | 0) {
        case 0:
          lines.push(`{"catalogueItemCode":"ADMIN_PENALTY",`); // truncated
          bad.set(line, { code: 'ROW_NOT_JSON', field: 'line' });
          continue;
        case 1:
          record.subject = { type: 'LEGAL_PERSON', name: record.subject.name, uscc: '91430100MA4L16JQ9X' };
          bad.set(line, { code: 'USCC_CHECK_DIGIT', field: 'subject.uscc' });
          break;
        case 2:
          delete record.fields.content;
          bad.set(line, { code: 'FIELD_REQUIRED', field: 'fields.content' });
          break;
        default:
          record.decisionDate = '2026-02-30';
          bad.set(line, { code: 'DECISION_DATE_INVALID', field: 'decisionDate' });
      }
    }
    lines.push(toNdjsonLine(record));
  }
  return { lines, bad };
}

describe('record-collection: bulk imports', () => {
  let t: RecordCollectionUnderTest;
  let rpc: ImportsGrpcController;

  beforeAll(async () => {
    t = await startRecordCollection('rc_imports');
    rpc = t.sut.app.get(ImportsGrpcController);
  });

  afterAll(async () => {
    await t?.sut.stop();
  });

  const recordCount = async () =>
    Number((await t.sut.db.query<{ n: string }>('SELECT count(*) AS n FROM record_collection.credit_record WHERE provider_department_id = $1', [DEPT]))[0].n);

  async function upload(importId: string, lines: string[], chunk = 5_000, from = 1): Promise<ImportView> {
    let view: ImportView | undefined;
    for (let start = from - 1; start < lines.length; start += chunk) {
      view = await rpc.appendImportRows({ providerDepartmentId: DEPT, importId, firstLine: start + 1, rows: lines.slice(start, start + chunk) });
    }
    return rpc.completeImport({ providerDepartmentId: DEPT, importId, lastLine: lines.length }).then((v) => v ?? view!);
  }

  it('imports a 100,000-row NDJSON file with 1 % bad rows: the rest stored, each bad row reported by line and field', async () => {
    const { lines, bad } = ndjsonFile(100_000, 1);
    const created = await rpc.createImport({ providerDepartmentId: DEPT, format: ImportFormat.IMPORT_FORMAT_NDJSON, defaultCatalogueItemCode: '', clientBatchKey: 'file-1' });
    expect(created).toMatchObject({ status: 'RECEIVING', nextLine: 1, received: 0 });

    const done = await upload(created.importId, lines);
    expect(done).toMatchObject({ status: 'COMPLETED', nextLine: 100_001, received: 100_000, accepted: 99_000, created: 99_000, rejected: 1_000, unchanged: 0 });
    expect(await recordCount()).toBe(99_000);

    const errors = await rpc.getImportErrors({ importId: created.importId, providerDepartmentId: DEPT, format: 'ndjson', afterLine: 0, limit: 0 });
    expect(errors.count).toBe(1_000);
    const reported = errors.content.trim().split('\n').map((l) => JSON.parse(l) as { line: number; field: string; code: string; messageZh: string; messageEn: string });
    expect(new Set(reported.map((e) => e.line))).toEqual(new Set(bad.keys()));
    for (const e of reported) {
      expect(e).toMatchObject(bad.get(e.line)!);
      expect(e.messageZh).not.toBe('');
      expect(e.messageEn).not.toBe('');
    }
    // Nothing from a bad row is stored.
    const badNumbers = [...bad.keys()].filter((line) => bad.get(line)!.code !== 'ROW_NOT_JSON').map((line) => generateRecord(line - 1, { seed: 1, department: DEPT }).decisionNumber);
    const [{ n }] = await t.sut.db.query<{ n: string }>('SELECT count(*) AS n FROM record_collection.credit_record WHERE decision_number = ANY($1::text[])', [badNumbers]);
    expect(n).toBe('0');

    const csv = await rpc.getImportErrors({ importId: created.importId, providerDepartmentId: DEPT, format: 'csv', afterLine: 0, limit: 0 });
    const csvLines = csv.content.trim().split('\r\n');
    expect(csvLines[0]).toBe('line,field,code,messageZh,messageEn');
    expect(csvLines[1]).toMatch(/^50,line,ROW_NOT_JSON,/);
    expect(csvLines[2]).toMatch(/^150,subject\.uscc,USCC_CHECK_DIGIT,/);
    expect(csvLines).toHaveLength(1_001);
    // Paged: 400 rejected lines per page, the header row only on the first page.
    const first = await rpc.getImportErrors({ importId: created.importId, providerDepartmentId: DEPT, format: 'csv', afterLine: 0, limit: 400 });
    const second = await rpc.getImportErrors({ importId: created.importId, providerDepartmentId: DEPT, format: 'csv', afterLine: first.nextAfterLine, limit: 400 });
    const third = await rpc.getImportErrors({ importId: created.importId, providerDepartmentId: DEPT, format: 'csv', afterLine: second.nextAfterLine, limit: 400 });
    expect([first.count, second.count, third.count, first.nextAfterLine, third.nextAfterLine]).toEqual([400, 400, 200, 39_950, 0]);
    expect(first.content + second.content + third.content).toBe(csv.content);

    // Every stored record is announced once (one RecordCollected per stored version).
    const events = await settledEvents(t, Events.RecordCollected);
    expect(events.filter((e) => e.payload.providerDepartmentId === DEPT)).toHaveLength(99_000);
  }, 90_000);

  it('re-posting the same batch creates nothing new; the same file in a new batch only finds unchanged rows', async () => {
    const { lines } = ndjsonFile(100_000, 1);
    const again = await rpc.createImport({ providerDepartmentId: DEPT, format: ImportFormat.IMPORT_FORMAT_NDJSON, defaultCatalogueItemCode: '', clientBatchKey: 'file-1' });
    expect(again).toMatchObject({ status: 'COMPLETED', received: 100_000, created: 99_000 });
    const resent = await rpc.appendImportRows({ providerDepartmentId: DEPT, importId: again.importId, firstLine: 1, rows: lines.slice(0, 5_000) });
    expect(resent).toMatchObject({ received: 100_000, created: 99_000, rejected: 1_000 });

    const part = lines.slice(0, 10_000);
    const other = await rpc.createImport({ providerDepartmentId: DEPT, format: ImportFormat.IMPORT_FORMAT_NDJSON, defaultCatalogueItemCode: '', clientBatchKey: 'file-1-again' });
    expect(other.importId).not.toBe(again.importId);
    expect(await upload(other.importId, part, 3_000)).toMatchObject({ received: 10_000, created: 0, newVersions: 0, unchanged: 9_900, rejected: 100 });
    expect(await recordCount()).toBe(99_000);
  }, 60_000);

  it('a CSV file with a header row: columns map to the record, unknown columns to fields, and a changed row is a new version', async () => {
    const uscc = uniqueUscc();
    const header = 'subjectType,subjectName,uscc,idNumber,decisionNumber,decisionDate,severity,authority,basis,content';
    const rows = [
      header,
      `法人,"长沙市""恒信""商贸有限公司",${uscc},,湘市监罚〔2026〕CSV-1号,2026-10-12,一般,长沙市市场监督管理局,《食品安全法》第一百二十四条,"罚款人民币5000元,没收违法所得"`,
      '',
      `LEGAL_PERSON,长沙市某公司,${uscc},,湘市监罚〔2026〕CSV-2号,2026-10-12,GENERAL,长沙市市场监督管理局,《食品安全法》,`,
      `LEGAL_PERSON,长沙市某公司,${uscc}`,
    ];
    const batch = await rpc.createImport({ providerDepartmentId: 'CSV-DEPT', format: ImportFormat.IMPORT_FORMAT_CSV, defaultCatalogueItemCode: 'ADMIN_PENALTY', clientBatchKey: '' });
    const view = await rpc.appendImportRows({ providerDepartmentId: 'CSV-DEPT', importId: batch.importId, firstLine: 1, rows });
    expect(view).toMatchObject({ nextLine: 6, received: 3, created: 1, rejected: 2 });
    const errors = await rpc.getImportErrors({ importId: batch.importId, providerDepartmentId: 'CSV-DEPT', format: 'ndjson', afterLine: 0, limit: 0 });
    expect(errors.content.trim().split('\n').map((l) => JSON.parse(l) as { line: number; code: string; field: string })).toEqual([
      expect.objectContaining({ line: 4, code: 'FIELD_REQUIRED', field: 'fields.content' }),
      expect.objectContaining({ line: 5, code: 'CSV_COLUMN_COUNT' }),
    ]);
    const [stored] = await t.sut.db.query<{ subject_name: string; fields: Record<string, unknown> }>(
      `SELECT v.subject_name, v.fields FROM record_collection.credit_record r JOIN record_collection.credit_record_version v ON v.record_id = r.id
        WHERE r.provider_department_id = 'CSV-DEPT'`,
    );
    expect(stored).toEqual({ subject_name: '长沙市"恒信"商贸有限公司', fields: { authority: '长沙市市场监督管理局', basis: '《食品安全法》第一百二十四条', content: '罚款人民币5000元,没收违法所得' } });

    // A gap is refused with the line to continue from; the changed row becomes version 2.
    await expect(rpc.appendImportRows({ providerDepartmentId: 'CSV-DEPT', importId: batch.importId, firstLine: 9, rows: [] })).rejects.toMatchObject({
      errors: [expect.objectContaining({ code: 'IMPORT_LINE_GAP', field: 'firstLine' })],
    });
    const changed = rows[1].replace('2026-10-12,一般', '2026-10-12,严重');
    expect(await rpc.appendImportRows({ providerDepartmentId: 'CSV-DEPT', importId: batch.importId, firstLine: 6, rows: [changed] })).toMatchObject({ newVersions: 1, created: 1 });
    // Another department cannot see or feed the batch.
    await expect(rpc.getImport({ importId: batch.importId, providerDepartmentId: 'OTHER' })).rejects.toMatchObject({ kind: 'NOT_FOUND' });
    await expect(rpc.appendImportRows({ providerDepartmentId: 'OTHER', importId: batch.importId, firstLine: 7, rows: [changed] })).rejects.toMatchObject({ kind: 'NOT_FOUND' });
  });

  it('takes the next chunk while one is being stored: stored in line order, the CSV header carried over', async () => {
    const header = 'subjectType,subjectName,uscc,idNumber,decisionNumber,decisionDate,severity,authority,basis,content';
    const row = (n: number) => `LEGAL_PERSON,长沙市流水${n}商贸有限公司,${uniqueUscc()},,湘市监罚〔2026〕PIPE-${n}号,2026-10-12,一般,长沙市市场监督管理局,《食品安全法》,罚款${n}元`;
    const lines = [header, ...Array.from({ length: 1_200 }, (_, i) => row(i))];
    lines[700] = 'LEGAL_PERSON,缺列';
    const batch = await rpc.createImport({ providerDepartmentId: 'PIPE-DEPT', format: ImportFormat.IMPORT_FORMAT_CSV, defaultCatalogueItemCode: 'ADMIN_PENALTY', clientBatchKey: '' });
    const append = (first: number, last: number) => rpc.appendImportRows({ providerDepartmentId: 'PIPE-DEPT', importId: batch.importId, firstLine: first, rows: lines.slice(first - 1, last) });
    // Three chunks sent at once: the second and third continue the lines in flight (no IMPORT_LINE_GAP).
    const views = await Promise.all([append(1, 400), append(401, 800), append(801, 1_201)]);
    expect(views.map((v) => v.nextLine)).toEqual([401, 801, 1_202]);
    expect(views[2]).toMatchObject({ received: 1_200, created: 1_199, rejected: 1 });
    const stored = await t.sut.db.query<{ decision_number: string }>(
      `SELECT decision_number FROM record_collection.credit_record WHERE provider_department_id = 'PIPE-DEPT' ORDER BY decision_number`,
    );
    expect(stored).toHaveLength(1_199);
    const errors = await rpc.getImportErrors({ importId: batch.importId, providerDepartmentId: 'PIPE-DEPT', format: 'ndjson', afterLine: 0, limit: 0 });
    expect(errors.content.trim().split('\n').map((l) => JSON.parse(l) as { line: number; code: string })).toEqual([expect.objectContaining({ line: 701, code: 'CSV_COLUMN_COUNT' })]);
  });

  it('refuses the chunk after a failed one, naming the line to resume at; resuming there stores exactly the file', async () => {
    const lines = Array.from({ length: 30 }, (_, n) => toNdjsonLine(generateRecord(n, { seed: 77, department: 'PIPE-FAIL' })));
    const batch = await rpc.createImport({ providerDepartmentId: 'PIPE-FAIL', format: ImportFormat.IMPORT_FORMAT_NDJSON, defaultCatalogueItemCode: '', clientBatchKey: '' });
    const append = (first: number, last: number) => rpc.appendImportRows({ providerDepartmentId: 'PIPE-FAIL', importId: batch.importId, firstLine: first, rows: lines.slice(first - 1, last) });
    await append(1, 10);
    // Lines 11–20 fail while being stored: their transaction waits on the batch row, locked here, and its
    // connection is terminated. Lines 21–30 were sent meanwhile.
    const blocker = new Client({ connectionString: t.sut.db.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`SELECT 1 FROM record_collection.import_batch WHERE id = $1 FOR UPDATE`, [batch.importId]);
      const failing = append(11, 20);
      const next = append(21, 30);
      failing.catch(() => undefined);
      next.catch(() => undefined);
      let waiting: { pid: number }[] = [];
      while (waiting.length === 0) {
        await new Promise((r) => setTimeout(r, 20));
        waiting = await t.sut.db.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%import_batch%FOR UPDATE%' AND pid <> pg_backend_pid()`,
        );
      }
      await t.sut.db.query('SELECT pg_terminate_backend($1)', [waiting[0].pid]);
      await expect(failing).rejects.toBeDefined();
      await expect(next).rejects.toMatchObject({
        errors: [expect.objectContaining({ code: 'IMPORT_LINE_GAP', field: 'firstLine', message: expect.objectContaining({ en: 'The upload must continue at line 11.' }) })],
      });
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    expect(await append(11, 30)).toMatchObject({ nextLine: 31, created: 30 });
    const stored = await t.sut.db.query<{ n: string }>(`SELECT count(*) AS n FROM record_collection.credit_record WHERE provider_department_id = 'PIPE-FAIL'`);
    expect(Number(stored[0].n)).toBe(30);
  });
});

describe('record-collection: a bulk import survives a crash', () => {
  let db: TestDatabase;
  let service: ServiceProcess | null = null;
  let client: GrpcClient & Record<string, (req: unknown, cb: (e: ServiceError | null, r: unknown) => void) => void>;

  async function start(): Promise<void> {
    const [http, grpc] = [await freePort(), await freePort()];
    service = await spawnService('record-collection', 'services/record-collection/src/main.ts', { DATABASE_URL: db.url, HTTP_PORT: String(http), GRPC_PORT: String(grpc), KAFKA_BROKERS: '' }, `http://127.0.0.1:${http}/health/ready`);
    const definition = loadSync(join(PROTO_ROOT, ProtoFiles.recordCollection), GRPC_LOADER_OPTIONS);
    const pkg = loadPackageDefinition(definition) as unknown as { credit: { v1: Record<string, new (url: string, c: unknown) => typeof client> } };
    client?.close();
    client = new pkg.credit.v1.RecordImportService(`127.0.0.1:${grpc}`, credentials.createInsecure());
  }
  const call = <T>(method: string, request: unknown) =>
    new Promise<T>((resolve, reject) => client[method](request, (error, response) => (error ? reject(error) : resolve(response as T))));

  beforeAll(async () => {
    db = await createTestDatabase('rc_import_crash');
  });

  afterAll(async () => {
    client?.close();
    await service?.kill();
    await db?.drop();
  });

  it('killing the process mid-import and resuming the same batch yields exactly the records of the file', async () => {
    const { lines, bad } = ndjsonFile(30_000, 2);
    const expected = lines.map((_, i) => i + 1).filter((line) => !bad.has(line)).map((line) => generateRecord(line - 1, { seed: 2, department: DEPT }).decisionNumber);
    await start();
    const batch = await call<ImportView>('createImport', { providerDepartmentId: DEPT, format: ImportFormat.IMPORT_FORMAT_NDJSON, clientBatchKey: 'crash-file' });
    const chunk = 2_000;
    const append = (start: number) => call<ImportView>('appendImportRows', { providerDepartmentId: DEPT, importId: batch.importId, firstLine: start + 1, rows: lines.slice(start, start + chunk) });
    for (let start = 0; start < 4 * chunk; start += chunk) await append(start);
    // Kill while the fifth chunk is being stored.
    const inFlight = append(4 * chunk).catch((error: Error) => error);
    await new Promise((r) => setTimeout(r, 150));
    await service!.kill();
    expect(await inFlight).toBeInstanceOf(Error);

    await start();
    const resumed = await call<ImportView>('createImport', { providerDepartmentId: DEPT, format: ImportFormat.IMPORT_FORMAT_NDJSON, clientBatchKey: 'crash-file' });
    expect(resumed.importId).toBe(batch.importId);
    expect(Number(resumed.nextLine) - 1).toBeGreaterThanOrEqual(4 * chunk);
    // The client resends from a chunk boundary before the next line (overlap is skipped).
    for (let start = 3 * chunk; start < lines.length; start += chunk) await append(start);
    const done = await call<ImportView>('completeImport', { providerDepartmentId: DEPT, importId: batch.importId, lastLine: lines.length });
    expect(done).toMatchObject({ status: 'COMPLETED', received: '30000', created: '29700', rejected: '300', unchanged: '0' });

    const stored = await db.query<{ decision_number: string }>('SELECT decision_number FROM record_collection.credit_record WHERE provider_department_id = $1', [DEPT]);
    expect(stored.map((r) => r.decision_number).sort()).toEqual([...expected].sort());
    const [{ versions }] = await db.query<{ versions: string }>('SELECT count(*) AS versions FROM record_collection.credit_record_version');
    expect(versions).toBe('29700');
    const [{ errors }] = await db.query<{ errors: string }>('SELECT count(DISTINCT line_number) AS errors FROM record_collection.import_row_error');
    expect(errors).toBe('300');
    // One RecordCollected per record, on the bus or still in the outbox.
    const [{ events }] = await db.query<{ events: string }>(
      `SELECT (SELECT count(*) FROM bus.messages WHERE headers->>'ce_type' = $1) + (SELECT count(*) FROM record_collection.outbox) AS events`,
      [Events.RecordCollected.type],
    );
    expect(events).toBe('29700');
  }, 120_000);
});
