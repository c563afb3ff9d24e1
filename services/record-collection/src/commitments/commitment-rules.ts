import { SeverityTier, type DomainError, type IsoDate } from '@credit/domain';
import { err } from '../records/record-validation';
import type { CommitmentTypeValue, FulfilmentStatusValue } from './commitment.entity';

export const COMMITMENT_TYPES: readonly CommitmentTypeValue[] = ['NOTIFICATION_APPROVAL', 'DEFERRED_DOCUMENTS', 'VOLUNTARY', 'INDUSTRY_SELF_DISCIPLINE', 'CREDIT_REPAIR'];

export const COMMITMENT_TYPE_LABELS: Readonly<Record<CommitmentTypeValue, string>> = {
  NOTIFICATION_APPROVAL: '告知承诺（审批替代）',
  DEFERRED_DOCUMENTS: '容缺受理承诺',
  VOLUNTARY: '主动承诺',
  INDUSTRY_SELF_DISCIPLINE: '行业自律承诺',
  CREDIT_REPAIR: '信用修复承诺',
};

/** The outcomes a department records (PENDING is the state before). */
export const FULFILMENT_OUTCOMES: readonly FulfilmentStatusValue[] = ['FULFILLED', 'PARTIALLY_FULFILLED', 'BREACHED'];

/**
 * Tier of the adverse record a breach becomes, unless the department names one: an untrue commitment that
 * replaced an approval or documents, or broke a repair, is 一般 (it led to the matter being granted or the
 * record's display stopping); a voluntary or self-discipline commitment broken is 轻微.
 */
export const BREACH_SEVERITY: Readonly<Record<CommitmentTypeValue, SeverityTier>> = {
  NOTIFICATION_APPROVAL: SeverityTier.GENERAL,
  DEFERRED_DOCUMENTS: SeverityTier.GENERAL,
  VOLUNTARY: SeverityTier.MINOR,
  INDUSTRY_SELF_DISCIPLINE: SeverityTier.MINOR,
  CREDIT_REPAIR: SeverityTier.GENERAL,
};

export interface CommitmentCodeFormat {
  readonly regionDigits: number;
  readonly dateDigits: number;
  readonly serialDigits: number;
}

/** region(6) + date(8, YYYYMMDD) + serial(6, zero-padded): the provincial commitment data standard. */
export function commitmentCode(region: string, day: IsoDate, serial: number, format: CommitmentCodeFormat): string {
  const date = day.replaceAll('-', '');
  if (region.length !== format.regionDigits || !/^\d+$/.test(region)) throw new RangeError(`region ${region} is not ${format.regionDigits} digits`);
  if (date.length !== format.dateDigits) throw new RangeError(`date ${day} does not give ${format.dateDigits} digits`);
  if (!Number.isSafeInteger(serial) || serial < 1 || serial >= 10 ** format.serialDigits) throw new RangeError(`serial ${serial} out of range`);
  return `${region}${date}${String(serial).padStart(format.serialDigits, '0')}`;
}

/** The serial space of a day is used up. */
export function serialExhausted(serial: number, format: CommitmentCodeFormat): DomainError | null {
  return serial >= 10 ** format.serialDigits
    ? err('COMMITMENT_SERIALS_EXHAUSTED', 'commitmentCode', '本日承诺编号已用尽', 'No commitment serial is left for today.')
    : null;
}
