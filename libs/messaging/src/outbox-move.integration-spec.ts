/**
 * The outbox relay with the in-process bus moves rows with ONE statement (`DELETE … RETURNING` feeding the log's
 * insert): the log gets every event byte for byte, in the outbox's order, and a move that rolls back leaves every
 * row in the outbox. Real PostgreSQL.
 */
import { Events, SubjectType, type RecordCollected } from '@credit/contracts';
import { serviceDataSourceOptions } from '@credit/database';
import { createTestDatabase, recordCollectedEvent, type TestDatabase } from '@credit/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CE } from './cloud-events';
import { InProcessEventBus } from './in-process/in-process-event-bus';
import { InboxEntity } from './inbox/inbox.entity';
import { silentLog } from './logger';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxEntity } from './outbox/outbox.entity';
import { UnitOfWork } from './unit-of-work';

const SCHEMA = 'msg_move';

function recordEvent(subjectKey: string, n: number): RecordCollected {
  return recordCollectedEvent(subjectKey, n, {
    subject: { key: subjectKey, type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON, name: `测试"引号\\${n}`, uscc: '', maskedIdNumber: '' },
    // Varying lengths, so payload boundaries fall everywhere.
    fieldsJson: JSON.stringify({ text: '罚'.repeat(n * 7), n }),
  });
}

