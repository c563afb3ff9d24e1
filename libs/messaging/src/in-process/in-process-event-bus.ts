import { EventEmitter } from 'node:events';
import { Client, Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import type { BusMessage, BusSubscription, DeliveredMessage, EventBus, MovedMessage, SubscriptionOptions } from '../event-bus';
import { errorSummary, type Log } from '../logger';
import { backoffMs, Waker } from '../timing';

const SCHEMA = 'bus';
/**
 * Consumer lag is counted up to this many messages (the gauge then reads this: "at least") — twice the lag alert's
 * threshold (k8s/monitoring); each counted message costs an index entry and a heap visit.
 */
export const LAG_COUNT_CAP = 20_000;

export interface InProcessBusOptions {
  /** The database shared by the services of the process (embedded PostgreSQL in standalone mode). */
  url: string;
  pollIntervalMs?: number;
  batchSize?: number;
  log: Log;
  /** How long consumed messages stay in the log (Kafka's `retention.ms`); without it the log keeps everything. */
  retention?: BusRetention;
}

/**
 * Retention of the standalone log. Every check publishes a CheckPerformed, so a log that keeps everything grows
 * with the check rate forever. A message is deleted once it is older than `days` AND every consumer group that
 * has read its topic is past it; `keepTopics` (the sources of a rebuildable read model, see tools/replay.ts) are
 * never trimmed, so a replay can still start from the beginning.
 */
export interface BusRetention {
  /** Age in days after which consumed messages are deleted; 0 keeps everything. */
  days: number;
  /** Topics kept whole, whatever their age (their retry topics are trimmed). */
  keepTopics: readonly string[];
  /** How often the log is trimmed (default hourly; the first pass runs a minute after start). */
  intervalMs?: number;
}

/** Messages deleted per statement when trimming (short transactions; publishers never wait long). */
const TRIM_BATCH = 10_000;

/**
 * The standalone event bus: a durable log in the `bus` schema of the same database the services use,
 * with committed offsets per consumer group and topic — the same at-least-once contract as Kafka, so a
 * crash loses nothing. Publishing joins the relay's transaction (outbox → log is atomic); publishers
 * are serialised by an advisory lock so log order is commit order. Delivery is woken in-process.
 */
export class InProcessEventBus implements EventBus {
  readonly kind = 'in-process' as const;
  private readonly pool: Pool;
  private readonly published = new EventEmitter();
  private readonly subscriptions = new Set<BusSubscription>();
  private retentionTimer: NodeJS.Timeout | null = null;
  private trimming: Promise<unknown> | null = null;

  private constructor(private readonly options: InProcessBusOptions) {
    this.pool = new Pool({ connectionString: options.url, max: 2, application_name: 'in-process-bus' });
    // An idle connection dropped by the server (restart, failover, a database dropped) must not crash the process:
    // the pool replaces it on the next query.
    this.pool.on('error', (error) => options.log.warn({ err: error.message }, 'in-process bus: idle connection lost'));
    this.published.setMaxListeners(0);
  }

  static async create(options: InProcessBusOptions): Promise<InProcessEventBus> {
    const bus = new InProcessEventBus(options);
    await bus.ensureTables();
    bus.scheduleRetention();
    return bus;
  }

  /**
   * Deletes the messages the retention lets go: per topic (but the kept ones), older than `days` and at or below
   * the lowest offset committed by the topic's consumer groups. Several processes sharing the log trim in turn
   * (an advisory lock); returns what was deleted per topic.
   */
  async trim(now: Date = new Date()): Promise<Record<string, number>> {
    const retention = this.options.retention;
    const deleted: Record<string, number> = {};
    if (!retention || retention.days <= 0) return deleted;
    const cutoff = new Date(now.getTime() - retention.days * 86_400_000);
    const client = await this.pool.connect();
    try {
      const { rows: locked } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtext('${SCHEMA}.messages.trim')) AS ok`);
      if (!locked[0].ok) return deleted;
      try {
        // The topics in the log (a skip scan of the topic index), each with the highest seq every group reading it has
        // passed (no group yet: age alone decides).
        const { rows: topics } = await client.query<{ topic: string; upto: string | null }>(
          `WITH RECURSIVE t(topic) AS (
             (SELECT topic FROM ${SCHEMA}.messages ORDER BY topic LIMIT 1)
             UNION ALL
             SELECT (SELECT m.topic FROM ${SCHEMA}.messages m WHERE m.topic > t.topic ORDER BY m.topic LIMIT 1) FROM t WHERE t.topic IS NOT NULL)
           SELECT t.topic, (SELECT min(o.committed) FROM ${SCHEMA}.offsets o WHERE o.topic = t.topic) AS upto
             FROM t WHERE t.topic IS NOT NULL AND NOT (t.topic = ANY($1::text[]))`,
          [retention.keepTopics],
        );
        for (const { topic, upto } of topics) {
          let total = 0;
          for (;;) {
            // Oldest first: once a batch holds messages too young to go, the rest of the topic is younger still.
            const { rowCount } = await client.query(
              `DELETE FROM ${SCHEMA}.messages WHERE seq = ANY (ARRAY(
                 SELECT seq FROM ${SCHEMA}.messages WHERE topic = $1 AND ($2::bigint IS NULL OR seq <= $2) ORDER BY seq LIMIT $4))
                 AND created_at < $3`,
              [topic, upto, cutoff, TRIM_BATCH],
            );
            total += rowCount ?? 0;
            if ((rowCount ?? 0) < TRIM_BATCH) break;
          }
          if (total > 0) deleted[topic] = total;
        }
      } finally {
        await client.query(`SELECT pg_advisory_unlock(hashtext('${SCHEMA}.messages.trim'))`);
      }
    } finally {
      client.release();
    }
    if (Object.keys(deleted).length > 0) this.options.log.info({ deleted, olderThanDays: retention.days }, 'in-process bus: trimmed the log');
    return deleted;
  }

  private scheduleRetention(): void {
    const retention = this.options.retention;
    if (!retention || retention.days <= 0) return;
    const run = (next: number) => {
      this.retentionTimer = setTimeout(() => {
        this.trimming = this.trim()
          .catch((error: unknown) => this.options.log.warn({ err: errorSummary(error) }, 'in-process bus: trimming the log failed; trying again later'))
          .finally(() => {
            this.trimming = null;
            if (this.retentionTimer) run(retention.intervalMs ?? 3_600_000);
          });
      }, next);
      this.retentionTimer.unref();
    };
    run(Math.min(60_000, retention.intervalMs ?? 60_000));
  }

  async publish(messages: BusMessage[], manager?: EntityManager): Promise<void> {
    if (messages.length === 0) return;
    const params: unknown[] = [];
    const rows = messages.map((m, i) => {
      params.push(m.topic, m.key, JSON.stringify(m.headers), m.value);
      return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}::jsonb, $${i * 4 + 4})`;
    });
    const lock = `SELECT pg_advisory_xact_lock(hashtext('${SCHEMA}.messages'))`;
    const insert = `INSERT INTO ${SCHEMA}.messages (topic, message_key, headers, payload) VALUES ${rows.join(', ')}`;
    if (manager) {
      await manager.query(lock);
      await manager.query(insert, params);
      return;
    }
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(lock);
      await client.query(insert, params);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    this.committed(messages.map((m) => m.topic));
  }

  /** Wakes the consumers of these topics in this process (only theirs: a wake-up costs each loop a query). */
  committed(topics: readonly string[]): void {
    this.published.emit('published', topics);
  }

  /**
   * The relay's move (outbox → log) as one statement instead of select, insert and delete: each event is written
   * once more instead of twice. Log order is the outbox's `seq` order; the advisory lock (as in `publish`) makes
   * log order commit order.
   */
  async moveFromOutbox(manager: EntityManager, outboxTable: string, limit: number): Promise<MovedMessage[]> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('${SCHEMA}.messages'))`);
    return manager.query(
      `WITH moved AS (
         DELETE FROM ${outboxTable}
          WHERE seq = ANY (ARRAY(SELECT seq FROM ${outboxTable} ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED))
         RETURNING seq, topic, message_key, headers, payload)
       INSERT INTO ${SCHEMA}.messages (topic, message_key, headers, payload)
       SELECT topic, message_key, headers, payload FROM moved ORDER BY seq
       RETURNING topic, headers`,
      [limit],
    );
  }

  subscribe(options: SubscriptionOptions): Promise<BusSubscription> {
    const loops = options.topics.map((topic) => new TopicLoop(this.pool, this.published, options, topic, this.options));
    const subscription: BusSubscription = {
      stop: async () => {
        await Promise.all(loops.map((l) => l.stop()));
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    loops.forEach((l) => l.start());
    return Promise.resolve(subscription);
  }

  async lag(groupId: string, topics: string[]): Promise<Record<string, number>> {
    // seq is global across topics, so lag is a count, not a difference of offsets. Counted up to LAG_COUNT_CAP: a
    // backlog of a million messages cost 3–4 s per count, every 5 s, during bulk imports. One statement per topic,
    // planned with its own topic and offset: in one statement for all topics the planner, not knowing the topic,
    // scanned the primary key from a quiet topic's offset — the whole log after it, 0.35 s per count in a 1 M import.
    const { rows: offsets } = await this.pool.query<{ topic: string; committed: string }>(
      `SELECT topic, committed FROM ${SCHEMA}.offsets WHERE group_id = $1 AND topic = ANY($2::text[])`,
      [groupId, topics],
    );
    const committed = new Map(offsets.map((o) => [o.topic, o.committed]));
    const counts = await Promise.all(
      topics.map(async (topic) => {
        const { rows } = await this.pool.query<{ lag: string }>(
          `SELECT count(*) AS lag FROM (SELECT 1 FROM ${SCHEMA}.messages WHERE topic = $1 AND seq > $2 LIMIT $3) capped`,
          [topic, committed.get(topic) ?? '0', LAG_COUNT_CAP],
        );
        return [topic, Number(rows[0].lag)] as const;
      }),
    );
    return Object.fromEntries(counts);
  }

  async isHealthy(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.retentionTimer) clearTimeout(this.retentionTimer);
    this.retentionTimer = null;
    await this.trimming;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.pool.end();
  }

  private async ensureTables(): Promise<void> {
    const client = new Client({ connectionString: this.options.url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.messages (
        seq bigserial PRIMARY KEY,
        topic text NOT NULL,
        message_key text NOT NULL,
        headers jsonb NOT NULL,
        payload bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now())`);
      await client.query(`CREATE INDEX IF NOT EXISTS ix_bus_messages_topic_seq ON ${SCHEMA}.messages (topic, seq)`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.offsets (
        group_id text NOT NULL,
        topic text NOT NULL,
        committed bigint NOT NULL,
        PRIMARY KEY (group_id, topic))`);
    } finally {
      await client.end();
    }
  }
}

interface LogRow {
  seq: string;
  topic: string;
  message_key: string;
  headers: Record<string, string>;
  payload: Buffer;
}

/** Delivers one topic to one consumer group, in log order (one message or one batch at a time), committing the offset after each poll. */
class TopicLoop {
  private readonly waker = new Waker();
  private running = false;
  private done: Promise<void> | null = null;
  private readonly onPublished = (topics: readonly string[]) => {
    if (topics.includes(this.topic)) this.waker.wake();
  };

  constructor(
    private readonly pool: Pool,
    private readonly published: EventEmitter,
    private readonly subscription: SubscriptionOptions,
    private readonly topic: string,
    private readonly options: InProcessBusOptions,
  ) {}

  start(): void {
    this.running = true;
    this.published.on('published', this.onPublished);
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.published.off('published', this.onPublished);
    this.waker.wake();
    await this.done;
  }

  private async run(): Promise<void> {
    const { groupId, batch } = this.subscription;
    let offset: string | null = null;
    let failures = 0;
    // Behind the log (a full batch in hand), the next batch is read while this one is applied.
    let readAhead: { after: string; rows: Promise<LogRow[]> } | null = null;
    while (this.running) {
      try {
        offset ??= await this.committedOffset();
        const limit = batch ? batch.maxSize : (this.options.batchSize ?? 200);
        let rows: LogRow[] = readAhead?.after === offset ? await readAhead.rows : await this.read(offset, limit);
        readAhead = null;
        if (batch?.maxWaitMs && rows.length > 0 && rows.length < batch.maxSize) {
          // A short batch: give producers one chance to add to it.
          await this.waker.wait(batch.maxWaitMs);
          if (this.running) rows = await this.read(offset, batch.maxSize);
        }
        if (batch && rows.length === batch.maxSize) {
          const after: string = rows[rows.length - 1].seq;
          readAhead = { after, rows: this.read(after, limit) };
          readAhead.rows.catch(() => undefined); // awaited (and its error thrown) on the next pass, or dropped
        }
        let handled: string | null = null;
        if (batch) {
          if (rows.length > 0 && (await this.deliverBatch(rows))) handled = rows[rows.length - 1].seq;
        } else {
          for (const row of rows) {
            if (!(await this.deliver(row))) break;
            handled = row.seq;
          }
        }
        if (handled) {
          await this.pool.query(
            `INSERT INTO ${SCHEMA}.offsets (group_id, topic, committed) VALUES ($1, $2, $3)
             ON CONFLICT (group_id, topic) DO UPDATE SET committed = excluded.committed`,
            [groupId, this.topic, handled],
          );
          offset = handled;
        }
        failures = 0;
        if (rows.length === 0) await this.waker.wait(this.options.pollIntervalMs ?? 1000);
      } catch (error) {
        readAhead = null;
        failures += 1;
        this.options.log.warn({ err: errorSummary(error), groupId, topic: this.topic }, 'in-process bus: poll failed');
        await this.waker.wait(backoffMs(failures, 200, 10_000));
      }
    }
    await readAhead?.rows.catch(() => undefined); // the pool closes after the loops
  }

  private async read(offset: string, limit: number): Promise<LogRow[]> {
    const { rows } = await this.pool.query<LogRow>(
      `SELECT seq, topic, message_key, headers, payload FROM ${SCHEMA}.messages WHERE topic = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [this.topic, offset, limit],
    );
    return rows;
  }

  /** Hands the rows over as one batch until it is handled; false when stopping before that. */
  private async deliverBatch(rows: LogRow[]): Promise<boolean> {
    const messages = rows.map(toDelivered);
    for (let attempt = 1; this.running; attempt += 1) {
      try {
        await this.subscription.batch!.handle(messages);
        return true;
      } catch (error) {
        this.options.log.warn(
          { err: errorSummary(error), groupId: this.subscription.groupId, topic: this.topic, from: rows[0].seq, to: rows[rows.length - 1].seq, attempt },
          'in-process bus: batch handler failed; delivering again',
        );
        await this.waker.wait(backoffMs(attempt, 200, 10_000));
      }
    }
    return false;
  }

  /** Hands one message over until it is handled; false when stopping before that. */
  private async deliver(row: LogRow): Promise<boolean> {
    const message = toDelivered(row);
    for (let attempt = 1; this.running; attempt += 1) {
      try {
        await this.subscription.handle(message);
        return true;
      } catch (error) {
        this.options.log.warn(
          { err: errorSummary(error), groupId: this.subscription.groupId, topic: row.topic, offset: row.seq, attempt },
          'in-process bus: handler failed; delivering again',
        );
        await this.waker.wait(backoffMs(attempt, 200, 10_000));
      }
    }
    return false;
  }

  private async committedOffset(): Promise<string> {
    const { rows } = await this.pool.query(`SELECT committed FROM ${SCHEMA}.offsets WHERE group_id = $1 AND topic = $2`, [
      this.subscription.groupId,
      this.topic,
    ]);
    return rows[0]?.committed ?? '0';
  }
}

function toDelivered(row: LogRow): DeliveredMessage {
  return { topic: row.topic, key: row.message_key, headers: row.headers, value: row.payload, partition: 0, offset: row.seq };
}
