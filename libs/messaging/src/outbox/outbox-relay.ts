import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { CE } from '../cloud-events';
import type { BusMessage, EventBus } from '../event-bus';
import { errorSummary, type Log } from '../logger';
import { backoffMs, Waker } from '../timing';
import { parseTraceparent, spanRecorder, startSpan } from '../trace-context';

export interface OutboxRelayOptions {
  /** The service's schema, which holds its `outbox` table. */
  schema: string;
  batchSize?: number;
  /** Poll interval when nothing wakes the relay. */
  pollIntervalMs?: number;
  /**
   * Least time between two moves when woken (default 20 ms): under load every commit wakes the relay, and a move
   * costs five round trips; waiting for the rest of the interval lets one move take the events of many commits.
   * A full batch is followed at once (a backlog is drained without pause).
   */
  minIntervalMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** LISTEN for cross-process wake-ups on a real PostgreSQL (null on the embedded database). */
  listen?: { url: string; channel: string } | null;
}

export interface OutboxBacklog {
  pending: number;
  oldestAgeSeconds: number;
}

/** The backlog gauge counts pending events up to this many ("at least"). */
const BACKLOG_COUNT_CAP = 100_000;

interface OutboxRow {
  seq: string;
  event_id: string;
  topic: string;
  message_key: string;
  headers: Record<string, string>;
  payload: Buffer;
}

/**
 * Publishes a service's outbox in `seq` order. One relay per schema is active at a time (a transaction
 * advisory lock), which keeps per-key order across replicas; rows are locked FOR UPDATE SKIP LOCKED
 * and deleted in the same transaction once the bus has accepted them. A failed publish leaves every row
 * in place (attempts and last error recorded) and the relay backs off exponentially: nothing is
 * skipped, so a later event of a subject never overtakes an earlier one.
 */
