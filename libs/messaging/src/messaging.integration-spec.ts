/**
 * Outbox → relay → bus → consumer (inbox) on a real PostgreSQL with the in-process bus (standalone
 * mode's transport): ordering, redelivery, retries and the DLQ. The same consumer code runs over Kafka
 * in services/standalone/test/cluster-over-kafka.integration-spec.ts.
 */
import { Events, Topics, type RecordCollected } from '@credit/contracts';
import { serviceDataSourceOptions } from '@credit/database';
import { createTestDatabase, eventually, recordCollectedEvent, type TestDatabase } from '@credit/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CE, X } from './cloud-events';
import { EventConsumer, type EventHandlers } from './consumer/event-consumer';
import { InProcessEventBus } from './in-process/in-process-event-bus';
import { InboxEntity } from './inbox/inbox.entity';
import { silentLog } from './logger';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxEntity } from './outbox/outbox.entity';
import { UnitOfWork } from './unit-of-work';

const SCHEMA = 'msg_test';

const recordEvent = (subjectKey: string, n: number): RecordCollected => recordCollectedEvent(subjectKey, n);

describe('messaging on PostgreSQL with the in-process bus', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let bus: InProcessEventBus;
  let uow: UnitOfWork;
  let relay: OutboxRelay;
  const consumers: EventConsumer[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('messaging');
    await db.query(`CREATE SCHEMA ${SCHEMA}`);
    await db.query(`CREATE TABLE ${SCHEMA}.applied (event_id text, subject_key text, decision_number text, seq bigserial)`);
    dataSource = await new DataSource({
      ...serviceDataSourceOptions({ url: db.url, schema: SCHEMA, entities: [OutboxEntity, InboxEntity], migrations: [], poolSize: 4 }),
      synchronize: true, // test-only schema for the lib's own entities; services use checked-in migrations
    }).initialize();
    bus = await InProcessEventBus.create({ url: db.url, log: silentLog, pollIntervalMs: 200 });
    uow = new UnitOfWork(dataSource, '/test', null);
    relay = new OutboxRelay(dataSource, bus, { schema: SCHEMA, pollIntervalMs: 200 }, silentLog);
    uow.attachRelay(relay);
    await relay.start();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await relay.stop();
    await bus.close();
    await dataSource.destroy();
    await db.drop();
  });

  async function consumer(name: string, handlers: EventHandlers, retryTopicDelaysMs = [50]): Promise<EventConsumer> {
    const c = new EventConsumer(uow, bus, { name, schema: SCHEMA, topics: [Topics.records], handlers, retry: { inPlaceAttempts: 2, inPlaceBaseDelayMs: 10, retryTopicDelaysMs } }, silentLog);
    consumers.push(c);
    await c.start();
    return c;
  }

  const emit = (subjectKey: string, n: number) =>
    uow.run(async (tx) => {
      tx.emit({ definition: Events.RecordCollected, subjectKey, id: `evt-${subjectKey}-${n}`, payload: recordEvent(subjectKey, n) });
    });

  it('delivers every committed event once in effect, in order per key; a rolled-back one never', async () => {
    const seen: string[] = [];
    await consumer('order', {
      RecordCollected: async (e, ctx) => {
        seen.push(`${ctx.subjectKey}:${e.decisionNumber}`);
        await ctx.manager.query(`INSERT INTO ${SCHEMA}.applied (event_id, subject_key, decision_number) VALUES ($1, $2, $3)`, [ctx.eventId, ctx.subjectKey, e.decisionNumber]);
      },
    });
    await expect(
      uow.run(async (tx) => {
        tx.emit({ definition: Events.RecordCollected, subjectKey: 'ORG:ROLLBACK', payload: recordEvent('ORG:ROLLBACK', 0) });
        throw new Error('business failure');
      }),
    ).rejects.toThrow('business failure');
    for (let n = 1; n <= 20; n += 1) await emit(n % 2 ? 'ORG:A' : 'ORG:B', n);

    const rows = await eventually('20 events applied', async () => {
      const r = await db.query<{ subject_key: string; decision_number: string }>(`SELECT subject_key, decision_number FROM ${SCHEMA}.applied ORDER BY seq`);
      return r.length >= 20 ? r : undefined;
    });
    expect(rows).toHaveLength(20);
    const order = (key: string) => rows.filter((r) => r.subject_key === key).map((r) => Number(r.decision_number.slice(2)));
    expect(order('ORG:A')).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
    expect(order('ORG:B')).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    expect(seen.some((s) => s.startsWith('ORG:ROLLBACK'))).toBe(false);
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${SCHEMA}.outbox`);
    expect(n).toBe(0);
  });

  it('a redelivered event is a no-op (inbox)', async () => {
    let applied = 0;
    const c = await consumer('redelivery', { RecordCollected: async (_e, ctx) => void (ctx.subjectKey === 'ORG:R' && (applied += 1)) });
    await emit('ORG:R', 100);
    await eventually('first delivery', async () => (applied === 1 ? true : undefined));
    const [row] = await db.query<{ headers: Record<string, string>; payload: Buffer; message_key: string; seq: string }>(
      `SELECT headers, payload, message_key, seq FROM bus.messages WHERE headers->>'ce_id' = 'evt-ORG:R-100'`,
    );
    await c.handle({ topic: Topics.records, key: row.message_key, value: row.payload, headers: row.headers, partition: 0, offset: row.seq });
    await c.handle({ topic: Topics.records, key: row.message_key, value: row.payload, headers: row.headers, partition: 0, offset: row.seq });
    expect(applied).toBe(1);
  });

  it('a failing handler goes through the retry topic to the DLQ with the error in headers, and later events still flow', async () => {
    const applied: string[] = [];
    let attempts = 0;
    await consumer('poison', {
      RecordCollected: async (e) => {
        if (e.decisionNumber === 'N-201') {
          attempts += 1;
          throw new Error('cannot apply N-201');
        }
        applied.push(e.decisionNumber);
      },
    });
    await emit('ORG:P', 201);
    await emit('ORG:P', 202);
    await eventually('the event after the poison applied', async () => (applied.includes('N-202') ? true : undefined));
    const dead = await eventually('the poison in the DLQ', async () => {
      const r = await db.query<{ headers: Record<string, string> }>(`SELECT headers FROM bus.messages WHERE topic = $1 AND headers->>'${X.consumer}' = 'poison'`, [`${Topics.records}.dlq`]);
      return r[0];
    });
    expect(dead.headers[CE.id]).toBe('evt-ORG:P-201');
    expect(dead.headers[X.errorMessage]).toContain('cannot apply N-201');
    expect(dead.headers[X.errorKind]).toBe('handler-failed');
    expect(dead.headers[X.originalTopic]).toBe(Topics.records);
    expect(attempts).toBe(4); // 2 in place + 2 after one pass through the retry topic
    expect(applied).not.toContain('N-201');
  });

  it('reports consumer lag per topic: what is on the topic and not yet committed by the group', async () => {
    await eventually('the order group caught up', async () => ((await bus.lag('order', [Topics.records]))[Topics.records] === 0 ? true : undefined));
    const before = (await bus.lag('never-started', [Topics.records]))[Topics.records];
    expect(before).toBeGreaterThan(0); // a group that never consumed is behind by the whole topic
    await emit('ORG:L', 250);
    await eventually('one more on the topic', async () => ((await bus.lag('never-started', [Topics.records]))[Topics.records] === before + 1 ? true : undefined));
  });

  it('relays what was committed while the relay was stopped, once it starts again', async () => {
    await relay.stop();
    await emit('ORG:S', 300);
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${SCHEMA}.outbox`);
    expect(n).toBe(1);
    await relay.start();
    await eventually('outbox drained', async () => {
      const [{ m }] = await db.query<{ m: number }>(`SELECT count(*)::int AS m FROM ${SCHEMA}.outbox`);
      return m === 0 ? true : undefined;
    });
  });

  it('on a real PostgreSQL, a NOTIFY from the unit of work wakes a listening relay in another process', async () => {
    const listener = new Client({ connectionString: db.url });
    await listener.connect();
    const got = new Promise<string>((resolve) => listener.on('notification', (m) => resolve(m.channel)));
    await listener.query('LISTEN credit_outbox_msg_test');
    const notifying = new UnitOfWork(dataSource, '/test', 'credit_outbox_msg_test');
    await notifying.run(async (tx) => tx.emit({ definition: Events.RecordCollected, subjectKey: 'ORG:N', payload: recordEvent('ORG:N', 400) }));
    await expect(got).resolves.toBe('credit_outbox_msg_test');
    await listener.end();
  });
});
