import { createHash } from 'node:crypto';
import {
  Events,
  ObjectionOutcome,
  ObjectionTargetType,
  ProtoFiles,
  RecordStatus,
  type EventDefinition,
  type FileObjectionRequest,
  type ObjectionView,
} from '@credit/contracts';
import { join } from 'node:path';
import { credentials, loadPackageDefinition, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { PROTO_ROOT } from '@credit/contracts';
import { AppError, DeadlineGauge, GRPC_LOADER_OPTIONS, PlatformMetrics } from '@credit/runtime';
import { eventually, startServiceUnderTest, type ServiceUnderTest } from '@credit/testing';
import { ObjectionModule } from '../src';
import { DeadlineSweepService } from '../src/objection/deadline-sweep.service';
import { ObjectionGrpcController } from '../src/objection/objection.grpc.controller';
import { appError, changeListEntry, collectRecord, company, filing, PDF_BYTES, PNG_BYTES } from './objection-fixtures';

/** 10:00 in Beijing on Monday 21 September 2026. */
let now = new Date('2026-09-21T02:00:00Z');
let sut: ServiceUnderTest;
let api: ObjectionGrpcController;

/** FileObjection through the gRPC controller; the response always carries the objection. */
async function file(request: FileObjectionRequest): Promise<{ objection: ObjectionView; merged: boolean }> {
  const { objection, merged } = await api.fileObjection(request);
  if (!objection) throw new Error('FileObjection returned no objection');
  return { objection, merged };
}

/** The events of a type matching `match`, once the outbox relay has published `count` of them. */
async function emitted<T>(definition: EventDefinition<T>, match: (payload: T) => boolean, count = 1) {
  return eventually(`${count} ${definition.type}`, async () => {
    const found = (await sut.events(definition)).filter((e) => match(e.payload));
    return found.length >= count ? found : undefined;
  });
}

/** Every event this service emitted so far is on the bus (its outbox is empty). */
async function published<T>(definition: EventDefinition<T>, match: (payload: T) => boolean) {
  await eventually('the outbox to drain', async () => ((await countRows('outbox')) === 0 ? true : undefined));
  return (await sut.events(definition)).filter((e) => match(e.payload));
}

const countRows = async (table: string, where = 'true', params: unknown[] = []) =>
  Number((await sut.db.query<{ n: string }>(`SELECT count(*) AS n FROM objection.${table} WHERE ${where}`, params))[0].n);

beforeAll(async () => {
  sut = await startServiceUnderTest('objection', (deps) => ObjectionModule.forRoot(deps, { clock: () => now, settings: { dailySweep: false } }), {
    serviceName: 'objection',
    protoFile: ProtoFiles.objection,
    env: { JURISDICTION: '430923' },
  });
  api = sut.app.get(ObjectionGrpcController);
});

afterAll(async () => {
  await sut?.stop();
});

beforeEach(() => {
  now = new Date('2026-09-21T02:00:00Z');
});

describe('filing and marking', () => {
  it('marks the record at once with a verification due date 20 calendar days after filing', async () => {
    const record = await collectRecord(sut, { provider: 'anhua-samr' });
    const { objection, merged } = await file(filing(record.recordId));

    expect(merged).toBe(false);
    expect(objection).toMatchObject({
      status: 'OPEN',
      targetType: ObjectionTargetType.OBJECTION_TARGET_TYPE_RECORD,
      targetVersion: 1,
      verifyingDepartmentId: 'anhua-samr',
      filingDate: '2026-09-21',
      verificationDue: '2026-10-11',
      verificationDayKind: 'CALENDAR',
      markingDue: '2026-09-22',
      markedOnTime: true,
    });
    expect(objection.policyVersion).toMatch(/^CN-/);
    const marked = await emitted(Events.ObjectionMarked, (p) => p.objectionId === objection.objectionId);
    expect(marked).toHaveLength(1);
    expect(marked[0].subjectKey).toBe(record.subject!.key);
    expect(marked[0].payload).toMatchObject({
      targetId: record.recordId,
      targetVersion: 1,
      grounds: 'WRONG_CONTENT',
      providerDepartmentId: 'anhua-samr',
      verificationDue: '2026-10-11',
      filedAt: '2026-09-21T02:00:00.000Z',
      markedAt: '2026-09-21T02:00:00.000Z',
    });
    expect(marked[0].payload.subject).toMatchObject({ key: record.subject!.key, uscc: record.subject!.uscc });

    const full = await api.getObjection({ objectionId: objection.objectionId });
    expect(full.history.map((h) => h.kind)).toEqual(['FILED', 'MARKED']);
    expect(full.statements[0].attachments).toEqual([
      { index: 0, fileName: '缴款凭证.pdf', mediaType: 'application/pdf', sizeBytes: PDF_BYTES.length, sha256: createHash('sha256').update(PDF_BYTES).digest('hex') },
    ]);
    const [stored] = await sut.db.query<{ content: Buffer }>(`SELECT content FROM objection.objection_attachment WHERE objection_id = $1`, [objection.objectionId]);
    expect(Buffer.compare(stored.content, PDF_BYTES)).toBe(0);
  });

  it('answers NOT_FOUND for a target it does not know', async () => {
    const error = await appError(api.fileObjection(filing('00000000-0000-4000-8000-000000000000')));
    expect(error.kind).toBe('NOT_FOUND');
    expect(error.errors[0]).toMatchObject({ code: 'TARGET_NOT_FOUND', field: 'targetId' });
  });

  it('refuses an objection to a superseded record version', async () => {
    const record = await collectRecord(sut, { provider: 'anhua-samr' });
    await collectRecord(sut, { provider: 'anhua-samr', subject: record.subject as never, recordId: record.recordId, version: 2 });
    const error = await appError(api.fileObjection(filing(record.recordId, { targetVersion: 1 })));
    expect(error.kind).toBe('CONFLICT');
    expect(error.errors[0].code).toBe('TARGET_VERSION_NOT_CURRENT');
    const { objection } = await file(filing(record.recordId, { targetVersion: 2 }));
    expect(objection.targetVersion).toBe(2);
  });

  it('refuses an objection to a record its provider revoked (RecordStatusChanged)', async () => {
    const record = await collectRecord(sut, { provider: 'anhua-samr' });
    await sut.publish(Events.RecordStatusChanged, record.subject!.key, {
      recordId: record.recordId,
      subject: record.subject,
      version: 1,
      status: RecordStatus.RECORD_STATUS_REVOKED,
      reason: '提供单位撤销',
      cause: 'PROVIDER_REVOKED',
      causeId: '',
      publicityEnd: '',
      effectiveDate: '2026-09-20',
      actorDepartmentId: 'anhua-samr',
      changedAt: new Date().toISOString(),
      catalogueItemCode: 'ADMIN_PENALTY',
      adverse: true,
      severity: record.severity,
    });
    await eventually('the revocation in the read model', async () => {
      const [row] = await sut.db.query<{ status: string }>(`SELECT status FROM objection.objection_target WHERE target_id = $1`, [record.recordId]);
      return row?.status === 'REVOKED' ? true : undefined;
    });
    const error = await appError(api.fileObjection(filing(record.recordId)));
    expect(error.kind).toBe('CONFLICT');
    expect(error.errors[0]).toMatchObject({ code: 'TARGET_NOT_OBJECTABLE', field: 'targetId' });
  });

  it('creates one objection for a retried filing with the same idempotency key, and refuses the key for another body', async () => {
    const record = await collectRecord(sut, { provider: 'anhua-samr' });
    const request = filing(record.recordId);
    const first = await file(request);
    const retry = await file({ ...request });
    expect(retry.objection.objectionId).toBe(first.objection.objectionId);
    expect(retry.merged).toBe(false);
    expect(await countRows('objection', 'target_id = $1', [record.recordId])).toBe(1);
    expect(await countRows('objection_statement', 'objection_id = $1', [first.objection.objectionId])).toBe(1);
    expect(await published(Events.ObjectionMarked, (p) => p.targetId === record.recordId)).toHaveLength(1);

    const error = await appError(api.fileObjection({ ...request, statement: '另一份陈述' }));
    expect(error.kind).toBe('CONFLICT');
    expect(error.errors[0]).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
  });

  it('merges a second filing on a target with an open objection into it', async () => {
    const record = await collectRecord(sut, { provider: 'anhua-samr' });
    const first = await file(filing(record.recordId));
    now = new Date('2026-09-23T01:00:00Z');
    const second = await file(
      filing(record.recordId, { requesterDepartmentId: 'anhua-window-2', grounds: 'NOT_ME', statement: '该企业从未在此地经营。', attachments: [] }),
    );
    expect(second.merged).toBe(true);
    expect(second.objection.objectionId).toBe(first.objection.objectionId);
    // The deadline stays the first filing's.
    expect(second.objection.verificationDue).toBe('2026-10-11');
    expect(second.objection.statements.map((s) => [s.sequence, s.grounds, s.statement])).toEqual([
      [1, 'WRONG_CONTENT', '处罚决定书所载罚款金额有误，应为人民币伍佰元。'],
      [2, 'NOT_ME', '该企业从未在此地经营。'],
    ]);
    expect(second.objection.history.map((h) => h.kind)).toEqual(['FILED', 'MARKED', 'MERGED']);
    expect(await countRows('objection', 'target_id = $1', [record.recordId])).toBe(1);
    expect(await published(Events.ObjectionMarked, (p) => p.targetId === record.recordId)).toHaveLength(1);
  });

  it('files against a list entry, verified by the identifying department', async () => {
    const entry = await changeListEntry(sut, { identifyingDepartment: 'anhua-tax' });
    const { objection } = await file(filing(entry.entryId, { targetType: ObjectionTargetType.OBJECTION_TARGET_TYPE_LIST_ENTRY }));
    expect(objection).toMatchObject({ verifyingDepartmentId: 'anhua-tax', targetVersion: 0, targetId: entry.entryId });
    const [marked] = await emitted(Events.ObjectionMarked, (p) => p.objectionId === objection.objectionId);
    expect(marked.payload.targetType).toBe(ObjectionTargetType.OBJECTION_TARGET_TYPE_LIST_ENTRY);
    expect(marked.payload.providerDepartmentId).toBe('anhua-tax');
  });
});

describe('attachments', () => {
  const sixMiB = Buffer.concat([PDF_BYTES, Buffer.alloc(6 * 1024 * 1024)]);

  it.each([
    [
      'over the size limit',
      [
        { fileName: 'ok.png', mediaType: 'image/png', contentBase64: PNG_BYTES.toString('base64') },
        { fileName: 'big.pdf', mediaType: 'application/pdf', contentBase64: sixMiB.toString('base64') },
      ],
      [{ code: 'ATTACHMENT_TOO_LARGE', field: 'attachments[1].contentBase64' }],
    ],
    [
      'of a forbidden type',
      [{ fileName: 'macro.docm', mediaType: 'application/vnd.ms-word.document.macroEnabled.12', contentBase64: Buffer.from('PK\x03\x04').toString('base64') }],
      [{ code: 'ATTACHMENT_TYPE_NOT_ALLOWED', field: 'attachments[0].mediaType' }],
    ],
    [
      'whose content is not the declared type',
      [{ fileName: 'photo.jpg', mediaType: 'image/jpeg', contentBase64: PDF_BYTES.toString('base64') }],
      [{ code: 'ATTACHMENT_CONTENT_MISMATCH', field: 'attachments[0].contentBase64' }],
    ],
    [
      'more than five files',
      Array.from({ length: 6 }, (_, i) => ({ fileName: `p${i}.pdf`, mediaType: 'application/pdf', contentBase64: PDF_BYTES.toString('base64') })),
      [{ code: 'ATTACHMENTS_TOO_MANY', field: 'attachments' }],
    ],
  ])('rejects attachments %s with a structured error and stores nothing', async (_label, attachments, expected) => {
    const record = await collectRecord(sut, { provider: 'anhua-samr' });
    const request = filing(record.recordId, { attachments });
    const error = await appError(api.fileObjection(request));
    expect(error.kind).toBe('VALIDATION');
    expect(error.errors).toEqual(expected.map((e) => expect.objectContaining({ ...e, message: expect.objectContaining({ zh: expect.any(String), en: expect.any(String) }) })));
    expect(await countRows('objection', 'target_id = $1', [record.recordId])).toBe(0);
    expect(await countRows('objection_filing', 'idempotency_key = $1', [request.idempotencyKey])).toBe(0);
    expect(await published(Events.ObjectionMarked, (p) => p.targetId === record.recordId)).toHaveLength(0);
  });
});

describe('verification outcome', () => {
  it('lets only the verifying department decide; ObjectionResolved carries the outcome and corrected fields; decided once', async () => {
    const record = await collectRecord(sut, { provider: 'anhua-samr' });
    const { objection } = await file(filing(record.recordId));
    const decision = {
      objectionId: objection.objectionId,
      departmentId: 'anhua-samr',
      idempotencyKey: 'decision-1',
      outcome: ObjectionOutcome.OBJECTION_OUTCOME_CORRECTED,
      reasons: '经核查，罚款金额录入错误，予以更正。',
      correctedFieldsJson: JSON.stringify({ content: '罚款人民币伍佰元' }),
    };

    const forbidden = await appError(api.decideObjection({ ...decision, departmentId: 'anhua-tax' }));
    expect(forbidden.kind).toBe('FORBIDDEN');
    expect(forbidden.errors[0].code).toBe('NOT_VERIFYING_DEPARTMENT');

    const noFields = await appError(api.decideObjection({ ...decision, correctedFieldsJson: '[1]' }));
    expect(noFields.kind).toBe('VALIDATION');
    expect(noFields.errors[0]).toMatchObject({ code: 'CORRECTED_FIELDS_REQUIRED', field: 'correctedFieldsJson' });
    const noReasons = await appError(api.decideObjection({ ...decision, reasons: ' ' }));
    expect(noReasons.errors[0]).toMatchObject({ code: 'REASONS_REQUIRED', field: 'reasons' });

    now = new Date('2026-09-25T03:00:00Z');
    const decided = await api.decideObjection(decision);
    expect(decided).toMatchObject({ status: 'RESOLVED', outcome: ObjectionOutcome.OBJECTION_OUTCOME_CORRECTED, decidedBy: 'anhua-samr' });
    expect(decided.history.map((h) => h.kind)).toEqual(['FILED', 'MARKED', 'RESOLVED']);

    const resolved = await emitted(Events.ObjectionResolved, (p) => p.objectionId === objection.objectionId);
    expect(resolved).toHaveLength(1);
    expect(resolved[0].subjectKey).toBe(record.subject!.key);
    expect(resolved[0].payload).toMatchObject({
      outcome: ObjectionOutcome.OBJECTION_OUTCOME_CORRECTED,
      targetType: ObjectionTargetType.OBJECTION_TARGET_TYPE_RECORD,
      targetId: record.recordId,
      targetVersion: 1,
      reasons: '经核查，罚款金额录入错误，予以更正。',
      providerDepartmentId: 'anhua-samr',
      filedAt: '2026-09-21T02:00:00.000Z',
      resolvedAt: '2026-09-25T03:00:00.000Z',
    });
    expect(JSON.parse(resolved[0].payload.correctedFieldsJson)).toEqual({ content: '罚款人民币伍佰元' });

    // A retry with the same key returns the first result; another decision is a conflict.
    const retried = await api.decideObjection(decision);
    expect(retried.decidedAt).toBe(decided.decidedAt);
    const again = await appError(api.decideObjection({ ...decision, idempotencyKey: 'decision-2', outcome: ObjectionOutcome.OBJECTION_OUTCOME_MAINTAINED, correctedFieldsJson: '' }));
    expect(again.kind).toBe('CONFLICT');
    expect(again.errors[0].code).toBe('OBJECTION_ALREADY_DECIDED');
    expect(await published(Events.ObjectionResolved, (p) => p.objectionId === objection.objectionId)).toHaveLength(1);

    // Once resolved, a new filing on the target opens a new objection.
    const next = await file(filing(record.recordId));
    expect(next.merged).toBe(false);
    expect(next.objection.objectionId).not.toBe(objection.objectionId);
  });
});

describe('deadlines, queries and supervision', () => {
  it('reminds from three working days before the due date and escalates the day after it, once each', async () => {
    const record = await collectRecord(sut, { provider: 'dept-sweep' });
    const { objection } = await file(filing(record.recordId));
    const sweep = sut.app.get(DeadlineSweepService);
    const mine = (ids: string[]) => ids.includes(objection.objectionId);

    // Due Sunday 11 October; reminder 3 working days before: 8 October (1–7 October are holidays, 10 October is worked).
    expect(mine((await sweep.runDailySweep('2026-10-07')).reminded)).toBe(false);
    expect(mine((await sweep.runDailySweep('2026-10-08')).reminded)).toBe(true);
    expect(mine((await sweep.runDailySweep('2026-10-09')).reminded)).toBe(false);
    // Not overdue on the due date itself …
    expect(mine((await sweep.runDailySweep('2026-10-11')).escalated)).toBe(false);
    expect((await api.getObjection({ objectionId: objection.objectionId })).escalated).toBe(false);
    // … escalated the day after, once.
    expect(mine((await sweep.runDailySweep('2026-10-12')).escalated)).toBe(true);
    expect(mine((await sweep.runDailySweep('2026-10-13')).escalated)).toBe(false);

    const view = await api.getObjection({ objectionId: objection.objectionId });
    expect(view.escalated).toBe(true);
    expect(view.history.map((h) => h.kind)).toEqual(['FILED', 'MARKED', 'REMINDED', 'ESCALATED']);
    const toProvider = await api.listObjectionNotifications({ departmentId: 'dept-sweep', since: '' });
    expect(toProvider.notifications).toEqual([{ departmentId: 'dept-sweep', kind: 'REMINDER', objectionId: objection.objectionId, date: '2026-10-08', verificationDue: '2026-10-11' }]);
    const toOffice = await api.listObjectionNotifications({ departmentId: 'credit-office', since: '2026-10-12' });
    expect(toOffice.notifications.filter((n) => n.objectionId === objection.objectionId)).toEqual([
      { departmentId: 'credit-office', kind: 'ESCALATION', objectionId: objection.objectionId, date: '2026-10-12', verificationDue: '2026-10-11' },
    ]);
  });

  it('lists by department, status and subject with a cursor, and reports per-department statistics', async () => {
    const subject = company('安化统计测试有限公司');
    const records = [];
    for (let i = 0; i < 5; i += 1) records.push(await collectRecord(sut, { provider: 'dept-stats', subject }));
    const ids: string[] = [];
    for (const [i, record] of records.entries()) {
      now = new Date(Date.parse('2026-09-01T02:00:00Z') + i * 86_400_000);
      ids.push((await file(filing(record.recordId))).objection.objectionId);
    }
    const decide = async (id: string, outcome: ObjectionOutcome, day: string) => {
      now = new Date(`${day}T02:00:00Z`);
      await api.decideObjection({ objectionId: id, departmentId: 'dept-stats', idempotencyKey: `d-${id}`, outcome, reasons: '核查完毕', correctedFieldsJson: outcome === ObjectionOutcome.OBJECTION_OUTCOME_CORRECTED ? '{"content":"更正"}' : '' });
    };
    await decide(ids[0], ObjectionOutcome.OBJECTION_OUTCOME_MAINTAINED, '2026-09-05'); // 4 days
    await decide(ids[1], ObjectionOutcome.OBJECTION_OUTCOME_CORRECTED, '2026-09-12'); // 10 days
    await decide(ids[2], ObjectionOutcome.OBJECTION_OUTCOME_REVOKED, '2026-09-09'); // 6 days

    const pages: string[][] = [];
    let cursor = '';
    do {
      const page = await api.listObjections({ departmentId: 'dept-stats', requesterDepartmentId: '', status: '', subjectKey: subject.key, pageSize: 2, cursor });
      pages.push(page.objections.map((o) => o.objectionId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual([[ids[4], ids[3]], [ids[2], ids[1]], [ids[0]]]);
    const open = await api.listObjections({ departmentId: 'dept-stats', requesterDepartmentId: '', status: 'OPEN', subjectKey: '', pageSize: 0, cursor: '' });
    expect(open.objections.map((o) => o.objectionId)).toEqual([ids[4], ids[3]]);
    const tooBig = await appError(api.listObjections({ departmentId: '', requesterDepartmentId: '', status: '', subjectKey: '', pageSize: 101, cursor: '' }));
    expect(tooBig.errors[0]).toMatchObject({ code: 'PAGE_SIZE_INVALID', field: 'pageSize' });

    // Objections 4 and 5 were filed 4 and 5 September: due 24 and 25 September.
    const stats = await api.objectionStatistics({ departmentId: 'dept-stats', asOf: '2026-09-25' });
    expect(stats.departments).toHaveLength(1);
    const [dept] = stats.departments;
    expect(dept).toMatchObject({ departmentId: 'dept-stats', open: 2, overdue: 1, resolved: 3, medianHandlingDays: 6, markedLate: 0 });
    expect(dept.outcomes).toEqual(
      expect.arrayContaining([
        { outcome: ObjectionOutcome.OBJECTION_OUTCOME_CORRECTED, count: 1, share: 1 / 3 },
        { outcome: ObjectionOutcome.OBJECTION_OUTCOME_REVOKED, count: 1, share: 1 / 3 },
        { outcome: ObjectionOutcome.OBJECTION_OUTCOME_MAINTAINED, count: 1, share: 1 / 3 },
      ]),
    );
  });
});

describe('over gRPC', () => {
  it('serves FileObjection and maps a refused decision to PERMISSION_DENIED with the structured error', async () => {
    const record = await collectRecord(sut, { provider: 'anhua-samr' });
    const definition = loadPackageDefinition(loadSync(join(PROTO_ROOT, ProtoFiles.objection), GRPC_LOADER_OPTIONS)) as unknown as {
      credit: { v1: { ObjectionService: new (url: string, creds: ReturnType<typeof credentials.createInsecure>) => Record<string, (req: unknown, cb: (e: ServiceError | null, r: unknown) => void) => void> & { close(): void } } };
    };
    const client = new definition.credit.v1.ObjectionService(sut.grpcUrl!, credentials.createInsecure());
    const call = <T>(method: string, request: unknown) =>
      new Promise<T>((resolve, reject) => client[method](request, (error, response) => (error ? reject(error) : resolve(response as T))));
    try {
      const filed = await call<{ objection: { objectionId: string; verificationDue: string; statements: { attachments: { sizeBytes: string }[] }[] }; merged: boolean }>(
        'FileObjection',
        filing(record.recordId),
      );
      expect(filed.merged).toBe(false);
      expect(filed.objection.verificationDue).toBe('2026-10-11');
      expect(filed.objection.statements[0].attachments[0].sizeBytes).toBe(String(PDF_BYTES.length));

      const refused = await call('DecideObjection', {
        objectionId: filed.objection.objectionId,
        departmentId: 'someone-else',
        idempotencyKey: 'k',
        outcome: ObjectionOutcome.OBJECTION_OUTCOME_MAINTAINED,
        reasons: '无误',
      }).then(
        () => undefined,
        (e: ServiceError) => e,
      );
      expect(refused?.code).toBe(GrpcStatus.PERMISSION_DENIED);
      expect(AppError.fromGrpc(refused).errors[0]).toMatchObject({ code: 'NOT_VERIFYING_DEPARTMENT', field: 'departmentId' });
    } finally {
      client.close();
    }
  });
});

describe('deadline metrics', () => {
  it('counts open objections and those past their verification deadline for alerting', async () => {
    const gauge = sut.app.get(DeadlineGauge);
    const metrics = sut.app.get(PlatformMetrics);
    const value = async (name: 'deadlinesOpen' | 'deadlinesOverdue') =>
      (await metrics[name].get()).values.find((v) => v.labels.service === 'objection' && v.labels.kind === 'objection_verification')?.value ?? 0;
    await gauge.update();
    const before = { open: await value('deadlinesOpen'), overdue: await value('deadlinesOverdue') };

    // filed long ago (due 20 days later, long past) and filed today (not yet due)
    now = new Date('2026-09-01T02:00:00Z');
    await file(filing((await collectRecord(sut, { provider: 'anhua-samr' })).recordId));
    now = new Date();
    await file(filing((await collectRecord(sut, { provider: 'anhua-samr' })).recordId));
    await gauge.update();
    expect(await value('deadlinesOpen')).toBe(before.open + 2);
    expect(await value('deadlinesOverdue')).toBe(before.overdue + 1);
  });
});
