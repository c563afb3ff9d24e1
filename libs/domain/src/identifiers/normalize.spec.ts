import { normalizeCode, normalizeName, toHalfWidth } from './normalize';

describe('toHalfWidth', () => {
  it('maps the full-width ASCII block and the ideographic space, leaving Chinese text alone', () => {
    expect(toHalfWidth('ＡＢＣ１２３！～　（测试）')).toBe('ABC123!~ (测试)');
  });

  it('leaves characters just outside U+FF01–FF5E unchanged', () => {
    // U+FF00 is unassigned, U+FF5F is a full-width white parenthesis, 、 and 。 are CJK punctuation.
    expect(toHalfWidth('\uFF00\uFF5F、。')).toBe('\uFF00\uFF5F、。');
  });
});

describe('normalizeCode', () => {
  it('removes every kind of whitespace and invisible character and upper-cases', () => {
    expect(normalizeCode(' ９１３５ 0100\u3000m000\u200B100\uFEFFy43\t\n')).toBe('91350100M000100Y43');
  });
});

describe('normalizeName', () => {
  it('makes full-width and ASCII parentheses equal', () => {
    expect(normalizeName('阿里巴巴（中国）有限公司')).toBe('阿里巴巴(中国)有限公司');
    expect(normalizeName('阿里巴巴(中国)有限公司')).toBe('阿里巴巴(中国)有限公司');
  });

  it('trims, collapses inner whitespace and drops zero-width characters', () => {
    expect(normalizeName('\u3000 ＡＢＣ  科技\u200B\t有限公司 ')).toBe('ABC 科技 有限公司');
  });
});
