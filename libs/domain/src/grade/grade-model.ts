import { addYears, compareDates, type IsoDate } from '../calendar/local-date';
import type { LocalizedMessage } from '../errors';
import type { ListEntryFact, RecordFact, SubjectFacts } from '../verdict/verdict';

/**
 * Graded supervision (分级分类, seed 002 §三(四); SAMR 2022 opinion on enterprise credit-risk classification):
 * A low risk · B normal · C higher · D high.
 */
export type CreditGrade = 'A' | 'B' | 'C' | 'D';
export const CREDIT_GRADES: readonly CreditGrade[] = ['A', 'B', 'C', 'D'];

export const CREDIT_GRADE_LABELS: Readonly<Record<CreditGrade, LocalizedMessage>> = {
  A: { zh: 'A类（信用风险低）', en: 'A (low risk)' },
  B: { zh: 'B类（信用风险一般）', en: 'B (normal risk)' },
  C: { zh: 'C类（信用风险较高）', en: 'C (higher risk)' },
  D: { zh: 'D类（信用风险高）', en: 'D (high risk)' },
};

/**
 * A versioned scoring model. The score starts at `baseScore`, loses `deductions[tier]` per adverse record in
 * force (not under objection), gains `redListBonus` while on the red list and `cleanYearBonus` per full clean
 * year (at most `maxCleanYears`); the grade is the first band whose minimum the score reaches. Caps then apply:
 * an active serious-dishonesty entry → D; an active key-attention entry or any SERIOUS record in force → at most
 * C; any adverse record in force → at most B. Information under objection (and suspended entries) is left out
 * (seed 003 §二(四)6: measures resting on it are not executed). A subject the platform knows nothing about
 * is B (normal sampling): no information is not a good record.
 */
export interface GradingModel {
  /** Recorded with every grade: `GM-2026.1`. */
  readonly id: string;
  readonly effectiveFrom: IsoDate;
  readonly baseScore: number;
  readonly deductions: { readonly MINOR: number; readonly GENERAL: number; readonly SERIOUS: number };
  readonly redListBonus: number;
  readonly cleanYearBonus: number;
  readonly maxCleanYears: number;
  /** Minimum score of each band; below `C` is D. */
  readonly bands: { readonly A: number; readonly B: number; readonly C: number };
  readonly basis: readonly string[];
}

export const GRADING_MODELS: readonly GradingModel[] = [
  {
    id: 'GM-2026.1',
    effectiveFrom: '2019-01-01',
    baseScore: 80,
    deductions: { MINOR: 5, GENERAL: 15, SERIOUS: 40 },
    redListBonus: 15,
    cleanYearBonus: 5,
    maxCleanYears: 3,
    bands: { A: 90, B: 60, C: 30 },
    basis: [
      '鄂州/黄石 2019 (seed 002) §三(四) 分级分类监管',
      '市场监管总局 2022 关于推进企业信用风险分类管理进一步提升监管效能的意见',
      '国办发〔2025〕22号 (轻微/一般/严重 tiers)',
    ],
  },
];

/** The model in force on `date` (the latest whose `effectiveFrom` is not after it). */
export function gradingModelOn(date: IsoDate, models: readonly GradingModel[] = GRADING_MODELS): GradingModel {
  const inForce = models.filter((m) => compareDates(m.effectiveFrom, date) <= 0);
  if (inForce.length === 0) throw new RangeError(`No grading model in force on ${date}`);
  return inForce.reduce((a, b) => (compareDates(a.effectiveFrom, b.effectiveFrom) >= 0 ? a : b));
}

/** The inputs the model reads, derived from the profile facts on a day. */
export interface GradeInputs {
  readonly known: boolean;
  /** Adverse records in force and not under objection, by tier. */
  readonly adverse: { readonly MINOR: number; readonly GENERAL: number; readonly SERIOUS: number };
  readonly seriousDishonestyListed: boolean;
  readonly keyAttentionListed: boolean;
  readonly redListed: boolean;
  /** Full years since the later of the last adverse decision and the first known record; 0 while adverse information is in force. */
  readonly cleanYears: number;
  /** Records or entries left out because they are under objection. */
  readonly excludedUnderObjection: number;
}

export interface GradeResult {
  readonly grade: CreditGrade;
  readonly score: number;
  readonly modelVersion: string;
  readonly inputs: GradeInputs;
  /** Why, in order: each factor that moved the score or capped the grade. */
  readonly factors: readonly LocalizedMessage[];
  /** First day after `asOf` on which the inputs may change by time alone (a record or entry expiring, a clean year completing); null if none. */
  readonly validUntil: IsoDate | null;
}

function recordInForce(r: RecordFact, asOf: IsoDate): boolean {
  return r.adverse && r.status === 'ACTIVE' && (r.effectEnd === null || compareDates(asOf, r.effectEnd) < 0);
}

function entryInForce(e: ListEntryFact, asOf: IsoDate): boolean {
  return e.status === 'ACTIVE' && !e.underObjection && (e.periodEnd === null || compareDates(asOf, e.periodEnd) < 0);
}

function fullYearsBetween(from: IsoDate, to: IsoDate): number {
  let years = 0;
  while (compareDates(addYears(from, years + 1), to) <= 0) years += 1;
  return years;
}

