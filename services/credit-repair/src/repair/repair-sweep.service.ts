import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isValidIsoDate, type IsoDate } from '@credit/domain';
import { AppError, LOGGER, type ServiceDeps } from '@credit/runtime';
import { DataSource } from 'typeorm';
import { REPAIR_CLOCK, REPAIR_OPTIONS, type CreditRepairOptions, type RepairClock } from './repair-clock';

export interface SweepResult {
  asOf: IsoDate;
  /** False when another replica held the sweep lock. */
  ran: boolean;
  /** Applications escalated by this sweep (decision overdue). */
  escalated: string[];
}

/** Advisory lock key of the sweep (one replica sweeps a day). */
const SWEEP_LOCK = 'credit_repair.daily_sweep';

/**
 * Deadline supervision: every day, accepted applications whose decision is overdue are escalated (to the
 * credit office's supervision list: `escalated_on`, counted by RepairStatistics). `runDailySweep(asOf)` is
 * explicit about the day so it can be run for any date; the timer runs it for today (Asia/Shanghai).
 */
@Injectable()
export class RepairSweepService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | null = null;
  private lastSwept: IsoDate | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REPAIR_CLOCK) private readonly clock: RepairClock,
    @Inject(REPAIR_OPTIONS) private readonly options: CreditRepairOptions,
    @Inject(LOGGER) private readonly log: ServiceDeps['log'],
  ) {}

  async runDailySweep(asOf: IsoDate): Promise<SweepResult> {
    if (!isValidIsoDate(asOf)) throw AppError.one('VALIDATION', 'AS_OF_INVALID', '日期须为 YYYY-MM-DD', 'asOf must be a YYYY-MM-DD date.', 'asOf');
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [SWEEP_LOCK]);
      if (!locked) return { asOf, ran: false, escalated: [] };
      const rows = await manager.query<{ id: string }[]>(
        `WITH escalated AS (
           UPDATE credit_repair.repair_application SET escalated_on = $1
            WHERE status = 'ACCEPTED' AND decision_due < $1 AND escalated_on IS NULL
            RETURNING id)
         SELECT id FROM escalated ORDER BY id`,
        [asOf],
      );
      const escalated = rows.map((r) => r.id);
      if (escalated.length > 0) this.log.warn({ asOf, escalated: escalated.length }, 'repair decisions overdue: escalated');
      return { asOf, ran: true, escalated };
    });
  }

  onApplicationBootstrap(): void {
    const every = this.options.sweepCheckIntervalMs ?? 10 * 60_000;
    if (every <= 0) return;
    this.timer = setInterval(() => void this.tick(), every);
    this.timer.unref();
    void this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Sweeps once per new day; a failure is retried on the next tick. */
  private async tick(): Promise<void> {
    const today = this.clock.today();
    if (this.running || this.lastSwept === today) return;
    const run = this.runDailySweep(today);
    this.running = run;
    try {
      const result = await run;
      if (result.ran) this.lastSwept = today;
    } catch (error) {
      this.log.error({ err: error }, 'repair daily sweep failed');
    } finally {
      this.running = null;
    }
  }
}
