/**
 * Batch consumption (EventConsumer `batch` + `batchHandlers`) on BOTH transports: the in-process bus on
 * PostgreSQL and the Kafka test broker. Per-key order, idempotent redelivery of a batch, and a poison event
 * in a batch that goes through the retry topic to the DLQ while the rest of the batch applies.
 */
import { allTopics, dlqTopic, Events, Topics, type RecordCollected } from '@credit/contracts';
import { serviceDataSourceOptions } from '@credit/database';
import { createTestDatabase, ensureKafkaTestBrokerBuilt, eventually, recordCollectedEvent, startKafkaTestBroker, type KafkaTestBroker, type TestDatabase } from '@credit/testing';
import { DataSource } from 'typeorm';
import { CE, encodeEvent, X, type OutgoingEvent } from './cloud-events';
import { EventConsumer } from './consumer/event-consumer';
import type { BusSubscription, DeliveredMessage, EventBus } from './event-bus';
import { InProcessEventBus } from './in-process/in-process-event-bus';
import { InboxEntity } from './inbox/inbox.entity';
import { KafkaEventBus } from './kafka/kafka-event-bus';
import { silentLog } from './logger';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxEntity } from './outbox/outbox.entity';
import { UnitOfWork } from './unit-of-work';

jest.setTimeout(60_000);

const SCHEMA = 'msg_batch';
const MAX_SIZE = 10;

const recordEvent = (subjectKey: string, decisionNumber: string, n: number): RecordCollected => recordCollectedEvent(subjectKey, n, { decisionNumber });

const event = (subjectKey: string, decisionNumber: string, n: number): OutgoingEvent<RecordCollected> => ({
  definition: Events.RecordCollected,
  subjectKey,
  id: `evt-${decisionNumber}`,
  payload: recordEvent(subjectKey, decisionNumber, n),
});

/** The message a bus would deliver for an event (for redelivering by hand, as the bus does after a crash). */
function delivered(e: OutgoingEvent<RecordCollected>, offset: number): DeliveredMessage {
  const encoded = encodeEvent(e, '/test');
  return { topic: encoded.topic, key: encoded.key, value: encoded.value, headers: encoded.headers, partition: 0, offset: String(offset) };
}

interface Transport {
  bus: EventBus;
  close(): Promise<void>;
}

const transports: [string, (db: TestDatabase) => Promise<Transport>][] = [
  [
    'the in-process bus',
    async (db) => {
      const bus = await InProcessEventBus.create({ url: db.url, log: silentLog, pollIntervalMs: 200 });
      return { bus, close: () => bus.close() };
    },
  ],
  [
    'the Kafka test broker',
    async () => {
      ensureKafkaTestBrokerBuilt();
      const broker: KafkaTestBroker = await startKafkaTestBroker({ brokers: 1, topics: allTopics().map((name) => ({ name, partitions: 3, replicas: 1 })) });
      const bus = new KafkaEventBus({ brokers: broker.bootstrap, clientId: 'batch-test', log: silentLog, sessionTimeoutMs: 6000, heartbeatIntervalMs: 500, maxWaitTimeMs: 100 });
      await bus.connect();
      return {
        bus,
        close: async () => {
          await bus.close();
          await broker.stop();
        },
      };
    },
  ],
];

