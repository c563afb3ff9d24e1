import { compareDates, isValidIsoDate, type IsoDate } from '../calendar/local-date';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { DomainError } from '../errors';

/**
 * 奖惩案例自动反馈 ("cases are fed back automatically", seed 002 §四(四)): after a check in which measures applied,
 * the checking department reports, per measure, whether it applied it (with start/end, content and outcome —
 * the national feedback fields: subject, conduct, executing department, start/end, measure, content, outcome)
 * or why not. Pure: validation, deadlines and the case status.
 */

export const FeedbackDecision = { APPLIED: 'APPLIED', NOT_APPLIED: 'NOT_APPLIED' } as const;
export type FeedbackDecision = (typeof FeedbackDecision)[keyof typeof FeedbackDecision];

/** Why a department did not apply a measure: a closed list (counted by the statistics) plus free text. */
export const DECLINE_REASONS = {
  INFORMATION_UNDER_OBJECTION: '所依据的信息处于异议核查中',
  CREDIT_REPAIRED: '主体已完成信用修复',
  MATTER_WITHDRAWN: '办件已撤回或终止',
  NOT_RELEVANT_TO_MATTER: '措施与本办件无关',
  DISCRETION_NOT_APPLIED: '推荐性措施，经裁量不予实施',
  OTHER: '其他原因',
} as const;
export type DeclineReasonCode = keyof typeof DECLINE_REASONS;

export function isDeclineReasonCode(code: string): code is DeclineReasonCode {
  return Object.prototype.hasOwnProperty.call(DECLINE_REASONS, code);
}

/**
 * Default number of working days a department has to feed back after the check. No seed sets it: the service
 * takes it from its configuration (JRP_FEEDBACK_WORKING_DAYS) and records, per case, the number it used.
 */
export const DEFAULT_FEEDBACK_WORKING_DAYS = 10;

/** Last day (inclusive) of the feedback deadline: `workingDays` working days after the check day (调休 included). */
export function feedbackDue(checkDay: IsoDate, workingDays: number, calendar: WorkingDayCalendar): IsoDate {
  return calendar.addWorkingDays(checkDay, workingDays);
}

/** A case is overdue from the day after its last feedback day. */
export function isFeedbackOverdue(due: IsoDate, asOf: IsoDate): boolean {
  return compareDates(asOf, due) > 0;
}

/** PENDING: no measure fed back; PARTIAL: some; COMPLETE: every triggered measure. */
export type CaseFeedbackStatus = 'PENDING' | 'PARTIAL' | 'COMPLETE';

export function caseFeedbackStatus(measures: number, fedBack: number): CaseFeedbackStatus {
  if (fedBack === 0) return 'PENDING';
  return fedBack >= measures ? 'COMPLETE' : 'PARTIAL';
}

/** One measure's feedback as the department sends it. */
export interface MeasureFeedbackInput {
  readonly measureCode: string;
  readonly decision: string;
  readonly reasonCode?: string;
  readonly reason?: string;
  readonly startDate?: string;
  readonly endDate?: string;
  readonly content?: string;
  readonly outcome?: string;
}

/** A validated feedback item, as stored. */
export interface MeasureFeedback {
  readonly measureCode: string;
  readonly decision: FeedbackDecision;
  readonly reasonCode: DeclineReasonCode | null;
  readonly reason: string | null;
  readonly startDate: IsoDate | null;
  readonly endDate: IsoDate | null;
  readonly content: string | null;
  readonly outcome: string | null;
}

const TEXT_MAX = 2000;
const detail = (code: string, field: string, zh: string, en: string): DomainError => ({ code, field, message: { zh, en } });

/**
 * Validates the items of one feedback against the case's triggered measures: every item names a triggered
 * measure once; APPLIED needs a start date (not before the check day), an end date not before it when given
 * and the outcome (执行结果); NOT_APPLIED needs a reason code and, for OTHER, the reason text.
 */