describe('outbox relay → in-process bus: the one-statement move', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let bus: InProcessEventBus;
  let uow: UnitOfWork;

  beforeAll(async () => {
    db = await createTestDatabase('messaging_move');
    await db.query(`CREATE SCHEMA ${SCHEMA}`);
    dataSource = await new DataSource({
      ...serviceDataSourceOptions({ url: db.url, schema: SCHEMA, entities: [OutboxEntity, InboxEntity], migrations: [], poolSize: 4 }),
      synchronize: true, // test-only schema for the lib's own entities; services use checked-in migrations
    }).initialize();
    bus = await InProcessEventBus.create({ url: db.url, log: silentLog, pollIntervalMs: 200 });
    uow = new UnitOfWork(dataSource, '/test', null);
  });

  afterAll(async () => {
    await bus.close();
    await dataSource.destroy();
    await db.drop();
  });

  it('moves every event in outbox order, byte for byte, and a rolled-back move keeps them all in the outbox', async () => {
    // Three transactions, two subjects interleaved (per-key order follows the outbox's seq order).
    const sent: { id: string; key: string; payload: RecordCollected }[] = [];
    for (let t = 0; t < 3; t += 1) {
      await uow.run(async (tx) => {
        for (let i = 0; i < 9; i += 1) {
          const n = t * 9 + i + 1;
          const key = n % 2 ? 'ORG:MOVE-A' : 'ORG:MOVE-B';
          const payload = recordEvent(key, n);
          tx.emit({ definition: Events.RecordCollected, subjectKey: key, id: `move-${n}`, payload });
          sent.push({ id: `move-${n}`, key, payload });
        }
      });
    }
    const table = `${SCHEMA}.outbox`;
    const outboxCount = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
    const logged = () =>
      db.query<{ message_key: string; headers: Record<string, string>; payload: Buffer }>(
        `SELECT message_key, headers, payload FROM bus.messages WHERE headers->>'ce_id' LIKE 'move-%' ORDER BY seq`,
      );

    // A move whose transaction fails afterwards: nothing reaches the log, nothing leaves the outbox.
    await expect(
      dataSource.transaction(async (manager) => {
        const moved = await bus.moveFromOutbox(manager, table, 1000);
        expect(moved).toHaveLength(27);
        throw new Error('relay crashed before commit');
      }),
    ).rejects.toThrow('relay crashed before commit');
    expect(await outboxCount()).toBe(27);
    expect(await logged()).toHaveLength(0);

    // The relay in rounds of 10 (10, 10, 7, then nothing).
    const relay = new OutboxRelay(dataSource, bus, { schema: SCHEMA, batchSize: 10 }, silentLog);
    const rounds: number[] = [];
    for (let n = await relay.relayOnce(); n > 0; n = await relay.relayOnce()) rounds.push(n);
    expect(rounds).toEqual([10, 10, 7]);
    expect(await outboxCount()).toBe(0);

    const rows = await logged();
    expect(rows.map((r) => r.headers[CE.id])).toEqual(sent.map((s) => s.id));
    expect(rows.map((r) => r.message_key)).toEqual(sent.map((s) => s.key));
    expect(rows.map((r) => Events.RecordCollected.codec.decode(r.payload))).toEqual(sent.map((s) => s.payload));
    expect(rows.every((r) => r.headers[CE.type] === Events.RecordCollected.type && r.headers[CE.subject] === r.message_key)).toBe(true);
  });

  it("stores a transaction's many events by COPY: moved in order, byte for byte, and the NOTIFY still sent", async () => {
    const relay = new OutboxRelay(dataSource, bus, { schema: SCHEMA, batchSize: 1000 }, silentLog);
    while ((await relay.relayOnce()) > 0);
    const listener = new Client({ connectionString: db.url });
    await listener.connect();
    try {
      const notified = new Promise<string>((resolve) => listener.on('notification', (m) => resolve(m.payload ?? '')));
      await listener.query('LISTEN credit_outbox_copy_test');
      const copying = new UnitOfWork(dataSource, '/test', 'credit_outbox_copy_test', true);
      const sent: { id: string; key: string; payload: RecordCollected }[] = [];
      await copying.run(async (tx) => {
        for (let n = 1; n <= 300; n += 1) {
          const key = `ORG:COPY-${n % 7}`;
          const payload = recordEvent(key, n);
          tx.emit({ definition: Events.RecordCollected, subjectKey: key, id: `copy-${n}`, payload });
          sent.push({ id: `copy-${n}`, key, payload });
        }
      });
      await expect(notified).resolves.toBe('300');
      while ((await relay.relayOnce()) > 0);
      const rows = await db.query<{ message_key: string; headers: Record<string, string>; payload: Buffer }>(
        `SELECT message_key, headers, payload FROM bus.messages WHERE headers->>'ce_id' LIKE 'copy-%' ORDER BY seq`,
      );
      expect(rows.map((r) => r.headers[CE.id])).toEqual(sent.map((s) => s.id));
      expect(rows.map((r) => r.message_key)).toEqual(sent.map((s) => s.key));
      expect(rows.map((r) => Events.RecordCollected.codec.decode(r.payload))).toEqual(sent.map((s) => s.payload));
    } finally {
      await listener.end();
    }
  });

  it('under a stream of commits, one move takes the events of many (at most one move per minIntervalMs), and loses none', async () => {
    const moves: number[] = [];
    const relay = new OutboxRelay(dataSource, bus, { schema: SCHEMA, minIntervalMs: 100, pollIntervalMs: 5_000 }, silentLog, (count) => moves.push(count));
    uow.attachRelay(relay);
    await relay.start();
    const started = Date.now();
    try {
      // 40 commits ~10 ms apart, each waking the relay.
      for (let n = 1; n <= 40; n += 1) {
        await uow.run(async (tx) => tx.emit({ definition: Events.RecordCollected, subjectKey: 'ORG:STREAM', id: `stream-${n}`, payload: recordEvent('ORG:STREAM', n) }));
        await new Promise((r) => setTimeout(r, 10));
      }
      while (moves.reduce((a, b) => a + b, 0) < 40) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await relay.stop();
    }
    const elapsed = Date.now() - started;
    expect(moves.reduce((a, b) => a + b, 0)).toBe(40);
    // One move per commit would be 40; at most one per 100 ms (plus the first, and one for the last wake).
    expect(moves.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 2);
    expect(moves.length).toBeLessThan(20);
    const logged = await db.query<{ id: string }>(`SELECT headers->>'ce_id' AS id FROM bus.messages WHERE headers->>'ce_id' LIKE 'stream-%' ORDER BY seq`);
    expect(logged.map((r) => r.id)).toEqual(Array.from({ length: 40 }, (_, i) => `stream-${i + 1}`));
  });

  it('reports the backlog: events waiting and the age of the oldest', async () => {
    const relay = new OutboxRelay(dataSource, bus, { schema: SCHEMA }, silentLog);
    while ((await relay.relayOnce()) > 0);
    expect(await relay.backlog()).toEqual({ pending: 0, oldestAgeSeconds: 0 });
    for (let n = 1; n <= 3; n += 1) {
      await uow.run(async (tx) => tx.emit({ definition: Events.RecordCollected, subjectKey: 'ORG:BACKLOG', id: `backlog-${n}`, payload: recordEvent('ORG:BACKLOG', n) }));
    }
    await db.query(`UPDATE ${SCHEMA}.outbox SET created_at = now() - interval '90 seconds' WHERE event_id = 'backlog-1'`);
    const backlog = await relay.backlog();
    expect(backlog.pending).toBe(3);
    expect(backlog.oldestAgeSeconds).toBeGreaterThanOrEqual(90);
    expect(backlog.oldestAgeSeconds).toBeLessThan(120);
    await relay.relayOnce();
    expect(await relay.backlog()).toEqual({ pending: 0, oldestAgeSeconds: 0 });
  });

  it('stops without waiting out the pause between moves', async () => {
    const moves: number[] = [];
    const relay = new OutboxRelay(dataSource, bus, { schema: SCHEMA, minIntervalMs: 600_000, pollIntervalMs: 600_000 }, silentLog, (count) => moves.push(count));
    await uow.run(async (tx) => tx.emit({ definition: Events.RecordCollected, subjectKey: 'ORG:PAUSE', id: 'pause-1', payload: recordEvent('ORG:PAUSE', 1) }));
    uow.attachRelay(relay);
    await relay.start(); // its first move takes pause-1
    while (moves.length === 0) await new Promise((r) => setTimeout(r, 10));
    // Woken again within the interval: the relay now pauses for up to ten minutes; stop must not wait for it.
    await uow.run(async (tx) => tx.emit({ definition: Events.RecordCollected, subjectKey: 'ORG:PAUSE', id: 'pause-2', payload: recordEvent('ORG:PAUSE', 2) }));
    await new Promise((r) => setTimeout(r, 50));
    expect(moves).toEqual([1]); // pause-2 waits for the pause to end
    await relay.stop(); // returns at once; its final drain publishes what is left
    expect(moves).toEqual([1, 1]);
    const logged = await db.query<{ id: string }>(`SELECT headers->>'ce_id' AS id FROM bus.messages WHERE headers->>'ce_id' LIKE 'pause-%' ORDER BY seq`);
    expect(logged.map((r) => r.id)).toEqual(['pause-1', 'pause-2']);
  }, 10_000);
});