describe.each(transports)('batch consumption over %s', (_label, makeTransport) => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let transport: Transport;
  let uow: UnitOfWork;
  let relay: OutboxRelay;
  let consumer: EventConsumer;
  let dlqReader: BusSubscription;
  const dead: DeliveredMessage[] = [];
  /** Sizes of the batches the batch handler was given (an attempt that threw included). */
  const batchSizes: number[] = [];
  let poisonAttempts = 0;

  const applied = async (prefix: string) =>
    (
      await db.query<{ event_id: string; subject_key: string; decision_number: string }>(
        `SELECT event_id, subject_key, decision_number FROM ${SCHEMA}.applied WHERE decision_number LIKE $1 ORDER BY seq`,
        [`${prefix}%`],
      )
    ).map((r) => r.decision_number);

  beforeAll(async () => {
    db = await createTestDatabase('messaging_batch');
    await db.query(`CREATE SCHEMA ${SCHEMA}`);
    await db.query(`CREATE TABLE ${SCHEMA}.applied (event_id text, subject_key text, decision_number text, seq bigserial)`);
    dataSource = await new DataSource({
      ...serviceDataSourceOptions({ url: db.url, schema: SCHEMA, entities: [OutboxEntity, InboxEntity], migrations: [], poolSize: 4 }),
      synchronize: true, // test-only schema for the lib's own entities
    }).initialize();
    transport = await makeTransport(db);
    uow = new UnitOfWork(dataSource, '/test', null);
    relay = new OutboxRelay(dataSource, transport.bus, { schema: SCHEMA, pollIntervalMs: 200 }, silentLog);
    uow.attachRelay(relay);
    await relay.start();

    const insert = (rows: { eventId: string; subjectKey: string; decisionNumber: string }[]) => (manager: DataSource['manager']) =>
      manager.query(`INSERT INTO ${SCHEMA}.applied (event_id, subject_key, decision_number) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`, [
        rows.map((r) => r.eventId),
        rows.map((r) => r.subjectKey),
        rows.map((r) => r.decisionNumber),
      ]);
    consumer = new EventConsumer(
      uow,
      transport.bus,
      {
        name: 'batch',
        schema: SCHEMA,
        topics: [Topics.records],
        retry: { inPlaceAttempts: 2, inPlaceBaseDelayMs: 10, retryTopicDelaysMs: [50] },
        batch: { maxSize: MAX_SIZE, maxWaitMs: 50 },
        handlers: {
          RecordCollected: async (e, ctx) => {
            if (e.decisionNumber.startsWith('POISON')) {
              poisonAttempts += 1;
              throw new Error(`cannot apply ${e.decisionNumber}`);
            }
            await insert([{ eventId: ctx.eventId, subjectKey: ctx.subjectKey, decisionNumber: e.decisionNumber }])(ctx.manager);
          },
        },
        batchHandlers: {
          RecordCollected: async (events, ctx) => {
            batchSizes.push(events.length);
            if (events.some((e) => e.payload.decisionNumber.startsWith('POISON'))) throw new Error('a poison event in the batch');
            await insert(events.map((e) => ({ eventId: e.eventId, subjectKey: e.subjectKey, decisionNumber: e.payload.decisionNumber })))(ctx.manager);
          },
        },
      },
      silentLog,
    );
    await consumer.start();
    dlqReader = await transport.bus.subscribe({
      groupId: 'dlq-reader',
      topics: [dlqTopic(Topics.records)],
      handle: (m) => {
        dead.push(m);
        return Promise.resolve();
      },
    });
  });

  afterAll(async () => {
    await consumer?.stop();
    await dlqReader?.stop();
    await relay?.stop();
    await transport?.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('applies consecutive events in batches of at most maxSize, in order per key', async () => {
    const events = Array.from({ length: 40 }, (_, i) => event(i % 2 ? 'ORG:A' : 'ORG:B', `ORD-${String(i).padStart(2, '0')}`, i));
    await uow.run(async (tx) => events.forEach((e) => tx.emit(e)));

    const rows = await eventually('40 events applied', async () => {
      const r = await applied('ORD-');
      return r.length >= 40 ? r : undefined;
    });
    expect(rows).toHaveLength(40);
    const [{ n: inbox }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${SCHEMA}.inbox WHERE consumer = 'batch' AND event_id LIKE 'evt-ORD-%'`);
    expect(inbox).toBe(40);
    const order = (key: string) => events.filter((e) => e.subjectKey === key).map((e) => e.payload.decisionNumber);
    const appliedFor = async (key: string) =>
      (await db.query<{ decision_number: string }>(`SELECT decision_number FROM ${SCHEMA}.applied WHERE subject_key = $1 AND decision_number LIKE 'ORD-%' ORDER BY seq`, [key])).map(
        (r) => r.decision_number,
      );
    expect(await appliedFor('ORG:A')).toEqual(order('ORG:A'));
    expect(await appliedFor('ORG:B')).toEqual(order('ORG:B'));
    expect(Math.max(...batchSizes)).toBeGreaterThan(1); // really batched
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(MAX_SIZE);
  });

  it('keeps per-key order and applies each event once when the slices of several partitions go in one batch', async () => {
    const keys = Array.from({ length: 9 }, (_, k) => `ORG:M${k}`);
    const events = Array.from({ length: 180 }, (_, i) => event(keys[i % keys.length], `MIX-${String(i).padStart(3, '0')}`, 1000 + i));
    await uow.run(async (tx) => events.forEach((e) => tx.emit(e)));
    const rows = await eventually('180 events applied', async () => {
      const r = await applied('MIX-');
      return r.length >= 180 ? r : undefined;
    });
    expect(rows).toHaveLength(180);
    for (const key of keys) {
      const sent = events.filter((e) => e.subjectKey === key).map((e) => e.payload.decisionNumber);
      const got = await db.query<{ decision_number: string }>(`SELECT decision_number FROM ${SCHEMA}.applied WHERE subject_key = $1 AND decision_number LIKE 'MIX-%' ORDER BY seq`, [key]);
      expect(got.map((r) => r.decision_number)).toEqual(sent);
    }
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(MAX_SIZE);
  });

  it('a redelivered batch is a no-op, and a batch mixing applied and new events applies only the new ones', async () => {
    const old = Array.from({ length: 5 }, (_, i) => event('ORG:R', `RED-${i}`, 100 + i));
    await uow.run(async (tx) => old.forEach((e) => tx.emit(e)));
    await eventually('the first delivery', async () => ((await applied('RED-')).length === 5 ? true : undefined));

    await consumer.handleBatch(old.map((e, i) => delivered(e, i)));
    expect(await applied('RED-')).toEqual(['RED-0', 'RED-1', 'RED-2', 'RED-3', 'RED-4']);

    const fresh = event('ORG:R', 'RED-5', 105);
    await consumer.handleBatch([...old, fresh, fresh].map((e, i) => delivered(e, i)));
    expect(await applied('RED-')).toEqual(['RED-0', 'RED-1', 'RED-2', 'RED-3', 'RED-4', 'RED-5']);
  });

  it('a poison event in a batch goes through the retry topic to the DLQ while the others apply, in order', async () => {
    const before = poisonAttempts;
    const events = [event('ORG:P', 'PSN-1', 201), event('ORG:P', 'POISON-2', 202), event('ORG:P', 'PSN-3', 203), event('ORG:Q', 'PSN-4', 204)];
    await uow.run(async (tx) => events.forEach((e) => tx.emit(e)));

    const message = await eventually('the poison in the DLQ', async () => dead.find((m) => m.headers[CE.id] === 'evt-POISON-2'));
    expect(message.headers[X.consumer]).toBe('batch');
    expect(message.headers[X.errorKind]).toBe('handler-failed');
    expect(message.headers[X.errorMessage]).toContain('cannot apply POISON-2');
    expect(message.headers[X.originalTopic]).toBe(Topics.records);
    const others = await eventually('the others applied', async () => {
      const r = await applied('PSN-');
      return r.length === 3 ? r : undefined;
    });
    expect(others.filter((d) => d !== 'PSN-4')).toEqual(['PSN-1', 'PSN-3']); // ORG:P in order
    expect(others).toContain('PSN-4');
    // 2 attempts in place after the batch failed, 2 more after one pass through the retry topic
    expect(poisonAttempts - before).toBe(4);
    expect(await applied('POISON')).toEqual([]);
  });
});
