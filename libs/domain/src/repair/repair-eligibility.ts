import { compareDates, type IsoDate } from '../calendar/local-date';
import type { DomainError, LocalizedMessage } from '../errors';
import { SubjectType } from '../identifiers/subject';
import { publicityWindow, type PolicyParameters, type SeverityTier } from '../policy/policy-parameters';

/**
 * 信用修复 (RULES §6): who may repair what, from which date, by which methods. Pure: the service supplies the
 * facts it holds about the target (from events) and the policy in force at each record's decision date.
 */

/** Ways of repair (seeds 000 Art. 8, 002 §四(六), 003 §二(四)5). */
export const RepairMethod = {
  /** 信用承诺 */
  COMMITMENT: 'COMMITMENT',
  /** 完成整改 */
  RECTIFICATION: 'RECTIFICATION',
  /** 通过核查 / 检查 */
  VERIFICATION: 'VERIFICATION',
  /** 参加信用修复专题培训 */
  TRAINING: 'TRAINING',
  /** 提交信用报告 */
  CREDIT_REPORT: 'CREDIT_REPORT',
  /** 参加公益慈善活动 (natural persons only) */
  PUBLIC_SERVICE: 'PUBLIC_SERVICE',
} as const;
export type RepairMethod = (typeof RepairMethod)[keyof typeof RepairMethod];

export const REPAIR_METHOD_LABELS: Readonly<Record<RepairMethod, LocalizedMessage>> = {
  COMMITMENT: { zh: '作出信用承诺', en: 'credit commitment' },
  RECTIFICATION: { zh: '完成整改', en: 'completed rectification' },
  VERIFICATION: { zh: '通过核查', en: 'passed verification' },
  TRAINING: { zh: '参加信用修复专题培训', en: 'credit repair training' },
  CREDIT_REPORT: { zh: '提交信用报告', en: 'credit report' },
  PUBLIC_SERVICE: { zh: '参加公益慈善活动', en: 'public-interest service' },
};

/** The commitment type a repair needs (provincial commitment standard: 信用修复类承诺). */
export const REPAIR_COMMITMENT_TYPE = '信用修复';

/** The methods a subject of this type may use: public-interest service is for natural persons only. */
export function repairMethodsFor(subjectType: SubjectType): RepairMethod[] {
  const all = Object.values(RepairMethod);
  return subjectType === SubjectType.NATURAL_PERSON ? all : all.filter((m) => m !== RepairMethod.PUBLIC_SERVICE);
}

const err = (code: string, field: string | undefined, zh: string, en: string): DomainError => ({ code, field, message: { zh, en } });

/** Checks the methods an applicant chose (at least one, known, allowed for its subject type, no repeats). */
export function validateRepairMethods(subjectType: SubjectType, methods: readonly string[]): DomainError[] {
  const errors: DomainError[] = [];
  if (methods.length === 0) errors.push(err('REPAIR_METHODS_REQUIRED', 'methods', '请至少选择一种修复方式', 'Choose at least one repair method.'));
  const allowed = repairMethodsFor(subjectType) as string[];
  methods.forEach((method, i) => {
    if (!(method in RepairMethod)) {
      errors.push(err('REPAIR_METHOD_UNKNOWN', `methods[${i}]`, `未知的修复方式：${method}`, `Unknown repair method: ${method}.`));
    } else if (!allowed.includes(method)) {
      errors.push(err('REPAIR_METHOD_NOT_ALLOWED', `methods[${i}]`, '公益慈善活动仅适用于自然人', 'Public-interest service is a repair method for natural persons only.'));
    } else if (methods.indexOf(method) !== i) {
      errors.push(err('REPAIR_METHOD_DUPLICATE', `methods[${i}]`, `修复方式重复：${method}`, `Repair method listed twice: ${method}.`));
    }
  });
  return errors;
}

export type RepairRecordStatus = 'ACTIVE' | 'PUBLICITY_ENDED' | 'REPAIRED' | 'REVOKED';
export type RepairListType = 'RED' | 'SERIOUS_DISHONESTY' | 'KEY_ATTENTION';
export type RepairListStatus = 'PROPOSED' | 'NOTIFIED' | 'ACTIVE' | 'SUSPENDED' | 'ENDED';

/** What the platform knows of an adverse record. */
export interface RepairRecordFacts {
  readonly recordId: string;
  readonly adverse: boolean;
  readonly severity: SeverityTier | null;
  readonly decisionDate: IsoDate;
  readonly status: RepairRecordStatus;
  /** Fine imposed (yuan), when the record carries one: paying it is an obligation to meet first. */
  readonly fineAmount: number | null;
  /** Parameters of the policy in force at the record's decision date. */
  readonly policy: PolicyParameters;
  /** An earlier repair of it was revoked because the subject broke its repair commitment: shown for the full maximum period. */
  readonly repairRevokedForBreach?: boolean;
}

