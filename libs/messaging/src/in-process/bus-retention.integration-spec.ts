/**
 * Retention of the standalone log (`bus.messages`): what every consumer group has read and is older than the
 * retention goes; what a group has not read yet, what is young, and the topics a replay starts from stay. Consumers
 * go on from where they were. Real PostgreSQL.
 */
import { createTestDatabase, type TestDatabase } from '@credit/testing';
import type { DeliveredMessage } from '../event-bus';
import { silentLog } from '../logger';
import { InProcessEventBus } from './in-process-event-bus';

const KEPT = 'credit.records.v1';
const CHECKS = 'credit.checks.v1';
const OTHER = 'credit.repairs.v1';

describe('in-process bus: retention of the log', () => {
  let db: TestDatabase;
  let bus: InProcessEventBus;

  beforeAll(async () => {
    db = await createTestDatabase('bus_retention');
    // intervalMs long enough that only the test's own trim() runs
    bus = await InProcessEventBus.create({ url: db.url, log: silentLog, pollIntervalMs: 100, retention: { days: 30, keepTopics: [KEPT], intervalMs: 3_600_000 } });
  });

  afterAll(async () => {
    await bus.close();
    await db.drop();
  });

  const message = (topic: string, n: number) => ({ topic, key: `k${n % 3}`, headers: { n: String(n) }, value: Buffer.from(`${topic}#${n}`) });
  const count = async (topic: string) => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM bus.messages WHERE topic = $1`, [topic]))[0].n);

  /** Consumes `topic` as `groupId` until `until` messages have been seen; returns their values. */
  async function consume(groupId: string, topic: string, until: number): Promise<string[]> {
    const seen: string[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const subscription = await bus.subscribe({
      groupId,
      topics: [topic],
      handle: async (m: DeliveredMessage) => {
        seen.push(m.value.toString());
        if (seen.length === until) done();
      },
    });
    await finished;
    await subscription.stop();
    return seen;
  }

  it('deletes old messages every group has read, keeps the unread, the young and the replay sources', async () => {
    await bus.publish([...Array.from({ length: 40 }, (_, i) => message(CHECKS, i)), ...Array.from({ length: 10 }, (_, i) => message(KEPT, i))]);
    await bus.publish(Array.from({ length: 5 }, (_, i) => message(OTHER, i)));
    // Two groups read the checks: one all 40, the other only the first 25. Nobody reads OTHER.
    expect(await consume('jrp.cases', CHECKS, 40)).toHaveLength(40);
    const lagging = await consume('exchange.outbound', CHECKS, 25);
    expect(lagging.slice(-1)).toEqual([`${CHECKS}#24`]);
    await consume('credit-check.profile', KEPT, 10);
    // Everything is 31 days old except the last 10 checks (seq order = publish order).
    await db.query(`UPDATE bus.messages SET created_at = now() - interval '31 days'`);
    await db.query(`UPDATE bus.messages SET created_at = now() - interval '29 days' WHERE seq IN (SELECT seq FROM bus.messages WHERE topic = $1 ORDER BY seq DESC LIMIT 10)`, [CHECKS]);

    const deleted = await bus.trim();

    // Checks: old AND read by both groups = the first 25 (the lagging group's position), not one more.
    expect(deleted).toEqual({ [CHECKS]: 25, [OTHER]: 5 });
    const left = await db.query<{ payload: Buffer }>(`SELECT payload FROM bus.messages WHERE topic = $1 ORDER BY seq`, [CHECKS]);
    expect(left.map((r) => r.payload.toString())).toEqual(Array.from({ length: 15 }, (_, i) => `${CHECKS}#${i + 25}`));
    expect(await count(KEPT)).toBe(10);
    expect(await bus.trim()).toEqual({});
  });

  it('lets the lagging group go on from where it was, and a new group start at what is left', async () => {
    await bus.publish([message(CHECKS, 40)]);
    // The lagging group has 16 left to read: 25..39 and the new one.
    const rest = await consume('exchange.outbound', CHECKS, 16);
    expect(rest[0]).toBe(`${CHECKS}#25`);
    expect(rest.slice(-1)).toEqual([`${CHECKS}#40`]);
    const fresh = await consume('new.group', CHECKS, 16);
    expect(fresh[0]).toBe(`${CHECKS}#25`);
  });

  it('keeps everything with days = 0', async () => {
    const keepAll = await InProcessEventBus.create({ url: db.url, log: silentLog, retention: { days: 0, keepTopics: [] } });
    try {
      await db.query(`UPDATE bus.messages SET created_at = now() - interval '10 years'`);
      const before = await count(CHECKS);
      expect(await keepAll.trim()).toEqual({});
      expect(await count(CHECKS)).toBe(before);
    } finally {
      await keepAll.close();
    }
  });
});
