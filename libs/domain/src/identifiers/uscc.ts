import type { DomainError } from '../errors';
import { normalizeCode } from './normalize';
import { isPlausibleRegion } from './region';

/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015. 18 characters:
 *
 * | index | chars | meaning                                   |
 * |-------|-------|-------------------------------------------|
 * | 0     | 1     | registration authority (登记管理部门代码)  |
 * | 1     | 1     | organisation type (机构类别代码)          |
 * | 2–7   | 6     | region of the registration authority      |
 * | 8–16  | 9     | organisation code, GB 11714 (主体标识码)   |
 * | 17    | 1     | check character                           |
 *
 * Authority and type characters are only checked against the alphabet: the table of allowed
 * authority/type pairs has been amended since 2015 (e.g. 'A' for the military, 'N' for rural
 * collective economic organisations), so a hard-coded table would reject codes that are valid today.
 */

/** The code alphabet; a character's value is its index (0–30). I, O, S, V and Z are never used. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** Only characters of {@link USCC_ALPHABET}. */
const USCC_CHARS = /^[0-9A-HJ-NP-RTUW-Y]*$/;

/** GB 11714 organisation-code weights for its first eight characters. */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * Central (national-level) registration authorities register under region `100000`, e.g. central public
 * institutions `12100000…` and national social organisations `51100000…`; it is not a province code.
 */
const CENTRAL_REGION_PREFIX = '10';

export type UsccErrorCode =
  | 'USCC_EMPTY'
  | 'USCC_LENGTH'
  | 'USCC_CHARSET'
  | 'USCC_REGION'
  | 'USCC_ORG_CODE_CHECK'
  | 'USCC_CHECK_DIGIT';

export interface UsccValid {
  readonly valid: true;
  /** The normalised code (half-width, no whitespace, upper case). */
  readonly value: string;
  /** Characters 3–8: administrative division code of the registration authority. */
  readonly region: string;
  /** Characters 9–17: the embedded GB 11714 organisation code. */
  readonly orgCode: string;
  /** True when a checksum failed and the code was accepted only because it is on the allow-list. */
  readonly allowListed: boolean;
}

export interface UsccInvalid extends DomainError {
  readonly valid: false;
  readonly code: UsccErrorCode;
}

export type UsccResult = UsccValid | UsccInvalid;

export interface UsccOptions {
  /**
   * Normalised codes of early pilot registrations that are legally valid although a checksum fails.
   * Entries only excuse checksum failures; length, alphabet and region are still enforced.
   */
  readonly allowList?: ReadonlySet<string>;
}

function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  // 31 − (Σ mod 31) is 1…31; a result of 31 is written as the character of value 0.
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** GB 11714 value of a code character: digits are themselves, letters are A = 10, B = 11, … Z = 35. */
function orgCodeCharValue(ch: string): number {
  const c = ch.charCodeAt(0);
  return c <= 57 ? c - 48 : c - 55;
}

/** GB 11714 check character of an 8-character organisation code base. */
export function computeOrgCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCodeCharValue(first8[i]) * ORG_CODE_WEIGHTS[i];
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}

/**
 * The check character for the first 17 characters of a USCC (normalised first). Throws a RangeError if
 * the input is not 17 characters of the USCC alphabet. Meant for test-data generators.
 */
export function computeUsccCheckChar(first17: string): string {
  const value = normalizeCode(first17);
  if (value.length !== 17 || !USCC_CHARS.test(value)) {
    throw new RangeError('Expected the first 17 characters of a unified social credit code');
  }
  return usccCheckChar(value);
}

function invalid(code: UsccErrorCode, zh: string, en: string): UsccInvalid {
  return { valid: false, code, message: { zh, en } };
}

/** Validates a 统一社会信用代码 after normalising it (full-width, spaces and lower case are accepted). */
export function validateUscc(input: string, options: UsccOptions = {}): UsccResult {
  const value = normalizeCode(input);
  if (value === '') {
    return invalid('USCC_EMPTY', '统一社会信用代码不能为空', 'The unified social credit code is required.');
  }
  if (value.length !== 18) {
    return invalid(
      'USCC_LENGTH',
      `统一社会信用代码应为18位，实际为${value.length}位`,
      `The unified social credit code must have 18 characters, got ${value.length}.`,
    );
  }
  if (!USCC_CHARS.test(value)) {
    return invalid(
      'USCC_CHARSET',
      '统一社会信用代码只能包含数字和除 I、O、S、V、Z 以外的大写字母',
      'The unified social credit code may contain only digits and capital letters other than I, O, S, V and Z.',
    );
  }
  const region = value.slice(2, 8);
  if (!isPlausibleRegion(region, [CENTRAL_REGION_PREFIX])) {
    return invalid(
      'USCC_REGION',
      '统一社会信用代码第3至8位不是有效的行政区划码',
      'Characters 3–8 of the unified social credit code are not a valid administrative division code.',
    );
  }
  const orgCode = value.slice(8, 17);
  const orgCodeOk = computeOrgCodeCheckChar(orgCode) === orgCode[8];
  const checkCharOk = usccCheckChar(value) === value[17];
  if (orgCodeOk && checkCharOk) return { valid: true, value, region, orgCode, allowListed: false };
  if (options.allowList?.has(value)) return { valid: true, value, region, orgCode, allowListed: true };
  if (!orgCodeOk) {
    return invalid(
      'USCC_ORG_CODE_CHECK',
      '统一社会信用代码第9至17位组织机构代码的校验码错误',
      'The check character of the organisation code (characters 9–17) is wrong.',
    );
  }
  return invalid('USCC_CHECK_DIGIT', '统一社会信用代码校验码错误', 'The check character of the unified social credit code is wrong.');
}

/** True when {@link validateUscc} accepts the input (without an allow-list). */
export function isUscc(s: string): boolean {
  return validateUscc(s).valid;
}

/**
 * Builds a valid USCC from authority + org type + region (8 chars) and an 8-character organisation code
 * base (digits and USCC letters), adding both check characters. Meant for test-data generators.
 */
export function composeUscc(authorityTypeRegion: string, orgCodeBase: string): string {
  const org = orgCodeBase + computeOrgCodeCheckChar(orgCodeBase);
  const first17 = authorityTypeRegion + org;
  return first17 + computeUsccCheckChar(first17);
}
