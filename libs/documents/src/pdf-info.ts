/**
 * Reads the document information (Title, Author…) of a PDF written by `renderPdf`: the page text is in subset
 * glyph codes and compressed, the information dictionary is not. For tests and checks, not a PDF parser.
 */
export function pdfInfoString(pdf: Buffer, key: 'Title' | 'Author' | 'Subject'): string | null {
  const text = pdf.toString('latin1');
  const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(text);
  if (!ref) return null;
  const start = text.indexOf(`\n${ref[1]} 0 obj\n(`);
  if (start < 0) return null;
  let i = text.indexOf('(', start) + 1;
  const bytes: number[] = [];
  for (let depth = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      const next = text[++i];
      const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
      if (next in escapes) bytes.push(escapes[next]);
      else if (/[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(text.slice(i, i + 3))![0];
        bytes.push(parseInt(octal, 8));
        i += octal.length - 1;
      }
      continue;
    }
    if (c === 0x28) depth++;
    if (c === 0x29 && depth-- === 0) break;
    bytes.push(c);
  }
  const raw = Buffer.from(bytes);
  if (raw[0] === 0xfe && raw[1] === 0xff) {
    const le = Buffer.from(raw.subarray(2));
    le.swap16();
    return le.toString('utf16le');
  }
  return raw.toString('latin1');
}
