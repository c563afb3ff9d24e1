/**
 * Calendar dates as plain `YYYY-MM-DD` strings (ISO 8601 calendar dates, proleptic Gregorian).
 *
 * A date here is a day on the wall calendar, not an instant: there is no time zone and no `Date` object
 * involved. Arithmetic goes through an integer day number (days since 1970-01-01) computed with Howard
 * Hinnant's `days_from_civil` / `civil_from_days` algorithms, so it cannot be shifted by the host's
 * time zone or by daylight-saving rules.
 */

/** A `YYYY-MM-DD` calendar date string. */
export type IsoDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Thrown for a string that is not an existing `YYYY-MM-DD` date (e.g. `2023-02-29`). */
export class InvalidDateError extends RangeError {
  constructor(readonly input: string) {
    super(`Not a valid YYYY-MM-DD calendar date: ${JSON.stringify(input)}`);
    this.name = 'InvalidDateError';
  }
}

interface Ymd {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MILLIS_PER_DAY = 86_400_000;
/** China has used a single zone, UTC+8, without daylight saving since 1992. */
const CHINA_OFFSET_MILLIS = 8 * 3_600_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function parse(date: string): Ymd | undefined {
  const m = ISO_DATE.exec(date);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

function parseOrThrow(date: string): Ymd {
  const ymd = parse(date);
  if (!ymd) throw new InvalidDateError(date);
  return ymd;
}

function format({ year, month, day }: Ymd): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True for a well-formed `YYYY-MM-DD` string naming a day that exists (leap years included). */
export function isValidIsoDate(date: string): boolean {
  return parse(date) !== undefined;
}

/** Days since 1970-01-01 (negative before). */
export function toEpochDay(date: IsoDate): number {
  const { year, month, day } = parseOrThrow(date);
  // Count years from March so that the leap day is the last day of the counted year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Inverse of {@link toEpochDay}. */
export function fromEpochDay(epochDay: number): IsoDate {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return format({ year, month, day });
}

/** The calendar year of a date. */
export function yearOf(date: IsoDate): number {
  return parseOrThrow(date).year;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  const fromMonday = (((toEpochDay(date) + 3) % 7) + 7) % 7;
  return (fromMonday + 1) as IsoWeekday;
}

export function isWeekend(date: IsoDate): boolean {
  return isoWeekday(date) >= 6;
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return toEpochDay(a) - toEpochDay(b);
}

/** `date` plus `n` calendar days (`n` may be negative). */
export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  assertInteger(n);
  return fromEpochDay(toEpochDay(date) + n);
}

/**
 * `date` plus `n` calendar months (`n` may be negative). The day of month is clamped to the end of the
 * target month: 2024-01-31 + 1 month = 2024-02-29, 2025-01-31 + 1 month = 2025-02-28.
 */
export function addMonths(date: IsoDate, n: number): IsoDate {
  assertInteger(n);
  const { year, month, day } = parseOrThrow(date);
  const monthIndex = year * 12 + (month - 1) + n;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return format({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

/** `date` plus `n` years, clamped like {@link addMonths}: 2024-02-29 + 1 year = 2025-02-28. */
export function addYears(date: IsoDate, n: number): IsoDate {
  assertInteger(n);
  return addMonths(date, n * 12);
}

/** The calendar date in China (UTC+8) at the given instant. */
export function chinaDateOf(instant: Date): IsoDate {
  return fromEpochDay(Math.floor((instant.getTime() + CHINA_OFFSET_MILLIS) / MILLIS_PER_DAY));
}

function assertInteger(n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Expected an integer, got ${n}`);
}
