// Bulk-import benchmark (issue 3 §7): N generated province-scale records imported through record-collection's
// RecordImportService (gRPC on loopback, chunks of raw NDJSON lines, as the gateway's upload forwards them),
// timed until every record is stored AND consumed by credit-check (credit_check.profile_record). In the same
// run a plain `\copy` (psql) of the same rows into a bare table is the physical limit.
//   node -r ./tools/register.js tools/bench/import-records.ts [--records 1000000] [--chunk 5000] [--batches 1] [--kafka]
//     [--storage-only] [--drain (credit-check starts after the import: its drain rate alone)] [--progress-ms 10000]
//     [--max-lag N (wait before a chunk while N records are not consumed; default 30000 with --kafka, else 0)]
//     [--vacuum-ms 60000 (VACUUM ANALYZE as autovacuum would; this machine's PostgreSQL has it off)]
// Standalone: record-collection and credit-check in this one process on the local PostgreSQL with the in-process
// bus (a log table in the same database). --kafka: the same with the Kafka test broker (libs/testing kafka).
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { credentials, loadPackageDefinition, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type { INestApplication } from '@nestjs/common';
import { allTopics, ImportFormat, PROTO_ROOT, ProtoFiles, Topics, type ImportView } from '@credit/contracts';
import { createEventBus, createLogger, EnvReader, GRPC_LOADER_OPTIONS, readRuntimeConfig, startService, type ServiceDeps } from '@credit/runtime';
import { CreditCheckModule } from '@credit/service-credit-check';
import { generateRecord, RecordCollectionModule, toNdjsonLine } from '@credit/service-record-collection';
import { Client } from 'pg';
import { createTestDatabase, ensureKafkaTestBrokerBuilt, freePort, startKafkaTestBroker, type KafkaTestBroker } from '@credit/testing';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RECORDS = arg('records', 1_000_000);
const CHUNK = arg('chunk', 5_000);
const BATCHES = arg('batches', 1);
const KAFKA = process.argv.includes('--kafka');
/**
 * --records-partitions N: partitions of the records topic with --kafka (default 6, as deployed). The test broker
 * (librdkafka's mock cluster) keeps at most 5 MB per partition and drops the oldest beyond that: a consumer further
 * behind loses its place (offset out of range) and the run never completes. More partitions give more room, but
 * kafkajs then hands the consumer smaller batches (one per partition): 105 partitions consumed ~430 records/s.
 */
const RECORDS_PARTITIONS = arg('records-partitions', 6);
/**
 * --max-lag N: before each chunk, wait while more than N sent records are not yet consumed by credit-check (0 = never
 * wait). Default with --kafka 30,000: the import stores ~10,000 records/s here, the Kafka consumer reads ~3,000–4,000/s
 * meanwhile, and the test broker's 5 MB per partition (~13,000 events of a 6-partition topic) would drop what the
 * consumer has not read yet. Paced, "into storage" measures the pace, not the storage; end to end stays meaningful.
 */
const MAX_LAG = arg('max-lag', KAFKA ? 30_000 : 0);
/** Profiling aid: no credit-check (storage and outbox relay only). */
const STORAGE_ONLY = process.argv.includes('--storage-only');
/** Consumer throughput alone: credit-check starts only once the import is stored, then drains the backlog. */
const DRAIN = process.argv.includes('--drain');
const SEED = 20261123;
const PROGRESS_MS = arg('progress-ms', 10_000);
/**
 * --vacuum-ms N (default 60000, 0 = never): VACUUM (ANALYZE) the database this often during the run, throttled as
 * autovacuum is (vacuum_cost_delay 2 ms). This machine's PostgreSQL runs with autovacuum off (its CI configuration);
 * in production autovacuum does this. Without it a 1 M run measures the machine's configuration: the outboxes fill
 * with dead rows (a relay move took 0.5 s past ~900,000 of them) and the planner, without statistics, takes the
 * freshly loaded tables for empty (a publicity sweep's lookups scanned a million-row table per batch).
 */
const VACUUM_MS = arg('vacuum-ms', 60_000);

type Rpc = Record<string, (req: unknown, cb: (e: ServiceError | null, r: unknown) => void) => void>;
const call = <T>(client: Rpc, method: string, request: unknown) =>
  new Promise<T>((resolve, reject) => client[method](request, (error, response) => (error ? reject(error) : resolve(response as T))));
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const rate = (n: number, ms: number) => Math.round((n * 1000) / ms).toLocaleString('en-US');

/**
 * CPU seconds used so far by this process and by the PostgreSQL backends of the bench database (per backend pid,
 * from /proc): less sensitive than wall time to what else runs on a shared machine.
 */
async function cpuNow(db: { name: string; query<T>(sql: string, params?: unknown[]): Promise<T[]> }): Promise<{ node: number; pg: Map<number, number> }> {
  const usage = process.cpuUsage();
  const pids = await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [db.name]);
  const pg = new Map<number, number>();
  for (const { pid } of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      pg.set(pid, (Number(fields[11]) + Number(fields[12])) / 100); // utime + stime, in clock ticks of 1/100 s
    } catch {
      // not on Linux, or the backend just ended
    }
  }
  return { node: (usage.user + usage.system) / 1e6, pg };
}
const cpuSince = (from: Awaited<ReturnType<typeof cpuNow>>, to: Awaited<ReturnType<typeof cpuNow>>) => ({
  node: to.node - from.node,
  pg: [...to.pg].reduce((sum, [pid, s]) => sum + s - (from.pg.get(pid) ?? 0), 0),
});