export interface RepairListEntryFacts {
  readonly entryId: string;
  readonly listType: RepairListType;
  readonly status: RepairListStatus;
  /** The basis records known to the platform (those not known are not counted). */
  readonly basisRecords: readonly RepairRecordFacts[];
  /** An earlier repair of the entry was revoked for a broken repair commitment. */
  readonly repairRevokedForBreach?: boolean;
}

export type RepairTarget =
  | { readonly type: 'RECORD'; readonly record: RepairRecordFacts }
  | { readonly type: 'LIST_ENTRY'; readonly entry: RepairListEntryFacts };

/** What the subject declares and attaches (the deciding department verifies the evidence). */
export interface RepairDeclaration {
  readonly finePaid: boolean;
  readonly rectificationDone: boolean;
  /** The signed repair commitment: its code and/or text, and its type. */
  readonly commitment?: { readonly id?: string; readonly text?: string; readonly type?: string } | null;
}

export interface RepairEligibilityResult {
  readonly eligible: boolean;
  /** Every condition not met, each with a stable code and the reason in both languages. */
  readonly unmet: readonly DomainError[];
  /**
   * The first day the publicity condition is met (the minimum publicity end; the decision date for minor
   * records). Null when the target can never be repaired (revoked, already repaired, not adverse …).
   */
  readonly earliestDate: IsoDate | null;
}

/** Months counted in the decisive minimum period, by tier: a minor record may be repaired at once. */
export function earliestRepairDate(record: Pick<RepairRecordFacts, 'severity' | 'decisionDate' | 'policy'>): IsoDate | null {
  if (!record.severity) return null;
  return publicityWindow(record.severity, record.decisionDate, record.policy).minEnd;
}

/**
 * Whether `target` may be repaired on `asOf`, and every reason why not. Conditions (RULES §6 and §2):
 * the target is adverse and still in force (not revoked, not already repaired, publicity not over); the
 * minimum publicity period has elapsed; the obligations are met (fine paid, rectification done); a signed
 * repair commitment of type 信用修复; for a list entry, the entry is ACTIVE when it is a serious-dishonesty
 * entry (and not ended otherwise); red-list entries are not adverse.
 */
export function assessRepairEligibility(target: RepairTarget, declaration: RepairDeclaration, asOf: IsoDate): RepairEligibilityResult {
  const result = assess(target, declaration, asOf);
  return { eligible: result.unmet.length === 0, unmet: result.unmet, earliestDate: result.earliestDate };
}

/**
 * Why the target can no longer be repaired at all (revoked, already repaired, publicity over, list entry
 * ended, not adverse); empty when it still can. A decision re-checks this, since the target may have
 * changed after the application was accepted.
 */
export function repairTargetBlockers(target: RepairTarget): DomainError[] {
  return assess(target, { finePaid: true, rectificationDone: true, commitment: null }, '9999-12-31').blockers;
}

