import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { defaultPolicyRegistry, isValidIsoDate, type DomainError } from '@credit/domain';
import { AppError, SERVICE_DEPS, type ServiceDeps } from '@credit/runtime';
import { DataSource } from 'typeorm';
import { err } from '../records/record-validation';

export const MAX_OVERDUE_LISTED = 100;
const DEFAULT_OVERDUE_LISTED = 20;

export interface ScorecardQuery {
  callerDepartmentId: string;
  creditOffice: boolean;
  departmentId?: string;
  periodStart: string;
  periodEnd: string;
  overdueLimit?: number;
}

export interface OverdueRecordView {
  recordId: string;
  catalogueItemCode: string;
  decisionNumber: string;
  decisionDate: string;
  submittedOn: string;
  workingDays: number;
  daysLate: number;
}

export interface DepartmentScorecard {
  departmentId: string;
  records: number;
  onTime: number;
  onTimeRate: number;
  unmeasured: number;
  overdue: number;
  overdueRecords: OverdueRecordView[];
  completeness: number;
  rowsReceived: number;
  rowsRejected: number;
  rejectedRowRate: number;
}

export interface Scorecard {
  limitWorkingDays: number;
  policyVersion: string;
  departments: DepartmentScorecard[];
}

/**
 * 双公示 timeliness scorecards: per department, the licensing and penalty records decided in a period
 * (on time against the working-day limit, overdue list, completeness) and the rows it sent that were
 * rejected. A department sees its own; the credit office every department.
 */
@Injectable()
export class TimelinessService {
  private readonly policies = defaultPolicyRegistry();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_DEPS) private readonly deps: ServiceDeps,
  ) {}

  async scorecard(query: ScorecardQuery): Promise<Scorecard> {
    const caller = query.callerDepartmentId?.trim() ?? '';
    const requested = query.departmentId?.trim() || undefined;
    if (!query.creditOffice) {
      if (!caller) throw AppError.one('UNAUTHENTICATED', 'DEPARTMENT_REQUIRED', '缺少查询部门', 'The calling department is missing.', 'callerDepartmentId');
      if (requested && requested !== caller) {
        throw AppError.one('FORBIDDEN', 'SCORECARD_OTHER_DEPARTMENT', '只有信用办可以查看其他部门的时效', 'Only the credit office may see another department’s scorecard.', 'departmentId');
      }
    }
    const department = query.creditOffice ? requested : caller;
    const errors: DomainError[] = [];
    for (const [field, value] of [['periodStart', query.periodStart], ['periodEnd', query.periodEnd]] as const) {
      if (!isValidIsoDate(value ?? '')) errors.push(err('PERIOD_INVALID', field, '期间须为有效日期 (YYYY-MM-DD)', 'The period bounds must be valid dates (YYYY-MM-DD).'));
    }
    if (errors.length === 0 && query.periodStart > query.periodEnd) {
      errors.push(err('PERIOD_INVALID', 'periodEnd', '期间结束不能早于开始', 'The period cannot end before it starts.'));
    }
    if (errors.length > 0) throw AppError.validation(errors);
    const limit = Math.min(Math.max(query.overdueLimit || DEFAULT_OVERDUE_LISTED, 1), MAX_OVERDUE_LISTED);
    const params = [query.periodStart, query.periodEnd, department ?? null];

    const totals: { department_id: string; records: string; on_time: string; unmeasured: string; overdue: string; complete: string }[] = await this.dataSource.query(
      `SELECT provider_department_id AS department_id, count(*) AS records, count(*) FILTER (WHERE on_time) AS on_time,
              count(*) FILTER (WHERE on_time IS NULL) AS unmeasured, count(*) FILTER (WHERE NOT on_time) AS overdue,
              count(*) FILTER (WHERE complete) AS complete
         FROM record_collection.record_timeliness
        WHERE decision_date BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR provider_department_id = $3)
        GROUP BY provider_department_id`,
      params,
    );
    const overdue: {
      department_id: string;
      record_id: string;
      catalogue_item_code: string;
      decision_number: string;
      decision_date: string;
      submitted_on: string;
      working_days: number;
      days_late: number;
    }[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT provider_department_id AS department_id, record_id, catalogue_item_code, decision_number, decision_date::text AS decision_date,
                submitted_on::text AS submitted_on, working_days, days_late,
                row_number() OVER (PARTITION BY provider_department_id ORDER BY days_late DESC, decision_date, record_id) AS rank
           FROM record_collection.record_timeliness
          WHERE decision_date BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR provider_department_id = $3) AND NOT on_time) ranked
        WHERE rank <= $4 ORDER BY department_id, rank`,
      [...params, limit],
    );
    const tallies: { department_id: string; received: string; rejected: string }[] = await this.dataSource.query(
      `SELECT department_id, sum(received) AS received, sum(rejected) AS rejected FROM record_collection.submission_tally
        WHERE day BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR department_id = $3) GROUP BY department_id`,
      params,
    );

    const ids = new Set<string>([...totals.map((t) => t.department_id), ...tallies.map((t) => t.department_id)]);
    if (department) ids.add(department);
    const policy = this.policies.resolve(this.deps.config.jurisdiction, query.periodEnd);
    return {
      limitWorkingDays: policy.parameters.doublePublicityWorkingDays,
      policyVersion: policy.versionIds.join('+'),
      departments: [...ids].sort().map((id) => {
        const t = totals.find((x) => x.department_id === id);
        const tally = tallies.find((x) => x.department_id === id);
        const records = Number(t?.records ?? 0);
        const onTime = Number(t?.on_time ?? 0);
        const unmeasured = Number(t?.unmeasured ?? 0);
        const received = Number(tally?.received ?? 0);
        const rejected = Number(tally?.rejected ?? 0);
        return {
          departmentId: id,
          records,
          onTime,
          onTimeRate: ratio(onTime, records - unmeasured),
          unmeasured,
          overdue: Number(t?.overdue ?? 0),
          overdueRecords: overdue
            .filter((o) => o.department_id === id)
            .map((o) => ({
              recordId: o.record_id,
              catalogueItemCode: o.catalogue_item_code,
              decisionNumber: o.decision_number,
              decisionDate: o.decision_date,
              submittedOn: o.submitted_on,
              workingDays: Number(o.working_days),
              daysLate: Number(o.days_late),
            })),
          completeness: ratio(Number(t?.complete ?? 0), records),
          rowsReceived: received,
          rowsRejected: rejected,
          rejectedRowRate: ratio(rejected, received),
        };
      }),
    };
  }
}

function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}
