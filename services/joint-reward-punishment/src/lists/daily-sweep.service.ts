import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { isValidIsoDate, type IsoDate } from '@credit/domain';
import { UnitOfWork } from '@credit/messaging';
import { AppError, SERVICE_DEPS, type ServiceDeps } from '@credit/runtime';
import { CleanYearsService } from './clean-years.service';
import { JrpClock } from './clock';
import { ListEntryEntity } from './list-entry.entity';
import { ListEntriesService } from './list-entries.service';

export const JRP_OPTIONS = Symbol('JRP_OPTIONS');

export interface JointRewardPunishmentOptions {
  /** Run the daily sweep on a timer (default true; tests call runDailySweep with their own dates). */
  dailySweepTimer?: boolean;
  /** Working days a checking department has to feed back on a case (default DEFAULT_FEEDBACK_WORKING_DAYS). */
  feedbackWorkingDays?: number;
  /** Red-list proposals of the clean-years rule per sweep run (default 500; the rest on the next run). */
  cleanYearsBatch?: number;
}

export interface SweepResult {
  asOf: IsoDate;
  /** False when another replica holds the sweep lock. */
  ran: boolean;
  activated: number;
  expired: number;
  /** Red-list entries proposed by the clean-years rule. */
  redProposed: number;
  /** Eligible subjects left for the next run (more than one batch). */
  more: boolean;
}

/** Advisory lock key of the sweep (one replica sweeps at a time). */
const SWEEP_LOCK = 'joint-reward-punishment.daily-sweep';

/**
 * The daily sweep: entries whose objection window has passed with no open objection become ACTIVE (their
 * period starts that day); entries whose period has ended become ENDED (EXPIRED); subjects clean for
 * `redList.cleanYears` years are proposed for the red list (R-CLEAN-YEARS). Dated by an explicit
 * `asOf`, so it can be run for any day; a timer runs it for today (Asia/Shanghai).
 */
@Injectable()
export class DailySweepService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | null = null;
  private lastRun: IsoDate | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly entries: ListEntriesService,
    private readonly cleanYears: CleanYearsService,
    private readonly clock: JrpClock,
    @Inject(SERVICE_DEPS) private readonly deps: ServiceDeps,
    @Inject(JRP_OPTIONS) private readonly options: JointRewardPunishmentOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.dailySweepTimer === false) return;
    this.timer = setInterval(() => this.tick(), 15 * 60_000);
    this.timer.unref();
    this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    const today = this.clock.today();
    if (this.lastRun === today || this.running) return;
    this.running = this.sweepUntilDone(today)
      .then((ran) => {
        if (ran) this.lastRun = today;
      })
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'daily list sweep failed'))
      .finally(() => (this.running = null));
  }

  /** Runs the sweep, again while clean-years proposals are left over (one batch per transaction). */
  private async sweepUntilDone(today: IsoDate): Promise<boolean> {
    for (;;) {
      const result = await this.runDailySweep(today);
      if (result.activated || result.expired || result.redProposed) this.deps.log.info({ ...result }, 'daily list sweep');
      if (!result.ran || !result.more) return result.ran;
    }
  }

  async runDailySweep(asOf: IsoDate): Promise<SweepResult> {
    if (!isValidIsoDate(asOf)) throw AppError.one('VALIDATION', 'AS_OF_INVALID', '日期须为 YYYY-MM-DD', 'asOf must be a YYYY-MM-DD date.', 'asOf');
    return this.uow.run(async (tx) => {
      const [{ locked }] = await tx.manager.query<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [SWEEP_LOCK]);
      if (!locked) return { asOf, ran: false, activated: 0, expired: 0, redProposed: 0, more: false };
      let activated = 0;
      let expired = 0;
      // Own entries first, then related persons' entries, which take effect with their organisation's entry.
      const due = await tx.manager
        .createQueryBuilder(ListEntryEntity, 'e')
        .setLock('pessimistic_write')
        .where("e.status = 'NOTIFIED' AND e.objection_window_end <= :asOf", { asOf })
        .andWhere(
          `(e.related_to_entry_id IS NULL OR EXISTS (SELECT 1 FROM joint_reward_punishment.list_entry p
              WHERE p.id = e.related_to_entry_id AND p.status = 'ACTIVE'))`,
        )
        .orderBy('e.created_at')
        .getMany();
      for (const entry of due) {
        await this.entries.activate(tx, entry, asOf);
        activated += 1;
      }
      // Linked entries whose organisation's entry became ACTIVE in this run.
      const followers = await tx.manager
        .createQueryBuilder(ListEntryEntity, 'e')
        .setLock('pessimistic_write')
        .where("e.status = 'NOTIFIED' AND e.objection_window_end <= :asOf AND e.related_to_entry_id IN (:...ids)", {
          asOf,
          ids: due.length ? due.map((d) => d.id) : ['00000000-0000-0000-0000-000000000000'],
        })
        .getMany();
      for (const entry of followers) {
        await this.entries.activate(tx, entry, asOf);
        activated += 1;
      }
      const ending = await tx.manager
        .createQueryBuilder(ListEntryEntity, 'e')
        .setLock('pessimistic_write')
        .where("e.status IN ('ACTIVE', 'SUSPENDED') AND e.period_end <= :asOf", { asOf })
        .orderBy('e.created_at')
        .getMany();
      for (const entry of ending) {
        await this.entries.transition(tx, entry, {
          to: 'ENDED',
          endReason: 'EXPIRED',
          actor: 'system',
          reason: `期限届满（${entry.periodStart} 至 ${entry.periodEnd}，不含），自动移出名单`,
          effectiveDate: asOf,
        });
        expired += 1;
      }
      const clean = await this.cleanYears.sweep(tx, asOf, this.options.cleanYearsBatch ?? 500);
      return { asOf, ran: true, activated, expired, redProposed: clean.proposed, more: clean.more };
    });
  }
}
