import { addCalendarDays } from './local-date';
import {
  BUNDLED_HOLIDAY_TABLES,
  CalendarRangeError,
  defaultCalendar,
  HolidayTableError,
  WorkingDayCalendar,
  type HolidayTable,
} from './working-day-calendar';

const calendar = defaultCalendar();

/** Every date from `from` to `to` inclusive. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) out.push(d);
  return out;
}

function workingDaysIn(year: number): number {
  return days(`${year}-01-01`, `${year}-12-31`).filter((d) => calendar.isWorkingDay(d)).length;
}

describe('bundled State Council schedules', () => {
  it('covers 2024–2026', () => {
    expect(calendar.years).toEqual([2024, 2025, 2026]);
    expect(BUNDLED_HOLIDAY_TABLES.map((t) => t.source)).toEqual([
      '国务院办公厅关于2024年部分节假日安排的通知 (国办发明电〔2023〕7号)',
      '国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号)',
      '国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号)',
    ]);
  });

  // Each year: days − weekend days − statutory holidays, because 调休 only moves days. 2024 had 11 statutory
  // holidays; the 2024 revision of 全国年节及纪念日放假办法 added 除夕 and 2 May from 2025 on (13).
  it.each([
    [2024, 366 - 104 - 11],
    [2025, 365 - 104 - 13],
    [2026, 365 - 104 - 13],
  ])('%i has %i working days', (year, expected) => {
    expect(workingDaysIn(year)).toBe(expected);
  });

  it('2024 (国办发明电〔2023〕7号): every holiday period and adjusted working day', () => {
    const off = [
      '2024-01-01',
      ...days('2024-02-10', '2024-02-17'),
      ...days('2024-04-04', '2024-04-06'),
      ...days('2024-05-01', '2024-05-05'),
      '2024-06-10',
      ...days('2024-09-15', '2024-09-17'),
      ...days('2024-10-01', '2024-10-07'),
    ];
    expect(off.filter((d) => calendar.isWorkingDay(d))).toEqual([]);
    const adjusted = ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'];
    expect(adjusted.filter((d) => !calendar.isWorkingDay(d))).toEqual([]);
    // 除夕 2024-02-09 was only "encouraged" as a day off: officially a working Friday.
    expect(calendar.isWorkingDay('2024-02-09')).toBe(true);
  });

  it('2025 (国办发明电〔2024〕12号): every holiday period and adjusted working day', () => {
    const off = [
      '2025-01-01',
      ...days('2025-01-28', '2025-02-04'),
      ...days('2025-04-04', '2025-04-06'),
      ...days('2025-05-01', '2025-05-05'),
      ...days('2025-05-31', '2025-06-02'),
      ...days('2025-10-01', '2025-10-08'),
    ];
    expect(off.filter((d) => calendar.isWorkingDay(d))).toEqual([]);
    const adjusted = ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'];
    expect(adjusted.filter((d) => !calendar.isWorkingDay(d))).toEqual([]);
  });

  // The 2026 schedule below is the one given in the project brief. It matches the notice dated 2025-11-04 as
  // published by Xinhua; the document number 国办发明电〔2025〕7号 comes from the brief and was not checked.
  it('2026 (notice of 2025-11-04): every holiday period and adjusted working day', () => {
    const off = [
      ...days('2026-01-01', '2026-01-03'),
      ...days('2026-02-15', '2026-02-23'),
      ...days('2026-04-04', '2026-04-06'),
      ...days('2026-05-01', '2026-05-05'),
      ...days('2026-06-19', '2026-06-21'),
      ...days('2026-09-25', '2026-09-27'),
      ...days('2026-10-01', '2026-10-07'),
    ];
    expect(off.filter((d) => calendar.isWorkingDay(d))).toEqual([]);
    const adjusted = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];
    expect(adjusted.filter((d) => !calendar.isWorkingDay(d))).toEqual([]);
  });
});

describe('isWorkingDay', () => {
  it('uses the weekday rule between holidays', () => {
    expect(calendar.isWorkingDay('2025-03-14')).toBe(true); // Friday
    expect(calendar.isWorkingDay('2025-03-15')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2025-03-16')).toBe(false); // Sunday
  });
});

describe('addWorkingDays', () => {
  it('Spring Festival 2025: Friday 2025-01-24 + 1 is the adjusted Sunday 2025-01-26', () => {
    expect(calendar.addWorkingDays('2025-01-24', 1)).toBe('2025-01-26');
    expect(calendar.addWorkingDays('2025-01-24', 2)).toBe('2025-01-27');
    expect(calendar.addWorkingDays('2025-01-24', 3)).toBe('2025-02-05');
  });

  it('National Day 2024: the day before the holiday + 1 is 2024-10-08', () => {
    expect(calendar.addWorkingDays('2024-09-30', 1)).toBe('2024-10-08');
    expect(calendar.addWorkingDays('2024-09-27', 1)).toBe('2024-09-29');
  });

  it('双公示 7 working days across National Day 2025', () => {
    // Sep 28 (Sun, 调休), 29, 30, Oct 9, 10, 11 (Sat, 调休), 13.
    expect(calendar.addWorkingDays('2025-09-26', 7)).toBe('2025-10-13');
  });

  it('crosses the year boundary', () => {
    expect(calendar.addWorkingDays('2024-12-31', 1)).toBe('2025-01-02');
  });

  it('n = 0 is the date itself when working, else the next working day', () => {
    expect(calendar.addWorkingDays('2025-01-26', 0)).toBe('2025-01-26');
    expect(calendar.addWorkingDays('2025-02-01', 0)).toBe('2025-02-05');
    expect(calendar.addWorkingDays('2025-03-14', 0)).toBe('2025-03-14');
  });

  it('rejects negative or fractional n', () => {
    expect(() => calendar.addWorkingDays('2025-03-14', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2025-03-14', 1.5)).toThrow(RangeError);
  });
});

describe('nextWorkingDay', () => {
  it('skips holidays and weekends', () => {
    expect(calendar.nextWorkingDay('2026-02-13')).toBe('2026-02-14'); // adjusted Saturday
    expect(calendar.nextWorkingDay('2026-02-14')).toBe('2026-02-24');
  });
});

describe('countWorkingDays', () => {
  it('counts (from, to] across Spring Festival 2025 and its two 调休 days', () => {
    // Jan 26 (Sun, 调休), 27, Feb 5, 6, 7, 8 (Sat, 调休).
    expect(calendar.countWorkingDays('2025-01-24', '2025-02-08')).toBe(6);
  });

  it('does not count `from` and counts `to`', () => {
    expect(calendar.countWorkingDays('2025-03-13', '2025-03-14')).toBe(1);
    expect(calendar.countWorkingDays('2025-03-14', '2025-03-14')).toBe(0);
    expect(calendar.countWorkingDays('2025-03-14', '2025-03-16')).toBe(0);
  });

  it('is negative when `to` is before `from`', () => {
    expect(calendar.countWorkingDays('2025-02-08', '2025-01-24')).toBe(-6);
  });

  it('inverts addWorkingDays', () => {
    const starts = ['2024-02-08', '2024-09-28', '2025-01-24', '2025-04-30', '2025-09-26', '2026-02-13'];
    for (const start of starts) {
      for (const n of [1, 3, 7, 10, 15, 20]) {
        expect(calendar.countWorkingDays(start, calendar.addWorkingDays(start, n))).toBe(n);
      }
    }
  });
});

describe('range', () => {
  it('refuses dates outside the loaded years instead of assuming the weekday rule', () => {
    expect(() => calendar.isWorkingDay('2023-12-29')).toThrow(CalendarRangeError);
    expect(() => calendar.isWorkingDay('2027-01-04')).toThrow(/No holiday schedule loaded for 2027-01-04/);
    expect(() => calendar.addWorkingDays('2026-12-30', 5)).toThrow(CalendarRangeError);
    expect(() => calendar.countWorkingDays('2023-12-20', '2024-01-05')).toThrow(CalendarRangeError);
  });

  it('refuses a year missing between loaded years', () => {
    const gap = WorkingDayCalendar.fromTables([BUNDLED_HOLIDAY_TABLES[0], BUNDLED_HOLIDAY_TABLES[2]]);
    expect(gap.isWorkingDay('2024-12-31')).toBe(true);
    expect(() => gap.addWorkingDays('2024-12-31', 1)).toThrow(CalendarRangeError);
  });
});

describe('WorkingDayCalendar.fromTables', () => {
  const table = (patch: Partial<HolidayTable>): HolidayTable => ({
    year: 2030,
    source: 'test',
    holidays: [],
    workdays: [],
    ...patch,
  });

  it('accepts an operator-loaded year', () => {
    const custom = WorkingDayCalendar.fromTables([table({ holidays: ['2030-01-01'], workdays: ['2030-01-05'] })]);
    expect(custom.isWorkingDay('2030-01-01')).toBe(false);
    expect(custom.isWorkingDay('2030-01-05')).toBe(true);
    expect(custom.isWorkingDay('2030-01-06')).toBe(false);
  });

  it.each([
    ['a date of another year', table({ holidays: ['2029-12-31'] })],
    ['an invalid date', table({ holidays: ['2030-02-29'] })],
    ['a working day on a weekday', table({ workdays: ['2030-01-07'] })],
    ['a day both off and working', table({ holidays: ['2030-01-05'], workdays: ['2030-01-05'] })],
  ])('rejects %s', (_, bad) => {
    expect(() => WorkingDayCalendar.fromTables([bad])).toThrow(HolidayTableError);
  });

  it('rejects two tables for the same year', () => {
    expect(() => WorkingDayCalendar.fromTables([table({}), table({})])).toThrow(HolidayTableError);
  });
});
