import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addCalendarDays, chinaDateOf, isValidIsoDate } from '@credit/domain';
import { AppError, LOGGER, type ServiceDeps } from '@credit/runtime';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dayChecksum } from './exchange-protocol';
import { EXCHANGE_CLOCK, EXCHANGE_SETTINGS, type Clock, type ExchangeSettings } from './exchange.settings';
import { OutboundSender } from './outbound-sender.service';
import { ProvinceClient } from './province.client';

export type DifferenceKind = 'MISSING_AT_PROVINCE' | 'CHECKSUM_MISMATCH' | 'UNKNOWN_AT_PROVINCE';

export interface ResourceComparison {
  resource: string;
  ours: { count: number; checksum: string };
  theirs: { count: number; checksum: string };
  matches: boolean;
}

export interface ReconciliationDifference {
  provinceResource: string;
  itemId: string;
  kind: DifferenceKind;
  ourChecksum: string | null;
  theirChecksum: string | null;
  resent: boolean;
}

export interface ReconciliationReport {
  runId: string;
  date: string;
  /** False when another replica already ran the daily reconciliation of that date. */
  ran: boolean;
  resources: ResourceComparison[];
  differences: ReconciliationDifference[];
  resent: number;
}

interface TheirDay {
  resources: { resource: string; count: number; checksum: string }[];
}

/**
 * 对账: compares a day's items with the province — per resource the count and the day checksum, and for a
 * resource that differs, item by item — and stores the report (reconciliation_run / _difference). Items
 * the province lacks or holds with another checksum are re-sent (queued again, in their subject's order);
 * items the province holds that were never sent from here are reported. Only items accepted by the province
 * (SENT) count on our side; items still in the queue are in flight, not differences.
 */
