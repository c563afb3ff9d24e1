import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isValidIsoDate } from '@credit/domain';
import { AppError } from '@credit/runtime';
import { DataSource } from 'typeorm';
import { REPAIR_CLOCK, type RepairClock } from './repair-clock';

export interface RepairStatisticsView {
  byStatus: { status: string; count: number }[];
  decided: number;
  decidedOnTime: number;
  onTimeRate: number;
  overdueOpen: number;
  repeatSubjects: { subjectKey: string; name: string; approvedRepairs: number }[];
}

/** Supervision figures: applications by status, on-time decision rate, repeat repairs per subject. */
@Injectable()
export class RepairStatisticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REPAIR_CLOCK) private readonly clock: RepairClock,
  ) {}

  async statistics(filter: { decidingDepartmentId?: string; from?: string; to?: string }): Promise<RepairStatisticsView> {
    for (const field of ['from', 'to'] as const) {
      const v = filter[field];
      if (v && !isValidIsoDate(v)) throw AppError.one('VALIDATION', 'DATE_INVALID', '日期须为 YYYY-MM-DD', `${field} must be a YYYY-MM-DD date.`, field);
    }
    const where = `($1::text IS NULL OR deciding_department_id = $1) AND ($2::date IS NULL OR applied_on >= $2) AND ($3::date IS NULL OR applied_on <= $3)`;
    const params = [filter.decidingDepartmentId || null, filter.from || null, filter.to || null];
    const [byStatus, [totals], repeat] = await Promise.all([
      this.dataSource.query<{ status: string; count: number }[]>(
        `SELECT status, count(*)::int AS count FROM credit_repair.repair_application WHERE ${where} GROUP BY status ORDER BY status`,
        params,
      ),
      this.dataSource.query<{ decided: number; on_time: number; overdue_open: number }[]>(
        `SELECT count(*) FILTER (WHERE decided_on IS NOT NULL)::int AS decided,
                count(*) FILTER (WHERE decided_on_time)::int AS on_time,
                count(*) FILTER (WHERE status = 'ACCEPTED' AND decision_due < $4)::int AS overdue_open
           FROM credit_repair.repair_application WHERE ${where}`,
        [...params, this.clock.today()],
      ),
      // A repair approved and later revoked still counts as a repair the subject obtained.
      this.dataSource.query<{ subject_key: string; name: string; approved: number }[]>(
        `SELECT subject_key, max(subject->>'name') AS name, count(*)::int AS approved
           FROM credit_repair.repair_application WHERE ${where} AND status IN ('APPROVED', 'REVOKED')
          GROUP BY subject_key HAVING count(*) > 1 ORDER BY count(*) DESC, subject_key LIMIT 100`,
        params,
      ),
    ]);
    return {
      byStatus,
      decided: totals.decided,
      decidedOnTime: totals.on_time,
      onTimeRate: totals.decided === 0 ? 0 : totals.on_time / totals.decided,
      overdueOpen: totals.overdue_open,
      repeatSubjects: repeat.map((r) => ({ subjectKey: r.subject_key, name: r.name, approvedRepairs: r.approved })),
    };
  }
}
