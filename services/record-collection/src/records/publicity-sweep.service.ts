import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { chinaDateOf, isValidIsoDate } from '@credit/domain';
import { UnitOfWork } from '@credit/messaging';
import { AppError, SERVICE_DEPS, type ServiceDeps } from '@credit/runtime';
import { RecordStatusService, type StatusChange } from './record-status.service';

/** Advisory lock key of the sweep: only one replica sweeps at a time. */
const SWEEP_LOCK_KEY = 7_400_301;
const SWEEP_BATCH = 500;
/** The timer sweeps for today's date (Asia/Shanghai) this often; a sweep of a day already swept is a no-op. */
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
const FIRST_SWEEP_DELAY_MS = 5 * 60 * 1000;

/**
 * Ends publicity at the maximum period: every ACTIVE record whose period end is on or before `asOf`
 * becomes PUBLICITY_ENDED (cause EXPIRED, effective on its period end) with RecordStatusChanged.
 */
@Injectable()
export class PublicitySweepService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  /** Set on shutdown: a sweep in progress stops after the batch it is writing (the next sweep goes on from there). */
  private stopping = false;
  /** Records ended per transaction. */
  batchSize = SWEEP_BATCH;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly statuses: RecordStatusService,
    @Inject(SERVICE_DEPS) private readonly deps: ServiceDeps,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running = this.runDailySweep(chinaDateOf(new Date()))
        .then((ended) => ended > 0 && this.deps.log.info({ ended }, 'publicity sweep ended records'))
        .catch((error: unknown) => this.deps.log.error({ err: error }, 'publicity sweep failed'))
        .finally(() => (this.running = null));
    };
    this.timer = setTimeout(() => {
      tick();
      this.timer = setInterval(tick, SWEEP_INTERVAL_MS);
      this.timer.unref();
    }, FIRST_SWEEP_DELAY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    // Waits for one batch at most: a sweep of a million expired records would otherwise hold the process (and a
    // Kubernetes pod) past its grace period.
    await this.running;
  }

  /**
   * Ends the publicity of every active record whose period ended on or before `asOf` (YYYY-MM-DD).
   * Returns how many records it ended; 0 when another replica holds the sweep lock. Stops early, between two
   * batches, when the service is shutting down.
   */
  async runDailySweep(asOf: string): Promise<number> {
    if (!isValidIsoDate(asOf)) throw AppError.one('VALIDATION', 'AS_OF_INVALID', '日期须为 YYYY-MM-DD', 'asOf must be a YYYY-MM-DD date.', 'asOf');
    let total = 0;
    for (;;) {
      const pass = await this.uow.run(async (tx) => {
        const [{ locked }] = (await tx.manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [SWEEP_LOCK_KEY])) as { locked: boolean }[];
        if (!locked) return { ended: 0, more: false };
        const due = (await tx.manager.query(
          `SELECT id FROM record_collection.credit_record
            WHERE status = 'ACTIVE' AND period_end <= $1
            ORDER BY period_end, id LIMIT $2`,
          [asOf, this.batchSize],
        )) as { id: string }[];
        const snapshots = await this.statuses.loadForUpdate(tx.manager, due.map((r) => r.id));
        const ended = [...snapshots.values()]
          .filter(({ record }) => record.status === 'ACTIVE' && record.periodEnd && record.periodEnd <= asOf)
          .map((snapshot): { snapshot: typeof snapshot; change: StatusChange } => ({
            snapshot,
            change: {
              status: 'PUBLICITY_ENDED',
              cause: 'EXPIRED',
              reason: '公示期满',
              publicityEnd: snapshot.record.publicityEnd,
              effectiveDate: snapshot.record.periodEnd!,
              actorDepartmentId: '',
            },
          }));
        await this.statuses.applyMany(tx, ended);
        return { ended: ended.length, more: due.length === this.batchSize && ended.length > 0 };
      });
      total += pass.ended;
      if (!pass.more || this.stopping) return total;
    }
  }
}