/** Writes the data set: one NDJSON file per batch (the import) and one CSV of the same rows (the COPY). */
async function writeFiles(dir: string): Promise<{ ndjson: string[]; csv: string }> {
  const ndjson = Array.from({ length: BATCHES }, (_, b) => join(dir, `records-${b}.ndjson`));
  const outs = ndjson.map((f) => createWriteStream(f));
  const csvPath = join(dir, 'records.csv');
  const csv = createWriteStream(csvPath);
  const q = (s: string | undefined) => (s === undefined ? '' : `"${s.replace(/"/g, '""')}"`);
  for (let n = 0; n < RECORDS; n += 1) {
    const record = generateRecord(n, { seed: SEED, department: `BENCH-${n % BATCHES}` });
    outs[n % BATCHES].write(toNdjsonLine(record) + '\n');
    const s = record.subject;
    csv.write(
      [record.department, record.catalogueItemCode, s.type, q(s.name), s.uscc ?? '', s.idNumber ?? '', q(record.decisionNumber), record.decisionDate, record.severity ?? '', q(JSON.stringify(record.fields))].join(',') + '\n',
    );
    for (const stream of [outs[n % BATCHES], csv]) if (stream.writableNeedDrain) await new Promise<void>((r) => stream.once('drain', () => r()));
  }
  await Promise.all([...outs, csv].map((s) => new Promise((r) => s.end(r))));
  return { ndjson, csv: csvPath };
}

/** Uploads one file as one import batch, chunk after chunk (two in flight); returns the final counters. */
async function importFile(client: Rpc, file: string, department: string, pace: (sent: number) => Promise<void>): Promise<ImportView> {
  const batch = await call<ImportView>(client, 'createImport', { providerDepartmentId: department, format: ImportFormat.IMPORT_FORMAT_NDJSON, clientBatchKey: file });
  let rows: string[] = [];
  let first = 1;
  let line = 0;
  // As the gateway's upload does: two chunks in flight (the next is validated while the one before is stored).
  let previous: Promise<unknown> | null = null;
  const send = async () => {
    await pace(first - 1);
    const sent = call(client, 'appendImportRows', { providerDepartmentId: department, importId: batch.importId, firstLine: first, rows });
    sent.catch(() => undefined);
    const before = previous;
    previous = sent;
    await before;
  };
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    line += 1;
    rows.push(text);
    if (rows.length === CHUNK) {
      await send();
      first = line + 1;
      rows = [];
    }
  }
  if (rows.length > 0) await send();
  await previous;
  return call<ImportView>(client, 'completeImport', { providerDepartmentId: department, importId: batch.importId, lastLine: line });
}

