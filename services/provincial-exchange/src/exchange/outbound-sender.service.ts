import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { isValidIsoDate } from '@credit/domain';
import { AppError, LOGGER, type ServiceDeps } from '@credit/runtime';
import { Counter, Gauge, register } from 'prom-client';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ExchangeItem } from './exchange-protocol';
import { backoffMs, EXCHANGE_SETTINGS, type ExchangeSettings } from './exchange.settings';
import { ProvinceClient } from './province.client';

export const ITEMS_PATH = '/api/exchange/v1/items';

const gauge = (name: string, help: string) => (register.getSingleMetric(name) as Gauge<string>) ?? new Gauge({ name, help });
const counter = (name: string, help: string, labelNames: string[]) => (register.getSingleMetric(name) as Counter<string>) ?? new Counter({ name, help, labelNames });

/** Lag and dead letters of the outbound queue: the signals an operator alerts on. */
export const ProvinceMetrics = {
  pending: () => gauge('credit_province_outbound_pending', 'Items waiting to be sent to the provincial platform'),
  oldestAge: () => gauge('credit_province_outbound_oldest_age_seconds', 'Age of the oldest item not yet accepted by the provincial platform'),
  deadLetters: () => gauge('credit_province_outbound_dead_letters', 'Items dead-lettered (refused or out of attempts), waiting for a re-send'),
  posts: () => counter('credit_province_outbound_posts_total', 'Posts to the provincial platform by outcome', ['outcome']),
};

interface ClaimedItem {
  seq: string;
  item_id: string;
  province_resource: string;
  subject_key: string;
  business_date: string;
  operation: string;
  data: Record<string, unknown>;
  checksum: string;
  attempts: number;
}

export interface OutboundStatus {
  pending: number;
  oldestAgeSeconds: number;
  deadLetters: number;
  sent: number;
}

export interface DeadLetter {
  itemId: string;
  provinceResource: string;
  subjectKey: string;
  attempts: number;
  lastHttpStatus: number | null;
  lastError: string | null;
  deadAt: Date;
}

/**
 * Sends the outbound queue to the province. A round claims the head item of each subject (the oldest item
 * not yet SENT) when it is PENDING and due — so an item is never sent before the earlier items of its subject,
 * and a dead-lettered item holds its subject's later items back until it is re-sent. Claims are leases (a
 * crashed sender's items come back), so replicas share the work without a lock held over HTTP.
 * - 200 (OK or DUPLICATE: the province already had it) → SENT;
 * - 4xx other than 408/429 (bad signature, invalid item) → DEAD at once, with the province's error;
 * - anything else (5xx, timeout, network) → retried with exponential backoff; DEAD after maxAttempts.
 */
