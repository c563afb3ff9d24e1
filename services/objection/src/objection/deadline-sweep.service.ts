import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { chinaDateOf, isValidIsoDate } from '@credit/domain';
import { UnitOfWork } from '@credit/messaging';
import { LOGGER, type ServiceDeps } from '@credit/runtime';
import { OBJECTION_CLOCK, OBJECTION_SETTINGS, type Clock, type ObjectionSettings } from './objection.settings';

export interface SweepResult {
  asOf: string;
  /** False when another replica held the sweep lock. */
  swept: boolean;
  reminded: string[];
  escalated: string[];
}

/**
 * Verification deadlines, swept once a day for an explicit date `asOf` (tests run "day N"):
 * - a REMINDER to the verifying department from the reminder date (N working days before the due date)
 *   until the due date, once per objection;
 * - an ESCALATION to the credit office once the due date has passed (from the day after it), once per
 *   objection, and the objection is flagged `escalated`.
 * Catching up after days without a sweep gives the same result. Only one replica sweeps at a time
 * (pg_try_advisory_xact_lock); a daily timer runs it for today's Asia/Shanghai date.
 */
@Injectable()
export class DeadlineSweepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private lastSwept: string | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(OBJECTION_SETTINGS) private readonly settings: ObjectionSettings,
    @Inject(OBJECTION_CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly log: ServiceDeps['log'],
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.dailySweep) return;
    const tick = () => {
      const today = chinaDateOf(this.clock());
      if (this.lastSwept === today || this.running) return;
      this.running = this.runDailySweep(today)
        .then((result) => {
          if (result.swept) this.lastSwept = today;
          this.log.info({ asOf: today, reminded: result.reminded.length, escalated: result.escalated.length, swept: result.swept }, 'objection deadline sweep');
        })
        .catch((error: unknown) => this.log.error({ err: error, asOf: today }, 'objection deadline sweep failed'))
        .finally(() => (this.running = null));
    };
    this.timer = setInterval(tick, this.settings.sweepIntervalMs);
    this.timer.unref();
    setImmediate(tick);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async runDailySweep(asOf: string): Promise<SweepResult> {
    if (!isValidIsoDate(asOf)) throw new RangeError(`asOf must be YYYY-MM-DD, got ${asOf}`);
    return this.uow.run(async ({ manager }) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock(hashtext('objection.deadline-sweep')) AS locked`);
      if (!locked) return { asOf, swept: false, reminded: [], escalated: [] };
      const reminded = await manager.query<{ objection_id: string }[]>(
        `INSERT INTO objection.objection_notification (objection_id, kind, department_id, date, verification_due, created_at)
         SELECT id, 'REMINDER', verifying_department_id, $1::date, verification_due, now()
           FROM objection.objection
          WHERE status = 'OPEN' AND reminder_date <= $1::date AND verification_due >= $1::date
         ON CONFLICT (objection_id, kind) DO NOTHING
         RETURNING objection_id`,
        [asOf],
      );
      const escalated = await manager.query<{ objection_id: string }[]>(
        `INSERT INTO objection.objection_notification (objection_id, kind, department_id, date, verification_due, created_at)
         SELECT id, 'ESCALATION', $2, $1::date, verification_due, now()
           FROM objection.objection
          WHERE status = 'OPEN' AND verification_due < $1::date
         ON CONFLICT (objection_id, kind) DO NOTHING
         RETURNING objection_id`,
        [asOf, this.settings.creditOfficeDepartmentId],
      );
      const remindedIds = reminded.map((r) => r.objection_id);
      const escalatedIds = escalated.map((r) => r.objection_id);
      if (escalatedIds.length > 0) {
        await manager.query(`UPDATE objection.objection SET escalated = true, escalated_on = $2::date WHERE id = ANY($1::uuid[])`, [escalatedIds, asOf]);
      }
      const history = [
        ...remindedIds.map((id) => [id, 'REMINDED', { date: asOf }] as const),
        ...escalatedIds.map((id) => [id, 'ESCALATED', { date: asOf, to: this.settings.creditOfficeDepartmentId }] as const),
      ];
      if (history.length > 0) {
        await manager.query(
          `INSERT INTO objection.objection_history (objection_id, kind, at, actor, detail)
           SELECT h.objection_id, h.kind, now(), 'system', h.detail
             FROM jsonb_to_recordset($1::jsonb) AS h(objection_id uuid, kind text, detail jsonb)`,
          [JSON.stringify(history.map(([objectionId, kind, detail]) => ({ objection_id: objectionId, kind, detail })))],
        );
      }
      return { asOf, swept: true, reminded: remindedIds, escalated: escalatedIds };
    });
  }
}
