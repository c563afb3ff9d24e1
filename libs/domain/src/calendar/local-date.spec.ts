import {
  addCalendarDays,
  addMonths,
  addYears,
  chinaDateOf,
  compareDates,
  fromEpochDay,
  InvalidDateError,
  isoWeekday,
  isValidIsoDate,
  toEpochDay,
} from './local-date';

describe('isValidIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-1-01', false],
    ['2025-01-01T00:00', false],
  ])('%s → %s', (date, expected) => {
    expect(isValidIsoDate(date)).toBe(expected);
  });
});

describe('epoch days', () => {
  it('counts from 1970-01-01', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('2000-03-01')).toBe(11_017);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(fromEpochDay(-25_567)).toBe('1900-01-01');
  });

  it('agrees with Date.UTC day by day from 1899 to 2101', () => {
    const mismatches: string[] = [];
    for (let day = Date.UTC(1899, 0, 1) / 86_400_000; day <= Date.UTC(2101, 11, 31) / 86_400_000; day++) {
      const expected = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (fromEpochDay(day) !== expected || toEpochDay(expected) !== day) mismatches.push(expected);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('isoWeekday', () => {
  it('numbers Monday 1 to Sunday 7', () => {
    expect(isoWeekday('2025-01-26')).toBe(7);
    expect(isoWeekday('2025-01-27')).toBe(1);
    expect(isoWeekday('2024-02-29')).toBe(4);
    expect(isoWeekday('1969-12-28')).toBe(7);
  });
});

describe('calendar arithmetic', () => {
  it('adds days across month and year ends, both ways', () => {
    expect(addCalendarDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addCalendarDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-01-24', 20)).toBe('2025-02-13');
  });

  it('clamps to the end of month when adding months', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2025-08-31', 3)).toBe('2025-11-30');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
    expect(addMonths('2025-01-15', -13)).toBe('2023-12-15');
    expect(addMonths('2025-05-31', 0)).toBe('2025-05-31');
  });

  it('clamps 29 February when adding years', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2025-06-30', -3)).toBe('2022-06-30');
  });

  it('compares dates', () => {
    expect(compareDates('2025-01-01', '2024-12-31')).toBe(1);
    expect(compareDates('2024-12-31', '2025-01-01')).toBe(-1);
    expect(compareDates('2025-01-01', '2025-01-01')).toBe(0);
  });

  it('refuses invalid dates and non-integer amounts', () => {
    expect(() => addCalendarDays('2025-02-30', 1)).toThrow(InvalidDateError);
    expect(() => addMonths('2025/01/31', 1)).toThrow(InvalidDateError);
    expect(() => addMonths('2025-01-31', 1.5)).toThrow(RangeError);
  });
});

describe('chinaDateOf', () => {
  it('takes the date in UTC+8', () => {
    expect(chinaDateOf(new Date('2025-05-31T15:59:59.999Z'))).toBe('2025-05-31');
    expect(chinaDateOf(new Date('2025-05-31T16:00:00Z'))).toBe('2025-06-01');
  });
});
