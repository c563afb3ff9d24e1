import { computeUsccCheckChar, isUscc, validateUscc, type UsccResult } from './uscc';

function codeOf(result: UsccResult): string {
  return result.valid ? 'VALID' : result.code;
}

/** A synthetic code with both check characters computed: `first8` + `orgCodeBody` (8 chars). */
function synthetic(first8: string, orgCodeBody: string, orgCheck: string): string {
  const first17 = first8 + orgCodeBody + orgCheck;
  return first17 + computeUsccCheckChar(first17);
}

describe('validateUscc', () => {
  // Codes of well-known enterprises as published in the national enterprise credit information system;
  // every one satisfies both the GB 32100 and the embedded GB 11714 check independently.
  it.each([
    ['91350100M000100Y43', '350100', 'M000100Y4', 'Fuzhou code given in the project brief'],
    ['914403001922038216', '440300', '192203821', '华为技术有限公司'],
    ['91440300708461136T', '440300', '708461136', '深圳市腾讯计算机系统有限公司'],
    ['91330100799655058B', '330100', '799655058', '阿里巴巴（中国）有限公司'],
    ['91110108551385082Q', '110108', '551385082', '小米科技有限责任公司'],
    ['91110000100010433L', '110000', '100010433', '中国石油天然气集团有限公司'],
  ])('accepts %s (%s / %s, %s)', (code, region, orgCode) => {
    expect(validateUscc(code)).toEqual({ valid: true, value: code, region, orgCode, allowListed: false });
  });

  it('accepts an organisation code whose GB 11714 check is X (Σ mod 11 = 1)', () => {
    const result = validateUscc('91310000MA1FL1MMXL');
    expect(result.valid && result.orgCode).toBe('MA1FL1MMX');
  });

  it('computes the GB 11714 check so that Σ (value × weight) + check ≡ 0 (mod 11), X = 10', () => {
    // Org codes 0000000d: Σ = 2d, so d = 0…9 yields every check 0, 9, 7, 5, 3, 1, X, 8, 6, 4.
    const expected = ['0', '9', '7', '5', '3', '1', 'X', '8', '6', '4'];
    const results = expected.map((check, d) => codeOf(validateUscc(synthetic('91110000', `0000000${d}`, check))));
    expect(results).toEqual(expected.map(() => 'VALID'));
  });

  it('writes a GB 11714 check of 11 as 0 (synthetic org code 00000000, Σ = 0)', () => {
    expect(codeOf(validateUscc(synthetic('91110000', '00000000', '0')))).toBe('VALID');
    expect(codeOf(validateUscc(synthetic('91110000', '00000000', 'X')))).toBe('USCC_ORG_CODE_CHECK');
  });

  it('accepts region 100000 of central registration authorities (synthetic 12100000 code)', () => {
    // GB 11714 check of MA000000: Σ = 22·3 + 10·7 = 136, 136 mod 11 = 4, 11 − 4 = 7.
    expect(codeOf(validateUscc(synthetic('12100000', 'MA000000', '7')))).toBe('VALID');
  });

  it('normalises full-width, spaced and lower-case input to a valid code', () => {
    const result = validateUscc('９１３５ ０１００ｍ０００\u3000１００ｙ４３');
    expect(result).toMatchObject({ valid: true, value: '91350100M000100Y43' });
  });

  it('rejects empty and blank input', () => {
    expect(codeOf(validateUscc(''))).toBe('USCC_EMPTY');
    expect(codeOf(validateUscc(' \u3000\u200B'))).toBe('USCC_EMPTY');
  });

  it('rejects wrong lengths and says how long the input was', () => {
    const result = validateUscc('91350100M000100Y4');
    expect(result).toMatchObject({ valid: false, code: 'USCC_LENGTH' });
    expect(!result.valid && result.message.en).toContain('got 17');
    expect(codeOf(validateUscc('91350100M000100Y433'))).toBe('USCC_LENGTH');
  });

  it.each(['I', 'O', 'S', 'V', 'Z', '-'])('rejects the character %s, which the alphabet excludes', (ch) => {
    expect(codeOf(validateUscc(`91350100M000100Y4${ch}`))).toBe('USCC_CHARSET');
  });

  it('rejects a region whose province code does not exist (checksums otherwise correct)', () => {
    expect(codeOf(validateUscc(synthetic('91990000', '60003734', '1')))).toBe('USCC_REGION');
    expect(codeOf(validateUscc(synthetic('91A10000', '60003734', '1')))).toBe('USCC_REGION');
  });

  it('rejects a wrong organisation-code check character', () => {
    // 华为's organisation code 192203821 with its check 1 changed to 2.
    const first17 = '91440300192203822';
    expect(codeOf(validateUscc(first17 + computeUsccCheckChar(first17)))).toBe('USCC_ORG_CODE_CHECK');
  });

  it('rejects a wrong check character', () => {
    const result = validateUscc('91350100M000100Y44');
    expect(result).toEqual({
      valid: false,
      code: 'USCC_CHECK_DIGIT',
      message: { zh: '统一社会信用代码校验码错误', en: 'The check character of the unified social credit code is wrong.' },
    });
  });

  it('detects two adjacent digits swapped', () => {
    expect(codeOf(validateUscc('91440300708461163T'))).not.toBe('VALID');
  });

  describe('allow-list for early pilot codes', () => {
    const allowList = new Set(['91350100M000100Y44', '91440300192203822X']);

    it('accepts a listed code that fails a checksum and flags it', () => {
      expect(validateUscc('91350100m000100y44', { allowList })).toMatchObject({ valid: true, allowListed: true });
      expect(validateUscc('91440300192203822X', { allowList })).toMatchObject({ valid: true, allowListed: true });
    });

    it('does not flag a listed code that is valid anyway', () => {
      const result = validateUscc('91350100M000100Y43', { allowList: new Set(['91350100M000100Y43']) });
      expect(result).toMatchObject({ valid: true, allowListed: false });
    });

    it('does not excuse other failures or unlisted codes', () => {
      expect(codeOf(validateUscc('91350100M000100Y45', { allowList }))).toBe('USCC_CHECK_DIGIT');
      expect(codeOf(validateUscc('91350100M000100YO4', { allowList: new Set(['91350100M000100YO4']) }))).toBe(
        'USCC_CHARSET',
      );
    });
  });
});