@Injectable()
export class OutboundSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private metricsTimer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly province: ProvinceClient,
    @Inject(EXCHANGE_SETTINGS) private readonly settings: ExchangeSettings,
    @Inject(LOGGER) private readonly log: ServiceDeps['log'],
  ) {}

  onApplicationBootstrap(): void {
    this.metricsTimer = setInterval(() => void this.refreshMetrics().catch(() => undefined), this.settings.metricsIntervalMs);
    this.metricsTimer.unref();
    if (!this.settings.sender) return;
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.metricsTimer) clearInterval(this.metricsTimer);
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** Ends the current idle pause (new items were queued). */
  wake(): void {
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sent = 0;
      try {
        sent = await this.sendRound();
      } catch (error) {
        this.log.error({ err: error }, 'provincial outbound round failed');
      }
      if (sent === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.settings.idleDelayMs);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeUp = null;
      }
    }
  }

  /** One round: claim the due head items (one per subject), post them concurrently. Returns how many were posted. */
  async sendRound(): Promise<number> {
    const claimed = await this.dataSource.query<ClaimedItem[]>(
      `WITH heads AS (
         SELECT DISTINCT ON (subject_key) seq, status, next_attempt_at, lease_until
           FROM provincial_exchange.outbound_item
          WHERE status <> 'SENT'
          ORDER BY subject_key, seq),
       due AS (
         SELECT seq FROM heads
          WHERE status = 'PENDING' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
          ORDER BY seq LIMIT $1),
       claimed AS (
       UPDATE provincial_exchange.outbound_item o
          SET lease_until = now() + ($2::int * interval '1 millisecond'), attempts = o.attempts + 1
         FROM due
        WHERE o.seq = due.seq AND o.status = 'PENDING' AND (o.lease_until IS NULL OR o.lease_until < now())
       RETURNING o.seq, o.item_id, o.province_resource, o.subject_key, to_char(o.business_date, 'YYYY-MM-DD') AS business_date,
                 o.operation, o.data, o.checksum, o.attempts)
       SELECT * FROM claimed ORDER BY seq`,
      [this.settings.batchSize, this.settings.leaseMs],
    );
    await Promise.all(claimed.map((item) => this.post(item)));
    return claimed.length;
  }

  private async post(item: ClaimedItem): Promise<void> {
    const body: ExchangeItem = {
      itemId: item.item_id,
      resource: item.province_resource,
      subjectKey: item.subject_key,
      businessDate: item.business_date,
      operation: item.operation,
      data: item.data,
      checksum: item.checksum,
    };
    let status: number | null = null;
    let error: string;
    try {
      const response = await this.province.request('POST', ITEMS_PATH, body);
      status = response.status;
      const code = typeof response.body.code === 'string' ? response.body.code : '';
      if (status === 200 && (code === 'OK' || code === 'DUPLICATE')) {
        await this.dataSource.query(
          `UPDATE provincial_exchange.outbound_item
              SET status = 'SENT', sent_at = now(), lease_until = NULL, last_http_status = 200, ack_id = $2, last_error = NULL
            WHERE seq = $1`,
          [item.seq, typeof response.body.ackId === 'string' ? response.body.ackId : null],
        );
        ProvinceMetrics.posts().inc({ outcome: code === 'OK' ? 'accepted' : 'duplicate' });
        return;
      }
      const message = typeof response.body.message === 'string' ? response.body.message : '';
      error = `${status} ${code || 'UNEXPECTED_RESPONSE'}${message ? `: ${message}` : ''}`;
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    const refused = status !== null && status >= 400 && status < 500 && status !== 408 && status !== 429;
    const dead = refused || item.attempts >= this.settings.maxAttempts;
    ProvinceMetrics.posts().inc({ outcome: refused ? 'refused' : 'failed' });
    if (dead) {
      await this.dataSource.query(
        `UPDATE provincial_exchange.outbound_item
            SET status = 'DEAD', dead_at = now(), lease_until = NULL, last_http_status = $2, last_error = $3
          WHERE seq = $1`,
        [item.seq, status, error],
      );
      this.log.warn({ itemId: item.item_id, resource: item.province_resource, attempts: item.attempts, httpStatus: status, error }, 'provincial outbound item dead-lettered');
      return;
    }
    await this.dataSource.query(
      `UPDATE provincial_exchange.outbound_item
          SET next_attempt_at = now() + ($2::int * interval '1 millisecond'), lease_until = NULL, last_http_status = $3, last_error = $4
        WHERE seq = $1`,
      [item.seq, backoffMs(this.settings, item.attempts), status, error],
    );
  }

  /** Pending (not yet accepted, dead letters excluded), the oldest unaccepted item's age, dead letters. */
  async status(): Promise<OutboundStatus> {
    const [row] = await this.dataSource.query<{ pending: string; dead: string; sent: string; oldest: number | null }[]>(
      `SELECT count(*) FILTER (WHERE status = 'PENDING') AS pending,
              count(*) FILTER (WHERE status = 'DEAD') AS dead,
              count(*) FILTER (WHERE status = 'SENT') AS sent,
              extract(epoch FROM now() - min(created_at) FILTER (WHERE status <> 'SENT'))::float8 AS oldest
         FROM provincial_exchange.outbound_item`,
    );
    return { pending: Number(row.pending), deadLetters: Number(row.dead), sent: Number(row.sent), oldestAgeSeconds: Math.max(0, row.oldest ?? 0) };
  }

  async refreshMetrics(): Promise<OutboundStatus> {
    const status = await this.status();
    ProvinceMetrics.pending().set(status.pending);
    ProvinceMetrics.oldestAge().set(status.oldestAgeSeconds);
    ProvinceMetrics.deadLetters().set(status.deadLetters);
    return status;
  }

  /** The dead-letter view, oldest first. */
  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    return this.dataSource.query<DeadLetter[]>(
      `SELECT item_id AS "itemId", province_resource AS "provinceResource", subject_key AS "subjectKey", attempts,
              last_http_status AS "lastHttpStatus", last_error AS "lastError", dead_at AS "deadAt"
         FROM provincial_exchange.outbound_item WHERE status = 'DEAD' ORDER BY seq LIMIT $1`,
      [Math.min(Math.max(limit, 1), 1000)],
    );
  }

  /** Re-sends dead letters (the given items, or all): PENDING again with fresh attempts. Returns how many. */
  async resendDeadLetters(itemIds?: string[]): Promise<number> {
    // (UPDATE … RETURNING inside a CTE: TypeORM returns a SELECT's rows as they are.)
    const rows = await this.dataSource.query<{ item_id: string }[]>(
      `WITH resent AS (
         UPDATE provincial_exchange.outbound_item
            SET status = 'PENDING', attempts = 0, next_attempt_at = now(), dead_at = NULL, resends = resends + 1
          WHERE status = 'DEAD' AND ($1::text[] IS NULL OR item_id = ANY($1::text[]))
          RETURNING item_id)
       SELECT item_id FROM resent`,
      [itemIds && itemIds.length > 0 ? itemIds : null],
    );
    this.wake();
    return rows.length;
  }

  /** Puts items back in the queue whatever their state (reconciliation re-sends). Returns how many. */
  async requeue(itemIds: string[]): Promise<number> {
    if (itemIds.length === 0) return 0;
    const rows = await this.dataSource.query<{ item_id: string }[]>(
      `WITH requeued AS (
         UPDATE provincial_exchange.outbound_item
            SET status = 'PENDING', attempts = 0, next_attempt_at = now(), dead_at = NULL, lease_until = NULL, resends = resends + 1
          WHERE item_id = ANY($1::text[])
          RETURNING item_id)
       SELECT item_id FROM requeued`,
      [itemIds],
    );
    this.wake();
    return rows.length;
  }

  /** NDJSON of a day's items (front-end-database style exchange, 前置库): one ExchangeItem per line, in queue order. */
  async exportDay(date: string): Promise<{ count: number; ndjson: string }> {
    if (!isValidIsoDate(date)) throw AppError.one('VALIDATION', 'DATE_INVALID', '日期须为 YYYY-MM-DD', 'date must be YYYY-MM-DD', 'date');
    const rows = await this.dataSource.query<ClaimedItem[]>(
      `SELECT item_id, province_resource, subject_key, to_char(business_date, 'YYYY-MM-DD') AS business_date, operation, data, checksum
         FROM provincial_exchange.outbound_item WHERE business_date = $1::date ORDER BY seq`,
      [date],
    );
    const lines = rows.map((r) =>
      JSON.stringify({
        itemId: r.item_id,
        resource: r.province_resource,
        subjectKey: r.subject_key,
        businessDate: r.business_date,
        operation: r.operation,
        data: r.data,
        checksum: r.checksum,
      } satisfies ExchangeItem),
    );
    return { count: rows.length, ndjson: lines.length > 0 ? `${lines.join('\n')}\n` : '' };
  }
}
