/**
 * Input normalisation for codes and names typed or pasted by people: Chinese input methods produce
 * full-width characters (Ｕ＋ＦＦ０１–ＦＦ５Ｅ, ideographic space U+3000), and text copied from documents
 * often carries zero-width characters that are invisible but break equality.
 */

/** Full-width forms of printable ASCII: U+FF01 '！' … U+FF5E '～' map to U+0021 … U+007E. */
const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;
const FULL_WIDTH_OFFSET = 0xfee0;
const IDEOGRAPHIC_SPACE = /\u3000/g;

/**
 * Zero-width and invisible formatting characters not covered by `\s`: zero-width space, non-joiner and
 * joiner, word joiner, soft hyphen. (U+FEFF, the BOM, is already whitespace for `\s`.)
 */
const INVISIBLE = /[\u200B-\u200D\u2060\u00AD]/g;

/** Converts full-width ASCII forms to ASCII and the ideographic space to a normal space. */
export function toHalfWidth(s: string): string {
  return s
    .replace(FULL_WIDTH_ASCII, (ch) => String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(IDEOGRAPHIC_SPACE, ' ');
}

/**
 * Normalises an identifier (USCC, ID number): half-width, every kind of whitespace and zero-width
 * character removed, upper case. `'９１３５ ０１００…ｙ４３'` → `'913501…Y43'`.
 */
export function normalizeCode(s: string): string {
  return toHalfWidth(s).replace(/\s+/g, '').replace(INVISIBLE, '').toUpperCase();
}

/**
 * Normalises a subject name: full-width ASCII to ASCII — which also turns the full-width parentheses
 * `（）` that registered enterprise names commonly use into `()`, so both spellings compare equal —
 * invisible characters removed, whitespace trimmed and inner runs collapsed to one space.
 * Chinese characters and CJK punctuation outside the full-width ASCII block are kept as they are.
 */
export function normalizeName(s: string): string {
  return toHalfWidth(s).replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}
