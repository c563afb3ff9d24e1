import { addMonths, addYears, compareDates, type IsoDate } from '../calendar/local-date';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { PolicyParameters } from '../policy/policy-parameters';

/**
 * Lists of joint reward and punishment (seeds 002 §四(一), 003 §二(四)3): the auto-initiation rules ("三个自动":
 * lists initiate automatically, seed 002 §四(四)), the objection window after the notice and the period of
 * an entry. Pure: the service stores the rules as data and feeds them here.
 */

export type ListTypeCode = 'RED' | 'SERIOUS_DISHONESTY' | 'KEY_ATTENTION';

/** The kinds of rule the evaluator knows; a rule row picks one and sets its conditions. */
export const AutoRuleKind = {
  /** One adverse record of the rule's severity (by default 严重) proposes an entry. */
  SINGLE_RECORD: 'SINGLE_RECORD',
  /** `lists.keyAttentionGeneralRecords` adverse records of the rule's severity decided within `lists.keyAttentionWindowMonths`. */
  REPEATED_RECORDS: 'REPEATED_RECORDS',
  /**
   * No adverse record decided for `redList.cleanYears` years, and some record older than that (the platform has
   * known the subject that long): red-list eligible. Evaluated by the daily sweep over the subjects' record
   * summaries, never per record event (see `cleanYearsCutoff`).
   */
  CLEAN_YEARS: 'CLEAN_YEARS',
} as const;
export type AutoRuleKind = (typeof AutoRuleKind)[keyof typeof AutoRuleKind];

/** A versioned auto-initiation rule of a jurisdiction, as stored. Thresholds are policy parameters, not rule data. */
export interface AutoRule {
  readonly code: string;
  readonly version: number;
  readonly jurisdiction: string;
  readonly effectiveFrom: IsoDate;
  readonly enabled: boolean;
  readonly kind: AutoRuleKind;
  readonly listType: ListTypeCode;
  /** Severity tier of the records the rule counts (MINOR, GENERAL, SERIOUS). */
  readonly severity: string;
  /** Catalogue categories the rule counts (e.g. PENALTY); empty = every category. */
  readonly categories: readonly string[];
  /** 认定依据 written on the entry and in the notice. */
  readonly basisText: string;
  readonly descriptionZh: string;
}

/** What the rules need to know of a credit record. */
export interface RuleRecord {
  readonly recordId: string;
  readonly adverse: boolean;
  readonly severity: string | null;
  readonly category: string;
  readonly decisionDate: IsoDate;
  /** ACTIVE, PUBLICITY_ENDED, REPAIRED or REVOKED. */
  readonly status: string;
}

export interface RuleOutcome {
  readonly met: boolean;
  /** The records the rule rests on (oldest decision first). */
  readonly basisRecordIds: readonly string[];
}

/** The number of records a rule needs. */
export function requiredRecords(rule: Pick<AutoRule, 'kind'>, params: PolicyParameters): number {
  return rule.kind === AutoRuleKind.REPEATED_RECORDS ? params.lists.keyAttentionGeneralRecords : 1;
}

/** Records a rule counts on `asOf`: active, adverse, of its severity and categories (and, when repeated, inside the window). */
export function countedRecords(rule: AutoRule, records: readonly RuleRecord[], asOf: IsoDate, params: PolicyParameters): RuleRecord[] {
  const windowStart = rule.kind === AutoRuleKind.REPEATED_RECORDS ? addMonths(asOf, -params.lists.keyAttentionWindowMonths) : null;
  return records
    .filter(
      (r) =>
        r.status === 'ACTIVE' &&
        r.adverse &&
        r.severity === rule.severity &&
        (rule.categories.length === 0 || rule.categories.includes(r.category)) &&
        compareDates(r.decisionDate, asOf) <= 0 &&
        (windowStart === null || compareDates(r.decisionDate, windowStart) > 0),
    )
    .sort((a, b) => compareDates(a.decisionDate, b.decisionDate) || a.recordId.localeCompare(b.recordId));
}

/** Whether a rule proposes an entry for a subject with these records on `asOf`, and on which records. */
export function evaluateRule(rule: AutoRule, records: readonly RuleRecord[], asOf: IsoDate, params: PolicyParameters): RuleOutcome {
  // A clean-years rule is about the absence of records: the daily sweep evaluates it (`isCleanYearsEligible`).
  if (!rule.enabled || rule.kind === AutoRuleKind.CLEAN_YEARS) return { met: false, basisRecordIds: [] };
  const counted = countedRecords(rule, records, asOf, params);
  const met = counted.length >= requiredRecords(rule, params);
  return { met, basisRecordIds: met ? counted.map((r) => r.recordId) : [] };
}

/**
 * Whether an entry still stands on its basis records (after a record was corrected, repaired or revoked):
 * an entry a rule proposed stands while the rule still holds on its own basis records; an entry a
 * department proposed on records stands while one of them is neither repaired nor revoked; one proposed on text
 * alone stands.
 */