/** Derives the model's inputs from a subject's facts on `asOf`. */
export function gradeInputs(facts: SubjectFacts, asOf: IsoDate): { inputs: GradeInputs; nextChange: IsoDate | null; cleanSince: IsoDate | null } {
  const inForce = facts.records.filter((r) => recordInForce(r, asOf));
  const counted = inForce.filter((r) => !r.underObjection);
  const adverse = { MINOR: 0, GENERAL: 0, SERIOUS: 0 };
  for (const r of counted) adverse[r.severity ?? 'GENERAL'] += 1;
  const entries = facts.listEntries.filter((e) => entryInForce(e, asOf));
  const listedUnderObjection = facts.listEntries.filter((e) => (e.status === 'ACTIVE' || e.status === 'SUSPENDED') && (e.underObjection || e.status === 'SUSPENDED')).length;
  const seriousDishonestyListed = entries.some((e) => e.listType === 'SERIOUS_DISHONESTY');
  const keyAttentionListed = entries.some((e) => e.listType === 'KEY_ATTENTION');
  const redListed = entries.some((e) => e.listType === 'RED');

  // Clean years: counted from the last adverse decision (or the first record known), only while nothing adverse is in force.
  const live = facts.records.filter((r) => r.status !== 'REVOKED');
  let cleanSince: IsoDate | null = null;
  if (facts.known && live.length > 0 && counted.length === 0 && !seriousDishonestyListed && !keyAttentionListed) {
    const lastAdverse = live.filter((r) => r.adverse && !r.underObjection).map((r) => r.decisionDate).sort().at(-1);
    cleanSince = lastAdverse ?? live.map((r) => r.decisionDate).sort()[0];
  }
  const cleanYears = cleanSince ? fullYearsBetween(cleanSince, asOf) : 0;

  // The next day a time-dependent input changes.
  const candidates: IsoDate[] = [];
  for (const r of inForce) if (r.effectEnd) candidates.push(r.effectEnd);
  for (const e of entries) if (e.periodEnd) candidates.push(e.periodEnd);
  if (cleanSince && cleanYears < 100) candidates.push(addYears(cleanSince, cleanYears + 1));
  const nextChange = candidates.filter((d) => compareDates(d, asOf) > 0).sort()[0] ?? null;

  return {
    inputs: {
      known: facts.known,
      adverse,
      seriousDishonestyListed,
      keyAttentionListed,
      redListed,
      cleanYears,
      excludedUnderObjection: inForce.length - counted.length + listedUnderObjection,
    },
    nextChange,
    cleanSince,
  };
}

const TIER_ZH = { MINOR: '轻微', GENERAL: '一般', SERIOUS: '严重' } as const;
const RANK: Record<CreditGrade, number> = { A: 0, B: 1, C: 2, D: 3 };
const atLeast = (grade: CreditGrade, floor: CreditGrade): CreditGrade => (RANK[grade] >= RANK[floor] ? grade : floor);

/** The grade of a subject on `asOf` under `model` (pure). */
export function gradeSubject(facts: SubjectFacts, asOf: IsoDate, model: GradingModel = gradingModelOn(asOf)): GradeResult {
  const { inputs, nextChange } = gradeInputs(facts, asOf);
  const factors: LocalizedMessage[] = [];
  if (!inputs.known) {
    return {
      grade: 'B',
      score: model.baseScore,
      modelVersion: model.id,
      inputs,
      factors: [{ zh: '平台无该主体信用信息，按一般风险（B类）对待', en: 'No credit information held: treated as normal risk (B)' }],
      validUntil: null,
    };
  }
  let score = model.baseScore;
  factors.push({ zh: `基础分 ${model.baseScore}`, en: `base score ${model.baseScore}` });
  for (const tier of ['SERIOUS', 'GENERAL', 'MINOR'] as const) {
    const n = inputs.adverse[tier];
    if (n === 0) continue;
    score -= n * model.deductions[tier];
    factors.push({ zh: `${TIER_ZH[tier]}失信信息 ${n} 条，扣 ${n * model.deductions[tier]} 分`, en: `${n} ${tier.toLowerCase()} adverse record(s): −${n * model.deductions[tier]}` });
  }
  if (inputs.redListed) {
    score += model.redListBonus;
    factors.push({ zh: `列入红名单（诚信典型），加 ${model.redListBonus} 分`, en: `on the red list: +${model.redListBonus}` });
  }
  const years = Math.min(inputs.cleanYears, model.maxCleanYears);
  if (years > 0) {
    score += years * model.cleanYearBonus;
    factors.push({ zh: `连续 ${inputs.cleanYears} 年无失信记录，加 ${years * model.cleanYearBonus} 分`, en: `${inputs.cleanYears} clean year(s): +${years * model.cleanYearBonus}` });
  }
  let grade: CreditGrade = score >= model.bands.A ? 'A' : score >= model.bands.B ? 'B' : score >= model.bands.C ? 'C' : 'D';
  const adverseTotal = inputs.adverse.MINOR + inputs.adverse.GENERAL + inputs.adverse.SERIOUS;
  if (adverseTotal > 0 && grade === 'A') {
    grade = 'B';
    factors.push({ zh: '存在有效失信信息，不评为A类', en: 'adverse information in force: not A' });
  }
  if (inputs.keyAttentionListed || inputs.adverse.SERIOUS > 0) {
    const capped = atLeast(grade, 'C');
    if (capped !== grade) factors.push({ zh: inputs.keyAttentionListed ? '列入重点关注对象名单，至少为C类' : '存在严重失信信息，至少为C类', en: 'key attention list or serious record: at least C' });
    grade = capped;
  }
  if (inputs.seriousDishonestyListed) {
    if (grade !== 'D') factors.push({ zh: '列入严重失信主体名单，评为D类', en: 'on the serious dishonesty list: D' });
    grade = 'D';
  }
  if (inputs.excludedUnderObjection > 0) {
    factors.push({ zh: `${inputs.excludedUnderObjection} 项信息异议处理中，未计入`, en: `${inputs.excludedUnderObjection} item(s) under objection left out` });
  }
  return { grade, score, modelVersion: model.id, inputs, factors, validUntil: nextChange };
}
