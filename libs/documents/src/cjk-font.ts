import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

/**
 * Noto Sans SC (SIL OFL 1.1), shipped by the npm package `@openfonts/noto-sans-sc_all` as a complete WOFF
 * (all 30,796 glyphs: every GB 2312 / GB 18030 common character). fontkit reads WOFF but inflates a table on
 * every glyph access (≈ 10 s for one page), so the WOFF is unwrapped once into a plain TrueType font in memory
 * (≈ 60 ms) and PDFKit embeds a subset of the glyphs used.
 */
const FONT_FILE = '@openfonts/noto-sans-sc_all/files/noto-sans-sc-all-400.woff';

let cached: Buffer | null = null;

export function cjkFont(): Buffer {
  cached ??= woffToSfnt(readFileSync(require.resolve(FONT_FILE)));
  return cached;
}

/** WOFF 1.0 → SFNT (OpenType/TrueType): inflates each table and writes the table directory back. */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('Not a WOFF 1.0 font');
  const flavor = woff.readUInt32BE(4);
  const count = woff.readUInt16BE(12);
  const tables: { tag: string; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    tables.push({ tag: woff.toString('latin1', at, at + 4), checksum: woff.readUInt32BE(at + 16), data: compLength < origLength ? inflateSync(raw) : raw });
  }
  let entrySelector = 0;
  while (1 << (entrySelector + 1) <= count) entrySelector += 1;
  const searchRange = (1 << entrySelector) * 16;
  const headerSize = 12 + 16 * count;
  const pad = (n: number) => (n + 3) & ~3;
  const out = Buffer.alloc(headerSize + tables.reduce((sum, t) => sum + pad(t.data.length), 0));
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(count, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(count * 16 - searchRange, 10);
  let offset = headerSize;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    out.write(t.tag, at, 'latin1');
    out.writeUInt32BE(t.checksum, at + 4);
    out.writeUInt32BE(offset, at + 8);
    out.writeUInt32BE(t.data.length, at + 12);
    t.data.copy(out, offset);
    offset += pad(t.data.length);
  });
  return out;
}