export function entryStillStands(
  rule: AutoRule | null,
  basis: readonly RuleRecord[],
  basisRecordCount: number,
  params: PolicyParameters,
): boolean {
  // A basis record falls with repair or revocation, not with the end of its publicity.
  const stands = (r: RuleRecord) => r.status !== 'REPAIRED' && r.status !== 'REVOKED';
  // A clean-years entry rests on no record: a new adverse record ends it (`breaksCleanYears`), nothing else.
  if (rule?.kind === AutoRuleKind.CLEAN_YEARS) return true;
  if (rule) {
    // The window of a repeated rule was met when the entry was proposed; later it is the records that count.
    const counted = basis.filter(
      (r) => stands(r) && r.adverse && r.severity === rule.severity && (rule.categories.length === 0 || rule.categories.includes(r.category)),
    );
    return counted.length >= requiredRecords(rule, params);
  }
  if (basisRecordCount === 0) return true;
  return basis.some(stands);
}

/**
 * The clean-years cutoff on `asOf`: `asOf` minus `redList.cleanYears` years. A subject is clean when no adverse
 * (non-revoked) record was decided after the cutoff, and it has a record decided on or before it — the same
 * reading as the check's CLEAN_3_YEARS group.
 */
export function cleanYearsCutoff(asOf: IsoDate, params: PolicyParameters): IsoDate {
  return addYears(asOf, -params.redList.cleanYears);
}

/** What the clean-years rule needs of a subject: its earliest record and its latest adverse one (revoked ones aside). */
export interface SubjectRecordSummary {
  readonly firstRecordDate: IsoDate | null;
  readonly lastAdverseDate: IsoDate | null;
}

/** Whether a subject with this summary is red-list eligible on `asOf` under the clean-years rule. */
export function isCleanYearsEligible(summary: SubjectRecordSummary, asOf: IsoDate, params: PolicyParameters): boolean {
  const cutoff = cleanYearsCutoff(asOf, params);
  if (summary.firstRecordDate === null || compareDates(summary.firstRecordDate, cutoff) > 0) return false;
  return summary.lastAdverseDate === null || compareDates(summary.lastAdverseDate, cutoff) <= 0;
}

/**
 * Whether an adverse record breaks a clean-years entry proposed on `proposedOn`: it was decided after the
 * cutoff the entry was proposed under (a record older than that was already known to be old).
 */
export function breaksCleanYears(record: Pick<RuleRecord, 'adverse' | 'status' | 'decisionDate'>, proposedOn: IsoDate, params: PolicyParameters): boolean {
  return record.adverse && record.status !== 'REVOKED' && compareDates(record.decisionDate, cleanYearsCutoff(proposedOn, params)) > 0;
}

/**
 * Picks, for each rule code, the version in force on `onDate` for the most specific jurisdiction of the chain
 * (national first, county last) that has one.
 */
export function rulesInForce(rules: readonly AutoRule[], chain: readonly string[], onDate: IsoDate): AutoRule[] {
  const byCode = new Map<string, AutoRule>();
  for (const jurisdiction of chain) {
    const atLevel = new Map<string, AutoRule>();
    for (const rule of rules) {
      if (rule.jurisdiction !== jurisdiction || compareDates(rule.effectiveFrom, onDate) > 0) continue;
      const best = atLevel.get(rule.code);
      const later = !best || compareDates(rule.effectiveFrom, best.effectiveFrom) > 0 || (rule.effectiveFrom === best.effectiveFrom && rule.version > best.version);
      if (later) atLevel.set(rule.code, rule);
    }
    for (const [code, rule] of atLevel) byCode.set(code, rule);
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * Last day (exclusive) of the objection window: the notice day plus `lists.objectionWindowWorkingDays`
 * working days of the holiday calendar (调休 included). The entry may take effect from this day on.
 */
export function objectionWindowEnd(noticeDay: IsoDate, params: PolicyParameters, calendar: WorkingDayCalendar): IsoDate {
  return calendar.addWorkingDays(noticeDay, params.lists.objectionWindowWorkingDays);
}

/** Default months of an entry of this list, from its activation. */
export function listPeriodMonths(listType: ListTypeCode, params: PolicyParameters): number {
  switch (listType) {
    case 'SERIOUS_DISHONESTY':
      return params.lists.seriousDishonestyMonths;
    case 'KEY_ATTENTION':
      return params.lists.keyAttentionMonths;
    case 'RED':
      return params.lists.redListMonths;
  }
}

/** Period of an entry activated on `activation`: [start, end), month arithmetic clamped to month end. */
export function listPeriod(listType: ListTypeCode, activation: IsoDate, params: PolicyParameters): { start: IsoDate; end: IsoDate } {
  return { start: activation, end: addMonths(activation, listPeriodMonths(listType, params)) };
}