describe('computeUsccCheckChar', () => {
  it('computes the check character of published codes', () => {
    expect(computeUsccCheckChar('91350100M000100Y4')).toBe('3');
    expect(computeUsccCheckChar('91330100799655058')).toBe('B');
    expect(computeUsccCheckChar('91440300708461136')).toBe('T');
  });

  it('satisfies the defining property Σ (value × 3^i mod 31) + check ≡ 0 (mod 31) for every residue', () => {
    // GB 32100's weights are the powers of 3 modulo 31; derive them here instead of copying the table.
    const weights = Array.from({ length: 17 }, (_, i) => Number(3n ** BigInt(i) % 31n));
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const checks = new Set<string>();
    let seed = 12_345;
    for (let n = 0; n < 400; n++) {
      let first17 = '';
      for (let i = 0; i < 17; i++) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        first17 += alphabet[seed % 31];
      }
      const check = computeUsccCheckChar(first17);
      checks.add(check);
      const sum = [...first17].reduce((acc, ch, i) => acc + alphabet.indexOf(ch) * weights[i], 0);
      expect((sum + alphabet.indexOf(check)) % 31).toBe(0);
    }
    expect(checks.size).toBe(31);
  });

  it('maps 31 − 0 = 31 to the character of value 0', () => {
    // All-zero input: Σ = 0, 31 − (0 mod 31) = 31 → '0'.
    expect(computeUsccCheckChar('00000000000000000')).toBe('0');
  });

  it('rejects input that is not 17 alphabet characters', () => {
    expect(() => computeUsccCheckChar('9135010')).toThrow(RangeError);
    expect(() => computeUsccCheckChar('91350100M000100O4')).toThrow(RangeError);
  });
});

describe('isUscc', () => {
  it('is true only for valid codes', () => {
    expect(isUscc('91110108551385082Q')).toBe(true);
    expect(isUscc('91110108551385082R')).toBe(false);
  });
});