export function validateFeedback(
  items: readonly MeasureFeedbackInput[],
  triggered: readonly string[],
  checkDay: IsoDate,
): { ok: true; feedback: MeasureFeedback[] } | { ok: false; errors: DomainError[] } {
  const errors: DomainError[] = [];
  const feedback: MeasureFeedback[] = [];
  if (items.length === 0) errors.push(detail('FEEDBACK_EMPTY', 'measures', '须至少反馈一项措施', 'Feed back at least one measure.'));
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const at = `measures[${i}]`;
    const code = item.measureCode?.trim() ?? '';
    const text = (v: string | undefined) => (v ?? '').trim();
    if (!triggered.includes(code)) {
      errors.push(detail('MEASURE_NOT_TRIGGERED', `${at}.measureCode`, `措施 ${code} 不是本次核查触发的措施`, `Measure ${code} was not triggered by this check.`));
      return;
    }
    if (seen.has(code)) {
      errors.push(detail('MEASURE_DUPLICATED', `${at}.measureCode`, `措施 ${code} 重复反馈`, `Measure ${code} appears twice.`));
      return;
    }
    seen.add(code);
    const tooLong = ['reason', 'content', 'outcome'].filter((f) => text(item[f as 'reason']).length > TEXT_MAX);
    for (const f of tooLong) errors.push(detail('TEXT_TOO_LONG', `${at}.${f}`, `不超过${TEXT_MAX}字`, `At most ${TEXT_MAX} characters.`));
    if (item.decision === FeedbackDecision.APPLIED) {
      const start = text(item.startDate);
      const end = text(item.endDate);
      if (!isValidIsoDate(start)) {
        errors.push(detail('START_DATE_INVALID', `${at}.startDate`, '实施起始日期须为 YYYY-MM-DD', 'The start date must be a YYYY-MM-DD date.'));
      } else if (compareDates(start, checkDay) < 0) {
        errors.push(detail('START_BEFORE_CHECK', `${at}.startDate`, '实施起始日期不得早于核查日期', 'The start date cannot be before the check.'));
      }
      if (end && (!isValidIsoDate(end) || (isValidIsoDate(start) && compareDates(end, start) < 0))) {
        errors.push(detail('END_DATE_INVALID', `${at}.endDate`, '实施截止日期须为不早于起始日期的 YYYY-MM-DD', 'The end date must be a YYYY-MM-DD date not before the start.'));
      }
      if (!text(item.outcome)) errors.push(detail('OUTCOME_REQUIRED', `${at}.outcome`, '须填写执行结果', 'The outcome is required.'));
      feedback.push({
        measureCode: code,
        decision: FeedbackDecision.APPLIED,
        reasonCode: null,
        reason: null,
        startDate: start,
        endDate: end || null,
        content: text(item.content) || null,
        outcome: text(item.outcome),
      });
    } else if (item.decision === FeedbackDecision.NOT_APPLIED) {
      const reasonCode = text(item.reasonCode);
      if (!isDeclineReasonCode(reasonCode)) {
        errors.push(detail('REASON_CODE_INVALID', `${at}.reasonCode`, `未实施原因须为：${Object.keys(DECLINE_REASONS).join(' / ')}`, `The reason code must be one of ${Object.keys(DECLINE_REASONS).join(', ')}.`));
      } else if (reasonCode === 'OTHER' && !text(item.reason)) {
        errors.push(detail('REASON_REQUIRED', `${at}.reason`, '其他原因须说明', 'Explain the other reason.'));
      }
      feedback.push({
        measureCode: code,
        decision: FeedbackDecision.NOT_APPLIED,
        reasonCode: isDeclineReasonCode(reasonCode) ? reasonCode : null,
        reason: text(item.reason) || null,
        startDate: null,
        endDate: null,
        content: null,
        outcome: null,
      });
    } else {
      errors.push(detail('DECISION_INVALID', `${at}.decision`, '反馈结论须为 APPLIED 或 NOT_APPLIED', 'The decision must be APPLIED or NOT_APPLIED.'));
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, feedback };
}