@Injectable()
export class ReconciliationService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private lastDate: string | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly province: ProvinceClient,
    private readonly sender: OutboundSender,
    @Inject(EXCHANGE_SETTINGS) private readonly settings: ExchangeSettings,
    @Inject(EXCHANGE_CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly log: ServiceDeps['log'],
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.dailyReconciliation) return;
    const tick = () => {
      const yesterday = addCalendarDays(chinaDateOf(this.clock()), -1);
      if (this.lastDate === yesterday || this.running) return;
      this.running = this.reconcile(yesterday, { trigger: 'DAILY', resend: true })
        .then((report) => {
          this.lastDate = yesterday;
          if (report.ran) this.log.info({ date: yesterday, differences: report.differences.length, resent: report.resent }, 'provincial reconciliation');
        })
        .catch((error: unknown) => this.log.error({ err: error, date: yesterday }, 'provincial reconciliation failed'))
        .finally(() => (this.running = null));
    };
    this.timer = setInterval(tick, this.settings.reconciliationCheckIntervalMs);
    this.timer.unref();
    setImmediate(tick);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async reconcile(date: string, options: { trigger?: 'DAILY' | 'ON_DEMAND'; resend?: boolean } = {}): Promise<ReconciliationReport> {
    if (!isValidIsoDate(date)) throw AppError.one('VALIDATION', 'DATE_INVALID', '日期须为 YYYY-MM-DD', 'date must be YYYY-MM-DD', 'date');
    const trigger = options.trigger ?? 'ON_DEMAND';
    const runId = randomUUID();
    // The daily run of a date happens once across replicas (unique index on date for DAILY runs).
    const inserted = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO provincial_exchange.reconciliation_run (id, date, trigger, status, resources, differences, started_at)
       VALUES ($1, $2::date, $3, 'RUNNING', '[]'::jsonb, 0, now())
       ON CONFLICT DO NOTHING RETURNING id`,
      [runId, date, trigger],
    );
    if (inserted.length === 0) return { runId: '', date, ran: false, resources: [], differences: [], resent: 0 };
    try {
      const report = await this.compare(runId, date, options.resend ?? true);
      await this.dataSource.query(
        `UPDATE provincial_exchange.reconciliation_run SET status = 'DONE', resources = $2::jsonb, differences = $3, finished_at = now() WHERE id = $1`,
        [runId, JSON.stringify(report.resources), report.differences.length],
      );
      return report;
    } catch (error) {
      await this.dataSource.query(`UPDATE provincial_exchange.reconciliation_run SET status = 'FAILED', error = $2, finished_at = now() WHERE id = $1`, [
        runId,
        error instanceof Error ? error.message : String(error),
      ]);
      throw error;
    }
  }

  private async compare(runId: string, date: string, resend: boolean): Promise<ReconciliationReport> {
    const ourRows = await this.dataSource.query<{ item_id: string; province_resource: string; checksum: string; status: string }[]>(
      `SELECT item_id, province_resource, checksum, status FROM provincial_exchange.outbound_item WHERE business_date = $1::date`,
      [date],
    );
    const ours = new Map<string, { itemId: string; checksum: string }[]>();
    const known = new Map(ourRows.map((r) => [r.item_id, r]));
    for (const r of ourRows) {
      if (r.status !== 'SENT') continue;
      ours.set(r.province_resource, [...(ours.get(r.province_resource) ?? []), { itemId: r.item_id, checksum: r.checksum }]);
    }
    const theirs = await this.province.getJson<TheirDay>(`/api/exchange/v1/reconciliation?date=${date}`);
    const theirByResource = new Map((theirs.resources ?? []).map((r) => [r.resource, r]));
    const resources: ResourceComparison[] = [];
    const differences: ReconciliationDifference[] = [];
    for (const resource of [...new Set([...ours.keys(), ...theirByResource.keys()])].sort()) {
      const mine = ours.get(resource) ?? [];
      const our = { count: mine.length, checksum: dayChecksum(mine) };
      const their = theirByResource.get(resource) ?? { count: 0, checksum: dayChecksum([]) };
      const matches = our.count === their.count && our.checksum === their.checksum;
      resources.push({ resource, ours: our, theirs: { count: their.count, checksum: their.checksum }, matches });
      if (matches) continue;
      const detail = await this.province.getJson<{ items: { itemId: string; checksum: string }[] }>(
        `/api/exchange/v1/reconciliation/items?date=${date}&resource=${encodeURIComponent(resource)}`,
      );
      const theirItems = new Map((detail.items ?? []).map((i) => [i.itemId, i.checksum]));
      for (const item of mine) {
        const theirChecksum = theirItems.get(item.itemId);
        if (theirChecksum === undefined) differences.push({ provinceResource: resource, itemId: item.itemId, kind: 'MISSING_AT_PROVINCE', ourChecksum: item.checksum, theirChecksum: null, resent: false });
        else if (theirChecksum !== item.checksum) differences.push({ provinceResource: resource, itemId: item.itemId, kind: 'CHECKSUM_MISMATCH', ourChecksum: item.checksum, theirChecksum, resent: false });
      }
      for (const [itemId, theirChecksum] of theirItems) {
        const local = known.get(itemId);
        // Accepted there while our acknowledgement is still pending: in flight, not a difference.
        if (local && local.status !== 'SENT') continue;
        if (!local) differences.push({ provinceResource: resource, itemId, kind: 'UNKNOWN_AT_PROVINCE', ourChecksum: null, theirChecksum, resent: false });
      }
    }
    let resent = 0;
    if (resend) {
      const ids = differences.filter((d) => d.kind !== 'UNKNOWN_AT_PROVINCE').map((d) => d.itemId);
      resent = await this.sender.requeue(ids);
      for (const d of differences) if (d.kind !== 'UNKNOWN_AT_PROVINCE') d.resent = true;
    }
    if (differences.length > 0) {
      await this.dataSource.query(
        `INSERT INTO provincial_exchange.reconciliation_difference (run_id, date, province_resource, item_id, kind, our_checksum, their_checksum, resent)
         SELECT $1::uuid, $2::date, d.resource, d.item_id, d.kind, d.our_checksum, d.their_checksum, d.resent
           FROM jsonb_to_recordset($3::jsonb) AS d(resource text, item_id text, kind text, our_checksum text, their_checksum text, resent boolean)`,
        [
          runId,
          date,
          JSON.stringify(
            differences.map((d) => ({ resource: d.provinceResource, item_id: d.itemId, kind: d.kind, our_checksum: d.ourChecksum, their_checksum: d.theirChecksum, resent: d.resent })),
          ),
        ],
      );
    }
    return { runId, date, ran: true, resources, differences, resent };
  }

  /** The latest report of a day (the run and its differences). */
  async report(date: string): Promise<ReconciliationReport | null> {
    const [run] = await this.dataSource.query<{ id: string; resources: ResourceComparison[] }[]>(
      `SELECT id, resources FROM provincial_exchange.reconciliation_run WHERE date = $1::date AND status = 'DONE' ORDER BY started_at DESC LIMIT 1`,
      [date],
    );
    if (!run) return null;
    const differences = await this.dataSource.query<ReconciliationDifference[]>(
      `SELECT province_resource AS "provinceResource", item_id AS "itemId", kind, our_checksum AS "ourChecksum",
              their_checksum AS "theirChecksum", resent
         FROM provincial_exchange.reconciliation_difference WHERE run_id = $1 ORDER BY id`,
      [run.id],
    );
    return { runId: run.id, date, ran: true, resources: run.resources, differences, resent: differences.filter((d) => d.resent).length };
  }
}
