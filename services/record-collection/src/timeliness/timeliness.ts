import { addCalendarDays, CalendarRangeError, compareDates, type IsoDate, type WorkingDayCalendar } from '@credit/domain';

/** Categories under 双公示 (licensing and penalty decisions published within the limit). */
export const DOUBLE_PUBLICITY_CATEGORIES: readonly string[] = ['LICENSING', 'PENALTY'];

export interface Timeliness {
  /** Working days in (decision date, submitted on]; null when the calendar does not cover the dates. */
  workingDays: number | null;
  onTime: boolean | null;
  daysLate: number | null;
}

/**
 * Decision date → submission in working days: submitted on day d is on time when the working days in
 * (decision, d] are at most `limit` (a submission on the decision day or on the following weekend counts 0).
 */
export function measureTimeliness(decisionDate: IsoDate, submittedOn: IsoDate, limit: number, calendar: WorkingDayCalendar): Timeliness {
  try {
    const workingDays = Math.max(0, calendar.countWorkingDays(decisionDate, submittedOn));
    return { workingDays, onTime: workingDays <= limit, daysLate: Math.max(0, workingDays - limit) };
  } catch (error) {
    if (error instanceof CalendarRangeError) return { workingDays: null, onTime: null, daysLate: null };
    throw error;
  }
}

/**
 * `measureTimeliness` for many decision dates and one submission day (a bulk import: thousands of decision dates,
 * submitted today). Counting per date walks its whole interval day by day; here each calendar day is looked at
 * once: the count of (d, to] is the count of (d + 1, to] plus whether d + 1 is a working day.
 */
export class TimelinessToDay {
  /** Working days in (date, submittedOn]; null when a day of the interval is outside the loaded calendar. */
  private readonly counts = new Map<IsoDate, number | null>();

  constructor(
    readonly submittedOn: IsoDate,
    private readonly calendar: WorkingDayCalendar,
  ) {
    this.counts.set(submittedOn, 0);
  }

  measure(decisionDate: IsoDate, limit: number): Timeliness {
    if (compareDates(decisionDate, this.submittedOn) > 0) return measureTimeliness(decisionDate, this.submittedOn, limit, this.calendar);
    const path: IsoDate[] = [];
    let day = decisionDate;
    while (!this.counts.has(day)) {
      path.push(day);
      day = addCalendarDays(day, 1);
    }
    let count: number | null = this.counts.get(day)!;
    for (let i = path.length - 1; i >= 0; i -= 1) {
      const next = i + 1 < path.length ? path[i + 1] : day;
      if (count !== null) {
        try {
          if (this.calendar.isWorkingDay(next)) count += 1;
        } catch (error) {
          if (!(error instanceof CalendarRangeError)) throw error;
          count = null;
        }
      }
      this.counts.set(path[i], count);
    }
    if (count === null) return { workingDays: null, onTime: null, daysLate: null };
    return { workingDays: count, onTime: count <= limit, daysLate: Math.max(0, count - limit) };
  }
}

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Whether the fields carry every optional standard field of the item version. */
export function isComplete(optionalFields: readonly string[], fields: Record<string, unknown>): boolean {
  return optionalFields.every((name) => !isBlank(fields[name]));
}
