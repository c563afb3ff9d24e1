import { addCalendarDays, defaultCalendar } from '@credit/domain';
import { isComplete, measureTimeliness, TimelinessToDay } from './timeliness';

describe('双公示 timeliness in working days', () => {
  const calendar = defaultCalendar();

  it('skips the National Day holiday and counts the adjusted working Saturday 2026-10-10', () => {
    // (09-30, 10-10]: 10-01..07 holiday, 10-08 Thu, 10-09 Fri, 10-10 Sat (调休 working day).
    expect(measureTimeliness('2026-09-30', '2026-10-10', 7, calendar)).toEqual({ workingDays: 3, onTime: true, daysLate: 0 });
  });

  it('counts the adjusted working Sunday 2026-09-20 and reports days late', () => {
    // (09-18, 10-12]: 09-20 (调休), 09-21..24, 09-28..30, 10-08..10, 10-12 = 12 working days.
    expect(measureTimeliness('2026-09-18', '2026-10-12', 7, calendar)).toEqual({ workingDays: 12, onTime: false, daysLate: 5 });
  });

  it('is on time on the last allowed day and late the working day after', () => {
    const last = calendar.addWorkingDays('2026-11-02', 7);
    expect(measureTimeliness('2026-11-02', last, 7, calendar).onTime).toBe(true);
    expect(measureTimeliness('2026-11-02', calendar.nextWorkingDay(last), 7, calendar)).toMatchObject({ onTime: false, daysLate: 1 });
  });

  it('cannot measure dates outside the loaded calendar years', () => {
    expect(measureTimeliness('2020-01-02', '2026-11-23', 7, calendar)).toEqual({ workingDays: null, onTime: null, daysLate: null });
  });

  it('measures many decision dates against one submission day exactly as one by one, in any order', () => {
    const submittedOn = '2026-11-23';
    const dates = Array.from({ length: 40 }, (_, i) => addCalendarDays('2023-11-01', (i * 7919) % 1120)); // 2023 is not loaded
    dates.push(submittedOn, '2026-12-01', '2024-01-01', '2023-12-31');
    const toDay = new TimelinessToDay(submittedOn, calendar);
    dates.forEach((date, i) => expect(toDay.measure(date, i % 3)).toEqual(measureTimeliness(date, submittedOn, i % 3, calendar)));
  });

  it('calls a record complete only when every optional field is filled', () => {
    expect(isComplete(['penaltyType', 'fineAmount'], { penaltyType: '罚款', fineAmount: 0 })).toBe(true);
    expect(isComplete(['penaltyType', 'fineAmount'], { penaltyType: ' ', fineAmount: 5 })).toBe(false);
    expect(isComplete([], {})).toBe(true);
  });
});