export class OutboxRelay {
  private readonly waker = new Waker();
  /** The pause between moves (minIntervalMs): commits do not cut it short, stop does. */
  private readonly pause = new Waker();
  private running = false;
  private loopDone: Promise<void> | null = null;
  private failures = 0;
  private listener: Client | null = null;
  private readonly table: string;
  private readonly batchSize: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly options: OutboxRelayOptions,
    private readonly log: Log,
    private readonly onPublished: (count: number) => void = () => {},
  ) {
    this.table = `${options.schema}.outbox`;
    this.batchSize = options.batchSize ?? 500;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (this.options.listen) await this.startListening(this.options.listen);
    this.loopDone = this.loop();
  }

  wake(): void {
    this.waker.wake();
  }

  /** Stops after the batch in hand, then publishes what is left (best effort) so a clean stop leaves no backlog. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.waker.wake();
    this.pause.wake();
    await this.loopDone;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
    try {
      while ((await this.relayOnce()) === this.batchSize);
    } catch (error) {
      this.log.warn({ err: errorSummary(error), schema: this.options.schema }, 'outbox: final drain failed; rows stay for the next start');
    }
  }

  /** Publishes one batch; returns how many rows were published. Throws when the bus refused them. */
  async relayOnce(): Promise<number> {
    let published = 0;
    let topics: string[] = [];
    let failure: unknown = null;
    // PostgreSQL's default isolation (READ COMMITTED) without naming it: naming it costs a statement per move.
    await this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [this.table]);
      if (!locked) return;
      if (this.bus.moveFromOutbox) {
        // The log is in this database: one statement moves the rows (a failure rolls the whole move back).
        const moved = await this.bus.moveFromOutbox(manager, this.table, this.batchSize);
        // A producer span per event, under the trace that wrote it, when spans are exported.
        for (const m of spanRecorder() ? moved : []) {
          startSpan(parseTraceparent(m.headers[CE.traceparent]), {
            name: `${m.topic} publish`,
            kind: 'producer',
            attributes: { 'messaging.system': this.bus.kind, 'messaging.destination.name': m.topic, 'messaging.message.id': m.headers[CE.id] ?? '' },
          }).end();
        }
        published = moved.length;
        topics = moved.map((m) => m.topic);
        return;
      }
      const rows: OutboxRow[] = await manager.query(
        `SELECT seq, event_id, topic, message_key, headers, payload FROM ${this.table} ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) return;
      const seqs = rows.map((r) => r.seq);
      // A producer span per event, under the trace that wrote it (exported only when tracing is on).
      const spans = rows.map((r) =>
        startSpan(parseTraceparent(r.headers.traceparent), {
          name: `${r.topic} publish`,
          kind: 'producer',
          attributes: { 'messaging.system': this.bus.kind, 'messaging.destination.name': r.topic, 'messaging.message.id': r.event_id },
        }),
      );
      try {
        await this.bus.publish(rows.map(toMessage), this.bus.kind === 'in-process' ? manager : undefined);
      } catch (error) {
        failure = error;
        spans.forEach((span) => span.end(error));
        await this.recordFailure(manager, seqs, error);
        return;
      }
      spans.forEach((span) => span.end());
      await manager.query(`DELETE FROM ${this.table} WHERE seq = ANY($1::bigint[])`, [seqs]);
      published = rows.length;
      topics = rows.map((r) => r.topic);
    });
    if (failure) throw failure;
    if (published > 0) {
      this.bus.committed?.([...new Set(topics)]);
      this.onPublished(published);
    }
    return published;
  }

  /**
   * The backlog for the gauges: pending counted up to 100,000 along the `seq` index (a full count read every dead
   * row of a busy outbox — 0.1 s per count every 5 s during a bulk import), the age from the oldest row.
   */
  async backlog(): Promise<OutboxBacklog> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM (SELECT 1 FROM ${this.table} ORDER BY seq LIMIT ${BACKLOG_COUNT_CAP}) capped)::int AS pending,
              coalesce((SELECT extract(epoch FROM now() - created_at) FROM ${this.table} ORDER BY seq LIMIT 1), 0)::float AS age`,
    );
    return { pending: row.pending, oldestAgeSeconds: row.age };
  }

  private async loop(): Promise<void> {
    const minInterval = this.options.minIntervalMs ?? 20;
    while (this.running) {
      let published = 0;
      const passStarted = Date.now();
      try {
        published = await this.relayOnce();
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        this.log.warn({ err: errorSummary(error), schema: this.options.schema, failures: this.failures }, 'outbox: publish failed, backing off');
      }
      if (!this.running) break;
      if (this.failures > 0) {
        await this.waker.wait(backoffMs(this.failures, this.options.baseBackoffMs ?? 200, this.options.maxBackoffMs ?? 30_000));
      } else if (published < this.batchSize) {
        await this.waker.wait(this.options.pollIntervalMs ?? 1000);
        const early = minInterval - (Date.now() - passStarted);
        if (early > 0 && this.running) await this.pause.wait(early);
      }
    }
  }

  private async recordFailure(manager: EntityManager, seqs: string[], error: unknown): Promise<void> {
    await manager.query(`UPDATE ${this.table} SET attempts = attempts + 1, last_error = $2 WHERE seq = ANY($1::bigint[])`, [
      seqs,
      errorSummary(error),
    ]);
  }

  private async startListening(listen: { url: string; channel: string }): Promise<void> {
    const client = new Client({ connectionString: listen.url, application_name: `${this.options.schema}-outbox-listen` });
    client.on('notification', () => this.waker.wake());
    client.on('error', (error) => this.log.warn({ err: errorSummary(error) }, 'outbox: LISTEN connection failed; polling only'));
    await client.connect();
    await client.query(`LISTEN ${listen.channel}`);
    this.listener = client;
  }
}

function toMessage(row: OutboxRow): BusMessage {
  return { topic: row.topic, key: row.message_key, headers: row.headers, value: row.payload };
}
