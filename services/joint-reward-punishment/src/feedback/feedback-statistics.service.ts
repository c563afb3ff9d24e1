import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DECLINE_REASONS, isDeclineReasonCode, isValidIsoDate, type IsoDate } from '@credit/domain';
import { AppError } from '@credit/runtime';
import { DataSource } from 'typeorm';
import { JrpClock } from '../lists/clock';

const S = 'joint_reward_punishment';

export interface ReasonCount {
  reasonCode: string;
  labelZh: string;
  count: number;
}

export interface Counts {
  triggered: number;
  applied: number;
  declined: number;
  pending: number;
  overdue: number;
  declineReasons: ReasonCount[];
}

export interface FeedbackStatisticsView {
  from: string;
  to: string;
  asOf: IsoDate;
  byMeasure: { measureCode: string; contentZh: string; counts: Counts }[];
  byDepartment: { departmentId: string; counts: Counts }[];
  byDepartmentMatter: { departmentId: string; matterType: string; cases: number; complete: number; feedbackRate: number }[];
}

interface CountRow {
  key: string;
  label: string | null;
  triggered: number;
  applied: number;
  declined: number;
  pending: number;
  overdue: number;
}

/**
 * 跟踪、监测、统计、评估 (seed 003 §三(三)): how the measures triggered by checks were carried out, per measure and
 * per department (triggered, applied, declined by reason, pending and overdue), and the feedback rate per
 * department per matter type. Over the cases whose check day is in [from, to).
 */
@Injectable()
export class FeedbackStatisticsService {
  constructor(
    private readonly clock: JrpClock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async statistics(query: { from?: string; to?: string; departmentId?: string; asOf?: string }): Promise<FeedbackStatisticsView> {
    const from = query.from?.trim() ?? '';
    const to = query.to?.trim() ?? '';
    const asOf = query.asOf?.trim() || this.clock.today();
    for (const [field, value] of [['from', from], ['to', to], ['asOf', asOf]] as const) {
      if (value && !isValidIsoDate(value)) throw AppError.one('VALIDATION', 'DATE_INVALID', '日期须为 YYYY-MM-DD', `${field} must be a YYYY-MM-DD date.`, field);
    }
    const department = query.departmentId?.trim() || null;
    const scope = `WITH c AS (
        SELECT * FROM ${S}.check_case
         WHERE ($1::date IS NULL OR check_day >= $1::date) AND ($2::date IS NULL OR check_day < $2::date)
           AND ($3::text IS NULL OR department_id = $3::text))`;
    const params = [from || null, to || null, department, asOf];
    const counted = (key: string, label: string) => `${scope}
      SELECT ${key} AS key, ${label} AS label,
             count(*)::int AS triggered,
             (count(*) FILTER (WHERE m.decision = 'APPLIED'))::int AS applied,
             (count(*) FILTER (WHERE m.decision = 'NOT_APPLIED'))::int AS declined,
             (count(*) FILTER (WHERE m.decision IS NULL))::int AS pending,
             (count(*) FILTER (WHERE m.decision IS NULL AND c.feedback_due < $4::date))::int AS overdue
        FROM ${S}.case_measure m JOIN c ON c.check_id = m.check_id
       GROUP BY 1 ORDER BY 1`;
    const reasons = (key: string) => `${scope}
      SELECT ${key} AS key, m.reason_code AS reason_code, count(*)::int AS n
        FROM ${S}.case_measure m JOIN c ON c.check_id = m.check_id
       WHERE m.decision = 'NOT_APPLIED'
       GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2`;
    const manager = this.dataSource.manager;
    const [measureRows, departmentRows, measureReasons, departmentReasons, rates] = await Promise.all([
      manager.query<CountRow[]>(counted('m.measure_code', 'max(m.content_zh)'), params),
      manager.query<CountRow[]>(counted('c.department_id', 'NULL'), params),
      manager.query<{ key: string; reason_code: string; n: number }[]>(reasons('m.measure_code'), params.slice(0, 3)),
      manager.query<{ key: string; reason_code: string; n: number }[]>(reasons('c.department_id'), params.slice(0, 3)),
      manager.query<{ department_id: string; matter_type: string; cases: number; complete: number }[]>(
        `${scope}
         SELECT department_id, matter_type, count(*)::int AS cases, (count(*) FILTER (WHERE feedback_status = 'COMPLETE'))::int AS complete
           FROM c GROUP BY 1, 2 ORDER BY 1, 2`,
        params.slice(0, 3),
      ),
    ]);
    const reasonsOf = (rows: { key: string; reason_code: string; n: number }[], key: string): ReasonCount[] =>
      rows
        .filter((r) => r.key === key)
        .map((r) => ({ reasonCode: r.reason_code, labelZh: isDeclineReasonCode(r.reason_code) ? DECLINE_REASONS[r.reason_code] : r.reason_code, count: r.n }));
    const counts = (r: CountRow, reasonRows: { key: string; reason_code: string; n: number }[]): Counts => ({
      triggered: r.triggered,
      applied: r.applied,
      declined: r.declined,
      pending: r.pending,
      overdue: r.overdue,
      declineReasons: reasonsOf(reasonRows, r.key),
    });
    return {
      from,
      to,
      asOf,
      byMeasure: measureRows.map((r) => ({ measureCode: r.key, contentZh: r.label ?? '', counts: counts(r, measureReasons) })),
      byDepartment: departmentRows.map((r) => ({ departmentId: r.key, counts: counts(r, departmentReasons) })),
      byDepartmentMatter: rates.map((r) => ({
        departmentId: r.department_id,
        matterType: r.matter_type,
        cases: r.cases,
        complete: r.complete,
        feedbackRate: r.cases ? r.complete / r.cases : 0,
      })),
    };
  }
}
