import cn2024 from './data/cn-2024.json';
import cn2025 from './data/cn-2025.json';
import cn2026 from './data/cn-2026.json';
import { addCalendarDays, compareDates, isValidIsoDate, isWeekend, yearOf, type IsoDate } from './local-date';

/**
 * One year of the State Council holiday schedule (国务院办公厅关于 YYYY 年部分节假日安排的通知).
 * Operators load a new table each year when the notice is published (usually in October–November).
 */
export interface HolidayTable {
  readonly year: number;
  /** Citation of the notice the table transcribes. */
  readonly source: string;
  /** Every day off of the announced holiday periods (放假), including weekend days inside a period. */
  readonly holidays: readonly IsoDate[];
  /** Weekend days that are working days (调休上班). */
  readonly workdays: readonly IsoDate[];
}

/** A date outside the years whose schedule is loaded: the calendar refuses to guess. */
export class CalendarRangeError extends RangeError {
  constructor(
    readonly date: IsoDate,
    readonly loadedYears: readonly number[],
  ) {
    super(
      `No holiday schedule loaded for ${date} (loaded years: ${loadedYears.join(', ') || 'none'}); ` +
        'load the State Council notice for that year',
    );
    this.name = 'CalendarRangeError';
  }
}

/** A holiday table that is malformed or contradicts itself. */
export class HolidayTableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HolidayTableError';
  }
}

interface YearSchedule {
  readonly holidays: ReadonlySet<IsoDate>;
  readonly workdays: ReadonlySet<IsoDate>;
}

/**
 * Working days according to the official schedule: a day is a working day if it is listed as an adjusted
 * working day (调休), otherwise if it is not a listed holiday and falls Monday to Friday.
 *
 * Every question about a date outside the loaded years throws {@link CalendarRangeError}, because the
 * weekday rule alone would be silently wrong around holidays. Instances are immutable.
 */
export class WorkingDayCalendar {
  private constructor(private readonly schedules: ReadonlyMap<number, YearSchedule>) {}

  /** Builds a calendar from year tables, validating them (see {@link HolidayTableError}). */
  static fromTables(tables: readonly HolidayTable[]): WorkingDayCalendar {
    const schedules = new Map<number, YearSchedule>();
    for (const table of tables) {
      if (!Number.isInteger(table.year)) throw new HolidayTableError(`Invalid year: ${String(table.year)}`);
      if (schedules.has(table.year)) throw new HolidayTableError(`Two tables for ${table.year}`);
      const holidays = checkedDates(table, table.holidays, 'holidays');
      const workdays = checkedDates(table, table.workdays, 'workdays');
      for (const day of workdays) {
        if (holidays.has(day)) throw new HolidayTableError(`${day} is listed both as holiday and as working day`);
        if (!isWeekend(day)) throw new HolidayTableError(`Adjusted working day ${day} is not a Saturday or Sunday`);
      }
      schedules.set(table.year, { holidays, workdays });
    }
    return new WorkingDayCalendar(schedules);
  }

  /** Loaded years, ascending. */
  get years(): readonly number[] {
    return [...this.schedules.keys()].sort((a, b) => a - b);
  }

  isWorkingDay(date: IsoDate): boolean {
    const schedule = this.schedules.get(yearOf(date));
    if (!schedule) throw new CalendarRangeError(date, this.years);
    if (schedule.workdays.has(date)) return true;
    return !schedule.holidays.has(date) && !isWeekend(date);
  }

  /**
   * The `n`-th working day after `date` — the last day of a "within n working days" deadline.
   * - `n ≥ 1`: counting starts the day after `date`, whether or not `date` itself is a working day.
   * - `n = 0`: `date` itself if it is a working day, otherwise the next working day.
   *
   * Example: 2025-01-24 (Friday) + 1 = 2025-01-26, a Sunday worked in exchange for Spring Festival.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
    if (n === 0) return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
    let current = date;
    for (let remaining = n; remaining > 0; ) {
      current = addCalendarDays(current, 1);
      if (this.isWorkingDay(current)) remaining--;
    }
    return current;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    return this.addWorkingDays(date, 1);
  }

  /**
   * Working days in the half-open interval (`from`, `to`]: `from` is not counted, `to` is. So
   * `countWorkingDays(d, addWorkingDays(d, n)) === n` for n ≥ 1, and a step taken on day `to` was taken
   * "within k working days" of `from` exactly when the count is ≤ k. If `to` is before `from` the result
   * is the negated count of (`to`, `from`].
   */
  countWorkingDays(from: IsoDate, to: IsoDate): number {
    const order = compareDates(from, to);
    if (order > 0) return -this.countWorkingDays(to, from);
    let count = 0;
    for (let day = from; compareDates(day, to) < 0; ) {
      day = addCalendarDays(day, 1);
      if (this.isWorkingDay(day)) count++;
    }
    return count;
  }
}

function checkedDates(table: HolidayTable, dates: readonly IsoDate[], field: string): ReadonlySet<IsoDate> {
  for (const day of dates) {
    if (!isValidIsoDate(day) || yearOf(day) !== table.year) {
      throw new HolidayTableError(`Table ${table.year}, ${field}: ${JSON.stringify(day)} is not a date in ${table.year}`);
    }
  }
  return new Set(dates);
}

/** The bundled State Council schedules. Update yearly by adding `data/cn-YYYY.json`. */
export const BUNDLED_HOLIDAY_TABLES: readonly HolidayTable[] = [cn2024, cn2025, cn2026];

let bundled: WorkingDayCalendar | undefined;

/** A calendar of the bundled years (built once; the calendar is immutable, so sharing it is safe). */
export function defaultCalendar(): WorkingDayCalendar {
  bundled ??= WorkingDayCalendar.fromTables(BUNDLED_HOLIDAY_TABLES);
  return bundled;
}

/**
 * Makes `defaultCalendar()` the bundled years plus the operator's tables (a table for a bundled year replaces
 * it): how a new year's State Council notice is loaded without a release. Call at start-up, before services are
 * built (the runtime does it from HOLIDAY_CALENDAR_DIR). Throws {@link HolidayTableError} for a bad table.
 */
export function installHolidayTables(extra: readonly HolidayTable[]): WorkingDayCalendar {
  const replaced = new Set(extra.map((t) => t.year));
  bundled = WorkingDayCalendar.fromTables([...BUNDLED_HOLIDAY_TABLES.filter((t) => !replaced.has(t.year)), ...extra]);
  return bundled;
}