/** One throttled VACUUM (ANALYZE) of the whole database on its own connection (skipped while one still runs). */
let vacuuming = false;
async function vacuumLikeAutovacuum(url: string): Promise<void> {
  if (vacuuming) return;
  vacuuming = true;
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    await client.query(`SET vacuum_cost_delay = '2ms'`);
    await client.query('VACUUM (ANALYZE)');
  } catch {
    // the database may be going away at the end of the run
  } finally {
    await client.end().catch(() => undefined);
    vacuuming = false;
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const db = await createTestDatabase('bench_import');
  const apps: INestApplication[] = [];
  let broker: KafkaTestBroker | null = null;
  let bus: Awaited<ReturnType<typeof createEventBus>> | null = null;
  try {
    let t = Date.now();
    const files = await writeFiles(dir);
    console.log(`generated ${RECORDS.toLocaleString('en-US')} records in ${seconds(Date.now() - t)} s`);

    const env: Record<string, string> = { DATABASE_URL: db.url, LOG_LEVEL: 'warn' };
    if (KAFKA) {
      ensureKafkaTestBrokerBuilt();
      const partitions = (name: string) => (name === Topics.records ? RECORDS_PARTITIONS : 6);
      broker = await startKafkaTestBroker({ brokers: 1, topics: allTopics().map((name) => ({ name, partitions: partitions(name), replicas: 1 })) });
      console.log(`Kafka test broker: ${RECORDS_PARTITIONS} partitions for ${Topics.records}; it keeps at most 5 MB per partition (~${Math.round((RECORDS_PARTITIONS * 5_000_000) / 350).toLocaleString('en-US')} records): a consumer further behind loses its place`);
      env.KAFKA_BROKERS = broker.bootstrap.join(',');
      env.KAFKA_SESSION_TIMEOUT_MS = '6000';
    }
    const config = readRuntimeConfig(new EnvReader(env));
    const log = createLogger({ level: 'warn', service: 'bench' });
    bus = await createEventBus(config, { clientId: 'bench', databaseUrl: db.url, log });
    const deps = (service: string): ServiceDeps => ({ config, databaseUrl: db.url, embeddedDatabase: false, bus: bus!, log: createLogger({ level: 'warn', service }), poolSize: 5 });
    const grpcPort = await freePort();
    apps.push(
      await startService({
        serviceName: 'record-collection',
        module: RecordCollectionModule.forRoot(deps('record-collection')),
        deps: deps('record-collection'),
        http: { host: '127.0.0.1', port: 0 },
        grpc: { host: '127.0.0.1', port: grpcPort, protoFile: ProtoFiles.recordCollection },
      }),
    );
    const startCreditCheck = async () =>
      apps.push(await startService({ serviceName: 'credit-check', module: CreditCheckModule.forRoot(deps('credit-check')), deps: deps('credit-check'), http: { host: '127.0.0.1', port: 0 } }));
    if (!STORAGE_ONLY && !DRAIN) await startCreditCheck();
    const definition = loadSync(join(PROTO_ROOT, ProtoFiles.recordCollection), GRPC_LOADER_OPTIONS);
    const pkg = loadPackageDefinition(definition) as unknown as { credit: { v1: Record<string, new (url: string, c: unknown, o: unknown) => Rpc> } };
    const client = new pkg.credit.v1.RecordImportService(`127.0.0.1:${grpcPort}`, credentials.createInsecure(), {
      'grpc.max_send_message_length': 64 * 1024 * 1024,
      'grpc.max_receive_message_length': 64 * 1024 * 1024,
    });
    let creditCheckStarted = !DRAIN;
    const consumed = async () =>
      STORAGE_ONLY || !creditCheckStarted ? 0 : Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM credit_check.profile_record'))[0].n);

    const outboxPending = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM record_collection.outbox'))[0].n);

    // The import: until every chunk is stored (CompleteImport answered), then until credit-check has every record.
    const cpuStart = await cpuNow(db);
    t = Date.now();
    let consumedAtEnd = 0;
    const progress = setInterval(() => {
      void Promise.all([consumed(), outboxPending()]).then(([n, pending]) =>
        process.stdout.write(`  … consumed ${n.toLocaleString('en-US')} after ${seconds(Date.now() - t)} s (record-collection outbox: ${pending.toLocaleString('en-US')} unpublished)\n`),
      );
    }, PROGRESS_MS);
    const vacuum = VACUUM_MS > 0 ? setInterval(() => void vacuumLikeAutovacuum(db.url), VACUUM_MS) : null;
    // Lines sent per batch file; with --max-lag the import waits for the consumer (see MAX_LAG).
    const sentPerFile = files.ndjson.map(() => 0);
    let paced = 0;
    const pace = (b: number) => async (sent: number) => {
      sentPerFile[b] = sent;
      if (MAX_LAG <= 0 || STORAGE_ONLY || DRAIN) return;
      const started = Date.now();
      while (sentPerFile.reduce((a, n) => a + n, 0) - (await consumed()) > MAX_LAG) await new Promise((r) => setTimeout(r, 200));
      paced += Date.now() - started;
    };
    const views = await Promise.all(files.ndjson.map((f, b) => importFile(client, f, `BENCH-${b}`, pace(b))));
    const stored = Date.now() - t;
    const cpuStored = cpuSince(cpuStart, await cpuNow(db));
    consumedAtEnd = await consumed();
    const accepted = views.reduce((s, v) => s + Number(v.accepted), 0);
    const rejected = views.reduce((s, v) => s + Number(v.rejected), 0);
    let drainStart = 0;
    if (DRAIN) {
      while ((await outboxPending()) > 0) await new Promise((r) => setTimeout(r, 100));
      await startCreditCheck();
      drainStart = Date.now();
      creditCheckStarted = true;
    }
    // Counting a table of a million rows is itself work (a parallel scan on both cores): every 100 ms only once
    // fewer than 5,000 records are missing, every second before.
    for (let missing = accepted - (await consumed()); !STORAGE_ONLY && missing > 0; missing = accepted - (await consumed())) {
      await new Promise((r) => setTimeout(r, missing > 5_000 ? 1_000 : 100));
    }
    clearInterval(progress);
    if (vacuum) clearInterval(vacuum);
    const endToEnd = Date.now() - t;
    const cpuEndToEnd = cpuSince(cpuStart, await cpuNow(db));
    const drained = Date.now() - drainStart;

    // The physical limit: the same rows COPYed into a bare table (no indexes, no validation).
    await db.query(`CREATE TABLE bench_copy (department text, catalogue_item_code text, subject_type text, subject_name text, uscc text, id_number text,
      decision_number text, decision_date date, severity text, fields jsonb)`);
    t = Date.now();
    const copy = spawnSync('psql', [db.url, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy bench_copy FROM '${files.csv}' CSV`], { encoding: 'utf8' });
    const copied = Date.now() - t;
    if (copy.status !== 0) throw new Error(`COPY failed: ${copy.stderr}`);

    const mode = KAFKA ? 'Kafka (test broker)' : 'standalone (in-process bus)';
    console.log(`\n${mode}, ${RECORDS.toLocaleString('en-US')} records, ${BATCHES} batch(es), chunks of ${CHUNK} lines`);
    if (MAX_LAG > 0 && !STORAGE_ONLY && !DRAIN) console.log(`paced: at most ${MAX_LAG.toLocaleString('en-US')} records ahead of credit-check (--max-lag); waited ${seconds(paced)} s for it`);
    console.log(`accepted ${accepted.toLocaleString('en-US')}, rejected ${rejected}`);
    console.log(`| measure | time s | records/s |\n|---|---|---|`);
    console.log(`| import into storage (CompleteImport answered) | ${seconds(stored)} | ${rate(accepted, stored)} |`);
    console.log(`| end to end (every record in credit_check.profile_record) | ${seconds(endToEnd)} | ${rate(accepted, endToEnd)} |`);
    console.log(`| plain \\copy into a bare table | ${seconds(copied)} | ${rate(RECORDS, copied)} |`);
    if (DRAIN) console.log(`| credit-check draining the backlog (started after the import; from its start) | ${seconds(drained)} | ${rate(accepted, drained)} |`);
    const perThousand = (c: { node: number; pg: number }) => `Node ${((c.node * 1000) / accepted).toFixed(2)} s + PostgreSQL ${((c.pg * 1000) / accepted).toFixed(2)} s`;
    console.log(`CPU per 1,000 records: storage ${perThousand(cpuStored)}; end to end ${perThousand(cpuEndToEnd)} (load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`);
    console.log(`consumed by credit-check when the import ended: ${consumedAtEnd.toLocaleString('en-US')}; last record checkable ${seconds(endToEnd - stored)} s after the import's end`);
    console.log(`import / COPY = ${(copied / stored).toFixed(3)} (storage), ${(copied / endToEnd).toFixed(3)} (end to end)`);
    (client as unknown as { close(): void }).close();
  } finally {
    for (const app of apps.reverse()) await app.close();
    await bus?.close();
    await broker?.stop();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
