import { computeIdCheckChar, maskIdNumber, maskName, validateIdNumber, type IdNumberResult } from './id-number';

const TODAY = new Date('2025-06-01T04:00:00Z');

function codeOf(result: IdNumberResult): string {
  return result.valid ? 'VALID' : result.code;
}

/** A synthetic number with a computed check character. */
function withCheck(first17: string): string {
  return first17 + computeIdCheckChar(first17);
}

describe('validateIdNumber', () => {
  it('accepts the GB 11643-1999 example 11010519491231002X (Beijing Chaoyang, female)', () => {
    expect(validateIdNumber('11010519491231002X', { today: TODAY })).toEqual({
      valid: true,
      value: '11010519491231002X',
      region: '110105',
      birthDate: '1949-12-31',
      sex: 'FEMALE',
    });
  });

  it('accepts a lower-case x and full-width digits, normalising them', () => {
    expect(validateIdNumber('１１０１０５１９４９１２３１００２x', { today: TODAY })).toMatchObject({
      valid: true,
      value: '11010519491231002X',
    });
  });

  it('reads an odd sequence number as male', () => {
    expect(validateIdNumber(withCheck('43010219900101123'), { today: TODAY })).toMatchObject({ valid: true, sex: 'MALE' });
  });

  it('checks the GB 11643 example 440524188001010014 correctly but rejects its 1880 birth date (1900 floor)', () => {
    expect(computeIdCheckChar('44052418800101001')).toBe('4');
    expect(codeOf(validateIdNumber('440524188001010014', { today: TODAY }))).toBe('ID_BIRTH_DATE');
  });

  it('rejects a wrong check character', () => {
    expect(validateIdNumber('110105194912310021', { today: TODAY })).toEqual({
      valid: false,
      code: 'ID_CHECK_DIGIT',
      message: { zh: '身份证号码校验码错误', en: 'The check character of the ID number is wrong.' },
    });
  });

  it('rejects 2023-02-29 but accepts the leap day 2024-02-29', () => {
    expect(codeOf(validateIdNumber(withCheck('43010220230229123'), { today: TODAY }))).toBe('ID_BIRTH_DATE');
    expect(validateIdNumber(withCheck('43010220240229123'), { today: TODAY })).toMatchObject({
      valid: true,
      birthDate: '2024-02-29',
    });
  });

  it('rejects month 13 and day 00', () => {
    expect(codeOf(validateIdNumber(withCheck('43010219901301123'), { today: TODAY }))).toBe('ID_BIRTH_DATE');
    expect(codeOf(validateIdNumber(withCheck('43010219900100123'), { today: TODAY }))).toBe('ID_BIRTH_DATE');
  });

  it('rejects a birth date after today, taking today in China (UTC+8)', () => {
    // 2025-05-31T16:30Z is already 2025-06-01 00:30 in Beijing.
    const justAfterMidnightInBeijing = new Date('2025-05-31T16:30:00Z');
    expect(codeOf(validateIdNumber(withCheck('43010220250601123'), { today: justAfterMidnightInBeijing }))).toBe('VALID');
    expect(codeOf(validateIdNumber(withCheck('43010220250602123'), { today: justAfterMidnightInBeijing }))).toBe(
      'ID_BIRTH_DATE',
    );
  });

  it('accepts 1900-01-01 and rejects 1899-12-31', () => {
    expect(codeOf(validateIdNumber(withCheck('11010519000101002'), { today: TODAY }))).toBe('VALID');
    expect(codeOf(validateIdNumber(withCheck('11010518991231002'), { today: TODAY }))).toBe('ID_BIRTH_DATE');
  });

  it.each([
    ['000000', 'ID_REGION'],
    ['910105', 'ID_REGION'],
    ['990105', 'ID_REGION'],
    ['160105', 'ID_REGION'],
    ['810000', 'VALID'],
    ['830000', 'VALID'],
    ['650102', 'VALID'],
  ])('address code %s → %s', (region, expected) => {
    expect(codeOf(validateIdNumber(withCheck(`${region}19900101123`), { today: TODAY }))).toBe(expected);
  });

  it('rejects empty input, wrong lengths (including old 15-digit numbers) and bad characters', () => {
    expect(codeOf(validateIdNumber(' '))).toBe('ID_EMPTY');
    expect(codeOf(validateIdNumber('110105491231002'))).toBe('ID_LENGTH');
    expect(codeOf(validateIdNumber('11010519491231002X1'))).toBe('ID_LENGTH');
    expect(codeOf(validateIdNumber('1101051949123100X2'))).toBe('ID_CHARSET');
    expect(codeOf(validateIdNumber('11010519491231002Y'))).toBe('ID_CHARSET');
  });

  it('never repeats the number in its messages', () => {
    const result = validateIdNumber('110105194912310021', { today: TODAY });
    expect(JSON.stringify(result)).not.toContain('1101051949');
  });
});

describe('computeIdCheckChar', () => {
  it('maps Σ mod 11 through "10X98765432"', () => {
    expect(computeIdCheckChar('11010519491231002')).toBe('X');
    // All zeros: Σ = 0 → '1'.
    expect(computeIdCheckChar('00000000000000000')).toBe('1');
  });

  it('satisfies ISO 7064 MOD 11-2: Σ (digit × 2^(17−i) mod 11) + check ≡ 1 (mod 11), X = 10', () => {
    // Derive the weights from their definition instead of copying GB 11643's table.
    const weights = Array.from({ length: 17 }, (_, i) => Number(2n ** BigInt(17 - i) % 11n));
    const checks = new Set<string>();
    for (let n = 0; n < 300; n++) {
      const first17 = String(43_010_219_900_000_000n + BigInt(n) * 7_919n);
      const check = computeIdCheckChar(first17);
      checks.add(check);
      const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * weights[i], 0);
      expect((sum + (check === 'X' ? 10 : Number(check))) % 11).toBe(1);
    }
    expect(checks.size).toBe(11);
  });

  it('rejects input that is not 17 digits', () => {
    expect(() => computeIdCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => computeIdCheckChar('1101051949123100X')).toThrow(RangeError);
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskIdNumber('430102199001011234')).toBe('430102********1234');
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
  });

  it('masks a malformed value completely', () => {
    expect(maskIdNumber('4301021990')).toBe('**********');
  });
});

describe('maskName', () => {
  it('keeps only the first character', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName(' 欧阳娜娜 ')).toBe('欧***');
    expect(maskName('李')).toBe('李');
    expect(maskName('')).toBe('');
  });

  it('counts a character outside the BMP as one', () => {
    expect(maskName('𠮷野家')).toBe('𠮷**');
  });
});
