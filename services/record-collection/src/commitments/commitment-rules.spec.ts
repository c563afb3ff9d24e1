import { commitmentCode } from './commitment-rules';

describe('commitment code (region + date + serial)', () => {
  const format = { regionDigits: 6, dateDigits: 8, serialDigits: 6 };

  it('joins region, date and the zero-padded serial', () => {
    expect(commitmentCode('430923', '2026-11-23', 7, format)).toBe('43092320261123000007');
  });

  it('refuses a region of the wrong length and a serial beyond the digits', () => {
    expect(() => commitmentCode('4309', '2026-11-23', 1, format)).toThrow(RangeError);
    expect(() => commitmentCode('430923', '2026-11-23', 1_000_000, format)).toThrow(RangeError);
    expect(() => commitmentCode('430923', '2026-11-23', 0, format)).toThrow(RangeError);
  });
});