function assess(target: RepairTarget, declaration: RepairDeclaration, asOf: IsoDate): RepairEligibilityResult & { blockers: DomainError[] } {
  const blockers: DomainError[] = [];
  const unmet: DomainError[] = [];
  let repairable = true;
  let earliest: IsoDate | null = null;
  const later = (d: IsoDate | null) => {
    if (d && (!earliest || compareDates(d, earliest) > 0)) earliest = d;
  };
  let fine = 0;

  if (target.type === 'RECORD') {
    const { record } = target;
    if (!record.adverse || !record.severity) {
      repairable = false;
      blockers.push(err('TARGET_NOT_ADVERSE', 'target', '该信息不是失信信息，无需修复', 'The record is not adverse information; there is nothing to repair.'));
    } else if (record.status === 'REVOKED') {
      repairable = false;
      blockers.push(err('TARGET_REVOKED', 'target', '该信息已被撤销', 'The record has been revoked.'));
    } else if (record.status === 'REPAIRED') {
      repairable = false;
      blockers.push(err('TARGET_ALREADY_REPAIRED', 'target', '该信息已完成信用修复', 'The record has already been repaired.'));
    } else if (record.status === 'PUBLICITY_ENDED') {
      repairable = false;
      blockers.push(err('TARGET_PUBLICITY_ENDED', 'target', '该信息公示期已届满，已停止公示', 'The publicity period of the record has ended; it is no longer displayed.'));
    }
    if (repairable && record.repairRevokedForBreach) {
      repairable = false;
      blockers.push(breached());
    }
    if (repairable) later(earliestRepairDate(record));
    fine = record.fineAmount ?? 0;
  } else {
    const { entry } = target;
    if (entry.listType === 'RED') {
      repairable = false;
      blockers.push(err('LIST_NOT_REPAIRABLE', 'target', '红名单不属于信用修复范围', 'A red-list entry is not adverse and cannot be repaired.'));
    } else if (entry.status === 'ENDED') {
      repairable = false;
      blockers.push(err('LIST_ENTRY_ENDED', 'target', '该名单已移出或失效', 'The list entry has already ended.'));
    } else if (entry.listType === 'SERIOUS_DISHONESTY' && entry.status !== 'ACTIVE') {
      unmet.push(
        entry.status === 'SUSPENDED'
          ? err('LIST_ENTRY_SUSPENDED', 'target', '该名单正在异议核查中，核查结束后方可申请修复', 'The entry is suspended by an objection; apply after the verification.')
          : err('LIST_ENTRY_NOT_ACTIVE', 'target', '严重失信主体名单尚未生效，不能申请移出', 'The serious-dishonesty entry is not in force yet; there is nothing to leave.'),
      );
    }
    if (repairable && (entry.repairRevokedForBreach || entry.basisRecords.some((r) => r.repairRevokedForBreach))) {
      repairable = false;
      blockers.push(breached());
    }
    if (repairable) {
      for (const record of entry.basisRecords) {
        if (record.status === 'REVOKED' || !record.adverse) continue;
        later(earliestRepairDate(record));
        fine += record.fineAmount ?? 0;
      }
    }
  }

  unmet.push(...blockers);
  if (repairable && earliest && compareDates(asOf, earliest) < 0) {
    unmet.push(
      err(
        'MIN_PUBLICITY_NOT_ELAPSED',
        'target',
        `最短公示期未满，${earliest as string}起方可申请信用修复`,
        `The minimum publicity period has not elapsed; repair is possible from ${earliest as string}.`,
      ),
    );
  }
  if (fine > 0 && !declaration.finePaid) {
    unmet.push(err('FINE_NOT_PAID', 'evidence.finePaid', '尚未履行罚款等行政处罚义务', 'The fine (or other obligation of the penalty) has not been paid.'));
  }
  if (!declaration.rectificationDone) {
    unmet.push(err('RECTIFICATION_NOT_DONE', 'evidence.rectificationDone', '尚未完成失信行为整改、消除不良影响', 'The dishonest conduct has not been rectified and its effects removed.'));
  }
  const commitment = declaration.commitment;
  const hasCommitment = !!commitment && (!!commitment.id?.trim() || !!commitment.text?.trim());
  if (!hasCommitment) {
    unmet.push(err('COMMITMENT_MISSING', 'commitment', '缺少信用修复承诺书', 'A signed credit repair commitment is required.'));
  } else if (commitment?.type && commitment.type.trim() !== REPAIR_COMMITMENT_TYPE) {
    unmet.push(
      err('COMMITMENT_WRONG_TYPE', 'commitment.type', `承诺类型须为"${REPAIR_COMMITMENT_TYPE}"`, `The commitment must be of type ${REPAIR_COMMITMENT_TYPE} (credit repair).`),
    );
  }
  return { eligible: unmet.length === 0, unmet, earliestDate: repairable ? earliest : null, blockers };
}

const breached = () =>
  err(
    'REPAIR_BARRED_AFTER_BREACH',
    'target',
    '曾因违反信用修复承诺被撤销修复，该信息按最长公示期公示，不得再次修复',
    'An earlier repair was revoked for a broken repair commitment: the information is shown for the full maximum period and cannot be repaired again.',
  );

const FINE_KEYS = ['fineAmount', 'fine_amount', 'fine', '罚款金额', '罚款数额'];

/**
 * The fine of a penalty record in yuan, from a structured field when present, else from the decision
 * content (罚款5000元, 罚款1.5万元). Null when the record imposes no fine.
 */
export function fineAmountOf(fields: Readonly<Record<string, unknown>>): number | null {
  for (const key of FINE_KEYS) {
    const value = fields[key];
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.replace(/[,，\s元]/g, '')) : NaN;
    if (Number.isFinite(n) && n > 0) return n;
  }
  const content = typeof fields.content === 'string' ? fields.content : '';
  const m = /罚款(?:人民币)?\s*([\d.,，]+)\s*(万)?元/.exec(content);
  if (m) {
    const n = Number(m[1].replace(/[,，]/g, '')) * (m[2] ? 10_000 : 1);
    if (Number.isFinite(n) && n > 0) return n;
  }
  return null;
}
