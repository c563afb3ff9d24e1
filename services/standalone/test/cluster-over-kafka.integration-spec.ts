/**
 * The slice in cluster mode: gateway, record-collection and credit-check as separate processes,
 * connected only through the Kafka test broker (events) and gRPC (gateway → services), on a real
 * PostgreSQL. Covers delivery under a broker outage, a consumer killed mid-stream, redelivery, a
 * poison event, and the wire format as an independent client (kcat + protoc) sees it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { allTopics, Events, Topics } from '@credit/contracts';
import { CE } from '@credit/messaging';
import {
  createTestDatabase,
  eventually,
  freePort,
  kafkaTestClientSettings,
  obtainToken,
  penaltyRecord,
  spawnService,
  startKafkaTestBroker,
  uniqueUscc,
  type KafkaTestBroker,
  type ServiceProcess,
  type TestDatabase,
} from '@credit/testing';
import { Kafka, logLevel } from 'kafkajs';
import { withGatewayAdmin } from '@credit/service-gateway';

const ROOT = join(__dirname, '..', '..', '..');

describe('cluster over Kafka', () => {
  let broker: KafkaTestBroker;
  let db: TestDatabase;
  let token: string;
  let gatewayUrl: string;
  let creditCheck: ServiceProcess;
  let creditCheckEnv: Record<string, string>;
  let creditCheckHttp: number;
  const processes: ServiceProcess[] = [];

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${gatewayUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const check = (uscc: string) => post('/api/v1/checks', { subject: { type: 'LEGAL_PERSON', name: '任意', uscc }, matterType: 'OTHER_ADMIN_MATTERS' });

  beforeAll(async () => {
    broker = await startKafkaTestBroker({ brokers: 3, topics: allTopics().map((name) => ({ name, partitions: 3, replicas: 3 })) });
    db = await createTestDatabase('cluster_kafka');
    const [rcHttp, rcGrpc, ccHttp, ccGrpc, gwHttp] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
    const common = { DATABASE_URL: db.url, KAFKA_BROKERS: broker.bootstrap.join(','), KAFKA_SESSION_TIMEOUT_MS: '6000', HOST: '127.0.0.1' };
    creditCheckHttp = ccHttp;
    creditCheckEnv = { ...common, HTTP_PORT: String(ccHttp), GRPC_PORT: String(ccGrpc), LOG_LEVEL: 'debug' };
    // record-collection first: it creates its schema; the others start in parallel.
    const [rc, cc] = await Promise.all([
      spawnService('record-collection', 'services/record-collection/src/main.ts', { ...common, HTTP_PORT: String(rcHttp), GRPC_PORT: String(rcGrpc) }, `http://127.0.0.1:${rcHttp}/health/ready`),
      spawnService('credit-check', 'services/credit-check/src/main.ts', creditCheckEnv, `http://127.0.0.1:${ccHttp}/health/ready`),
    ]);
    creditCheck = cc;
    const gw = await spawnService(
      'gateway',
      'services/gateway/src/main.ts',
      { ...common, HTTP_PORT: String(gwHttp), RECORD_COLLECTION_GRPC: `127.0.0.1:${rcGrpc}`, CREDIT_CHECK_GRPC: `127.0.0.1:${ccGrpc}` },
      `http://127.0.0.1:${gwHttp}/health/ready`,
    );
    processes.push(rc, gw);
    gatewayUrl = `http://127.0.0.1:${gwHttp}`;
    const issued = await withGatewayAdmin(db.url, ({ clients }) =>
      clients.createClient({ departmentId: 'T-SCJGJ', departmentName: '测试市场监管局', name: 'it', scopes: ['records:write', 'checks:perform'] }),
    );
    token = await obtainToken(gatewayUrl, issued.clientId, issued.clientSecret);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...processes, creditCheck].map((p) => p?.stop()));
    await broker?.stop();
    await db?.drop();
  }, 60_000);

  it('a record submitted at the gateway is returned by a check', async () => {
    const record = penaltyRecord();
    const submitted = await post('/api/v1/records', record);
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ version: 1, outcome: 'CREATED', subjectKey: `ORG:${record.subject.uscc}` });

    const profile = await eventually('the record in the profile', async () => {
      const { body } = await check(record.subject.uscc);
      return body.found && body.records.length === 1 ? body : undefined;
    });
    expect(profile.records[0]).toMatchObject({
      recordId: submitted.body.recordId,
      decisionNumber: record.decisionNumber,
      severity: 'GENERAL',
      adverse: true,
      providerDepartmentId: 'T-SCJGJ',
      publicityStart: '2026-11-02',
      publicityEnd: '2027-11-02',
    });
    // An identical re-submission is a no-op: 200, same id, no new version.
    const again = await post('/api/v1/records', record);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ recordId: submitted.body.recordId, version: 1, outcome: 'UNCHANGED' });
  });

  it('a trace id sent to the gateway reaches the event and the consumer\'s log line for it', async () => {
    const traceId = randomBytes(16).toString('hex');
    const record = penaltyRecord();
    const response = await fetch(`${gatewayUrl}/api/v1/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
      body: JSON.stringify(record),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('traceparent')).toContain(traceId);
    const { recordId } = (await response.json()) as { recordId: string };
    const line = await eventually('the consumer log line', () =>
      creditCheck
        .output()
        .split('\n')
        .find((l) => l.includes(`"eventId":"record-${recordId}-v1"`) && l.includes('event applied')),
    );
    expect(JSON.parse(line)).toMatchObject({ traceId, consumer: 'credit-check.profile', msg: 'event applied' });
  });

  it('exports consumer lag, consumed events and outbox backlog as metrics (Kafka)', async () => {
    const metrics = await eventually('lag measured', async () => {
      const text = await (await fetch(`http://127.0.0.1:${creditCheckHttp}/metrics`)).text();
      return /credit_consumer_lag\{service="credit-check",consumer="credit-check.profile",topic="credit.records.v1"\} \d+/.test(text) ? text : undefined;
    });
    expect(metrics).toMatch(/credit_events_consumed_total\{service="credit-check",consumer="credit-check.profile",type="cn.credit.record.collected.v1",outcome="applied"\} [1-9]/);
    expect(metrics).toMatch(/credit_outbox_pending\{service="credit-check"\} \d+/);
    // The gauge is sampled, and the earlier tests' checks leave events on their way to Kafka: it reaches 0 once relayed.
    await eventually('the outbox backlog reported drained', async () => {
      const text = await (await fetch(`http://127.0.0.1:${creditCheckHttp}/metrics`)).text();
      return /credit_outbox_pending\{service="credit-check"\} 0\b/.test(text) ? true : undefined;
    });
  });

  it('the event on the wire carries CloudEvents headers and a protobuf payload (kcat + protoc)', async () => {
    const record = penaltyRecord();
    const { body: submitted } = await post('/api/v1/records', record);
    const key = `ORG:${record.subject.uscc}`;
    const kcat = (...args: string[]) => spawnSync('kcat', ['-b', broker.bootstrap.join(','), '-C', '-t', Topics.records, '-e', '-q', ...args], { timeout: 15_000 });
    // kcat, an independent librdkafka client: find the message (key, partition, offset, headers)…
    const line = await eventually('the event through kcat', async () =>
      kcat('-o', 'beginning', '-f', '%k\t%p\t%o\t%h\n').stdout.toString('utf8').split('\n').find((l) => l.startsWith(`${key}\t`)),
    );
    const [, partition, offset, headers] = line.split('\t');
    expect(headers).toContain('ce_specversion=1.0');
    expect(headers).toContain(`ce_type=${Events.RecordCollected.type}`);
    expect(headers).toContain(`ce_subject=${key}`);
    expect(headers).toContain('ce_source=/credit/record-collection');
    expect(headers).toContain(`ce_id=record-${submitted.recordId}-v1`);
    expect(headers).toMatch(/ce_time=\d{4}-\d{2}-\d{2}T/);
    expect(headers).toContain('content-type=application/protobuf');
    expect(headers).toMatch(/traceparent=00-[0-9a-f]{32}-[0-9a-f]{16}-01/); // the request's trace travels with the event
    // …then its raw value, decoded by protoc from the .proto files alone.
    const payload = kcat('-p', partition, '-o', offset, '-c', '1', '-f', '%s').stdout;
    const decoded = execFileSync('protoc', [`--proto_path=${join(ROOT, 'proto')}`, '--decode=credit.v1.RecordCollected', 'credit/v1/records.proto'], { input: payload }).toString();
    expect(decoded).toContain(`record_id: "${submitted.recordId}"`);
    expect(decoded).toContain(`key: "${key}"`);
    expect(decoded).toContain('decision_date: "2026-11-02"');
    expect(decoded).toContain('severity: SEVERITY_TIER_GENERAL');
    expect(decoded).toContain('catalogue_item_code: "ADMIN_PENALTY"');
  });

  it('loses nothing while a broker is down, and applies each record once', async () => {
    const records = Array.from({ length: 30 }, () => penaltyRecord());
    // Every partition of the records topic led by broker 1, so taking it down really stops publishing
    // (the mock has no failover; leaders otherwise land on any broker).
    for (let partition = 0; partition < 3; partition += 1) await broker.setLeader(Topics.records, partition, 1);
    const first = records.slice(0, 10);
    for (const r of first) expect((await post('/api/v1/records', r)).status).toBe(201);
    await broker.down(1);
    await broker.down(2);
    const during = records.slice(10);
    try {
      for (const r of during) expect((await post('/api/v1/records', r)).status).toBe(201); // stored; events wait in the outbox
      await new Promise((r) => setTimeout(r, 3000));
      const [{ pending }] = await db.query<{ pending: number }>('SELECT count(*)::int AS pending FROM record_collection.outbox');
      expect(pending).toBeGreaterThan(0); // the outage really held events back
    } finally {
      await broker.up(1);
      await broker.up(2);
    }
    const keys = records.map((r) => `ORG:${r.subject.uscc}`);
    await eventually('all 30 records in profiles', async () => {
      const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM credit_check.profile_record WHERE subject_key = ANY($1)', [keys]);
      return n === 30 ? n : undefined;
    }, 60_000);
    const counts = await db.query<{ adverse_count: number }>('SELECT adverse_count FROM credit_check.subject_profile WHERE subject_key = ANY($1)', [keys]);
    expect(counts).toHaveLength(30);
    expect(counts.every((c) => c.adverse_count === 1)).toBe(true);
  }, 120_000);

  it('a consumer killed mid-stream (before committing) leaves correct profiles after restart', async () => {
    const records = Array.from({ length: 60 }, () => penaltyRecord());
    const keys = records.map((r) => `ORG:${r.subject.uscc}`);
    const submitting = (async () => {
      for (const r of records) await post('/api/v1/records', r);
    })();
    await eventually('some of the batch applied', async () => {
      const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM credit_check.profile_record WHERE subject_key = ANY($1)', [keys]);
      return n >= 5 ? n : undefined;
    }, 60_000, 20);
    await creditCheck.kill();
    await submitting;
    creditCheck = await spawnService('credit-check', 'services/credit-check/src/main.ts', creditCheckEnv, `http://127.0.0.1:${creditCheckHttp}/health/ready`);
    await eventually('all 60 records after the restart', async () => {
      const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM credit_check.profile_record WHERE subject_key = ANY($1)', [keys]);
      return n === 60 ? n : undefined;
    }, 90_000);
    const counts = await db.query<{ adverse_count: number }>('SELECT adverse_count FROM credit_check.subject_profile WHERE subject_key = ANY($1)', [keys]);
    expect(counts.map((c) => c.adverse_count)).toEqual(Array(60).fill(1));
  }, 180_000);

  it('a redelivered event is a no-op and a poison event goes to the DLQ while the partition keeps flowing', async () => {
    const kafka = new Kafka({ clientId: 'it-producer', brokers: broker.bootstrap, logLevel: logLevel.NOTHING, ...kafkaTestClientSettings.client });
    const producer = kafka.producer({ idempotent: false });
    await producer.connect();
    try {
      // Take a real event off the topic and send it again, as a broker redelivery would.
      const record = penaltyRecord();
      await post('/api/v1/records', record);
      const key = `ORG:${record.subject.uscc}`;
      await eventually('first delivery', async () => ((await check(record.subject.uscc)).body.found ? true : undefined));
      const [original] = await db.query<{ event_id: string }>(`SELECT event_id FROM credit_check.inbox WHERE event_id LIKE 'record-%' ORDER BY processed_at DESC LIMIT 1`);
      expect(original).toBeDefined();

      const poisonKey = `ORG:${uniqueUscc()}`;
      await producer.send({
        topic: Topics.records,
        acks: -1,
        messages: [
          {
            key: poisonKey,
            value: Buffer.from([0xff, 0xff, 0xff, 0x0f]),
            headers: { [CE.specversion]: '1.0', [CE.id]: 'poison-1', [CE.type]: Events.RecordCollected.type, [CE.source]: '/it', [CE.subject]: poisonKey },
          },
        ],
      });
      // A good record for the same key after the poison: it must still be applied.
      const follower = penaltyRecord();
      await post('/api/v1/records', follower);
      await eventually('the follower applied', async () => ((await check(follower.subject.uscc)).body.found ? true : undefined), 60_000);

      const dlq = kafka.consumer({ groupId: `it-dlq-${Date.now()}`, ...kafkaTestClientSettings.consumer });
      await dlq.connect();
      await dlq.subscribe({ topic: `${Topics.records}.dlq`, fromBeginning: true });
      const dead: Record<string, string>[] = [];
      await dlq.run({
        eachMessage: async ({ message }) => {
          dead.push(Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])));
        },
      });
      const poison = await eventually('the poison event in the DLQ', async () => dead.find((h) => h[CE.id] === 'poison-1'), 60_000);
      await dlq.disconnect();
      expect(poison['x-error-kind']).toBe('non-retryable');
      expect(poison['x-error-message']).toMatch(/undecodable credit\.v1\.RecordCollected/);
      expect(poison['x-consumer']).toBe('credit-check.profile');
      expect(poison['x-original-topic']).toBe(Topics.records);

      const before = await db.query('SELECT * FROM credit_check.profile_record WHERE subject_key = $1', [key]);
      const [{ n: inboxBefore }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM credit_check.inbox');
      // Redeliver the first record's event verbatim.
      const kcat = spawnSync('kcat', ['-b', broker.bootstrap.join(','), '-C', '-t', Topics.records, '-o', 'beginning', '-e', '-q', '-f', '%k\n'], { encoding: 'utf8', timeout: 15_000 });
      expect(kcat.stdout).toContain(key);
      const replay = kafka.consumer({ groupId: `it-replay-${Date.now()}`, ...kafkaTestClientSettings.consumer });
      await replay.connect();
      await replay.subscribe({ topic: Topics.records, fromBeginning: true });
      let resent = false;
      await replay.run({
        eachMessage: async ({ message }) => {
          if (!resent && message.key?.toString() === key) {
            resent = true;
            await producer.send({ topic: Topics.records, acks: -1, messages: [{ key, value: message.value, headers: message.headers }] });
          }
        },
      });
      await eventually('the event resent', async () => (resent ? true : undefined), 30_000);
      await replay.disconnect();
      // A marker after the resend on the same key tells us the consumer went past it.
      const marker = penaltyRecord({ uscc: record.subject.uscc, decisionNumber: `${record.decisionNumber}-marker` });
      await post('/api/v1/records', marker);
      await eventually('the marker applied', async () => ((await check(record.subject.uscc)).body.records.length === 2 ? true : undefined), 60_000);
      const after = await db.query('SELECT * FROM credit_check.profile_record WHERE subject_key = $1 AND record_id = $2', [key, (before[0] as { record_id: string }).record_id]);
      expect(after).toEqual(before);
      const [{ n: inboxAfter }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM credit_check.inbox');
      expect(inboxAfter).toBe(inboxBefore + 1); // only the marker was new
    } finally {
      await producer.disconnect();
    }
  }, 180_000);
});
