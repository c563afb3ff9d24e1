import { chinaDateOf, compareDates, isValidIsoDate, type IsoDate } from '../calendar/local-date';
import type { DomainError } from '../errors';
import { normalizeCode, normalizeName } from './normalize';
import { isPlausibleRegion } from './region';

/**
 * 公民身份号码 on the 居民身份证, GB 11643-1999. 18 characters:
 * address code (6, GB/T 2260 county of first registration) + birth date (8, YYYYMMDD)
 * + sequence (3; odd = male, even = female) + check character (ISO 7064 MOD 11-2, 0–9 or X).
 *
 * The old 15-digit numbers are not accepted: every holder has been issued an 18-character number.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character indexed by Σ mod 11 (ISO 7064 MOD 11-2; 10 is written X). */
const ID_CHECK_CHARS = '10X98765432';
/**
 * Besides the GB/T 2260 provinces, `83` is used by the residence permits of Taiwan residents
 * (港澳台居民居住证, which use 810000 / 820000 / 830000 as address code).
 */
const ID_EXTRA_PROVINCES = ['83'] as const;
/** Birth dates before this are treated as typing errors rather than living persons. */
const EARLIEST_BIRTH_DATE = '1900-01-01';

export const Sex = { MALE: 'MALE', FEMALE: 'FEMALE' } as const;
export type Sex = (typeof Sex)[keyof typeof Sex];

export type IdNumberErrorCode =
  | 'ID_EMPTY'
  | 'ID_LENGTH'
  | 'ID_CHARSET'
  | 'ID_REGION'
  | 'ID_BIRTH_DATE'
  | 'ID_CHECK_DIGIT';

export interface IdNumberValid {
  readonly valid: true;
  /** The normalised number (half-width, no whitespace, check character X in upper case). */
  readonly value: string;
  /** Address code, characters 1–6. */
  readonly region: string;
  readonly birthDate: IsoDate;
  readonly sex: Sex;
}

export interface IdNumberInvalid extends DomainError {
  readonly valid: false;
  readonly code: IdNumberErrorCode;
}

export type IdNumberResult = IdNumberValid | IdNumberInvalid;

export interface IdNumberOptions {
  /** The current instant, for the "birth date not in the future" rule; its date is taken in China (UTC+8). */
  readonly today?: Date;
}

function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

/**
 * The check character for the first 17 digits of an ID number. Throws a RangeError if the input is not
 * 17 digits. Meant for test-data generators.
 */
export function computeIdCheckChar(first17: string): string {
  const value = normalizeCode(first17);
  if (!/^\d{17}$/.test(value)) throw new RangeError('Expected the first 17 digits of an ID number');
  return idCheckChar(value);
}

function invalid(code: IdNumberErrorCode, zh: string, en: string): IdNumberInvalid {
  return { valid: false, code, message: { zh, en } };
}

/**
 * Validates a 18-character 居民身份证号码 after normalising it (full-width digits, spaces and a
 * lower-case `x` are accepted). Messages never repeat the number itself.
 */
export function validateIdNumber(input: string, options: IdNumberOptions = {}): IdNumberResult {
  const value = normalizeCode(input);
  if (value === '') return invalid('ID_EMPTY', '身份证号码不能为空', 'The ID number is required.');
  if (value.length !== 18) {
    return invalid(
      'ID_LENGTH',
      `身份证号码应为18位，实际为${value.length}位`,
      `The ID number must have 18 characters, got ${value.length}.`,
    );
  }
  if (!/^\d{17}[\dX]$/.test(value)) {
    return invalid(
      'ID_CHARSET',
      '身份证号码前17位应为数字，最后一位应为数字或X',
      'The first 17 characters of the ID number must be digits and the last a digit or X.',
    );
  }
  const region = value.slice(0, 6);
  if (!isPlausibleRegion(region, ID_EXTRA_PROVINCES)) {
    return invalid('ID_REGION', '身份证号码前6位不是有效的地址码', 'The first 6 digits of the ID number are not a valid address code.');
  }
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const today = chinaDateOf(options.today ?? new Date());
  if (
    !isValidIsoDate(birthDate) ||
    compareDates(birthDate, EARLIEST_BIRTH_DATE) < 0 ||
    compareDates(birthDate, today) > 0
  ) {
    return invalid(
      'ID_BIRTH_DATE',
      '身份证号码中的出生日期无效',
      'The birth date in the ID number is not a real date between 1900-01-01 and today.',
    );
  }
  if (idCheckChar(value) !== value[17]) {
    return invalid('ID_CHECK_DIGIT', '身份证号码校验码错误', 'The check character of the ID number is wrong.');
  }
  return { valid: true, value, region, birthDate, sex: Number(value[16]) % 2 === 1 ? Sex.MALE : Sex.FEMALE };
}

/**
 * Masks an ID number for display and logs: first 6 + 8 `*` + last 4 (`430102********1234`).
 * Anything that does not normalise to 18 characters is masked completely, so a malformed value never
 * leaks either.
 */
export function maskIdNumber(id: string): string {
  const value = normalizeCode(id);
  if (value.length !== 18) return '*'.repeat(value.length);
  return `${value.slice(0, 6)}********${value.slice(14)}`;
}

/**
 * Masks a person's name: the first character is kept, every following one becomes `*` (张三丰 → 张**).
 * Counts Unicode code points, so a rare character outside the BMP (e.g. 𠮷) is one character.
 */
export function maskName(name: string): string {
  const [first = '', ...rest] = Array.from(normalizeName(name));
  return first + '*'.repeat(rest.length);
}
