import { CalendarRangeError, type IsoDate, type WorkingDayCalendar } from '@credit/domain';

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

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Whether the fields carry every optional standard field of the item version. */
export function isComplete(optionalFields: readonly string[], fields: Record<string, unknown>): boolean {
  return optionalFields.every((name) => !isBlank(fields[name]));
}
