import { compareDates, type IsoDate } from '../calendar/local-date';
import type { LocalizedMessage } from '../errors';
import type { CreditGrade } from './grade-model';

/** How a grade is treated in 双随机、一公开 inspections (RULES §3 graded supervision). */
export interface GradeSampling {
  /** Share of the grade's subjects drawn in one sampling round (0–1). */
  readonly ratio: number;
  /** Every key inspection item (重点检查事项) is covered for a drawn subject. */
  readonly allKeyItems: boolean;
  readonly description: LocalizedMessage;
}

/**
 * Policy data: the sampling ratio per grade, versioned by effective date and overridable per jurisdiction
 * (a local rule replaces the ratios from its date on). Seed 002 §三(四) and the SAMR 2022 opinion fix the
 * order (A lower, B normal, C higher, D much higher with 100 % of key items), not the numbers: the values
 * below are the platform defaults for a jurisdiction to override.
 */
export interface SamplingPolicy {
  readonly id: string;
  /** `000000` national default, or a 6-digit division code. */
  readonly jurisdiction: string;
  readonly effectiveFrom: IsoDate;
  readonly grades: Readonly<Record<CreditGrade, GradeSampling>>;
  readonly basis: readonly string[];
}

export const SAMPLING_POLICIES: readonly SamplingPolicy[] = [
  {
    id: 'SP-2026.1',
    jurisdiction: '000000',
    effectiveFrom: '2019-01-01',
    grades: {
      A: { ratio: 0.03, allKeyItems: false, description: { zh: '合理降低抽查比例和频次', en: 'lower ratio and frequency' } },
      B: { ratio: 0.1, allKeyItems: false, description: { zh: '按常规比例和频次抽查', en: 'normal ratio and frequency' } },
      C: { ratio: 0.3, allKeyItems: false, description: { zh: '适当提高抽查比例和频次', en: 'higher ratio and frequency' } },
      D: { ratio: 0.6, allKeyItems: true, description: { zh: '大幅提高抽查比例和频次，重点检查事项100%覆盖', en: 'much higher ratio, 100 % of key items' } },
    },
    basis: ['seed 002 §三(四)', '市场监管总局 2022 企业信用风险分类管理意见'],
  },
];

/**
 * The sampling policy for a jurisdiction on a date: the most specific jurisdiction (the code itself, then its
 * city, province, national) with a version in force, the latest such version.
 */
export function samplingPolicyOn(jurisdiction: string, date: IsoDate, policies: readonly SamplingPolicy[] = SAMPLING_POLICIES): SamplingPolicy {
  const chain = [jurisdiction, `${jurisdiction.slice(0, 4)}00`, `${jurisdiction.slice(0, 2)}0000`, '000000'];
  for (const code of chain) {
    const inForce = policies.filter((p) => p.jurisdiction === code && compareDates(p.effectiveFrom, date) <= 0);
    if (inForce.length > 0) return inForce.reduce((a, b) => (compareDates(a.effectiveFrom, b.effectiveFrom) >= 0 ? a : b));
  }
  throw new RangeError(`No sampling policy in force on ${date} for ${jurisdiction}`);
}

/** Subjects drawn from a grade of `count` subjects: ⌈count × ratio⌉ (a non-empty grade with a ratio > 0 gives at least one). */
export function sampleSize(count: number, ratio: number): number {
  if (count <= 0 || ratio <= 0) return 0;
  return Math.min(count, Math.ceil(count * ratio - 1e-9));
}
