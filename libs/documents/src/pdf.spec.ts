import { pdfInfoString } from './pdf-info';
import { renderTextPdf } from './pdf';

describe('renderTextPdf', () => {
  it('renders a Chinese notice as a PDF titled with its first line', async () => {
    const pdf = await renderTextPdf('拟列入严重失信主体名单告知书\n\n编号：GZ-2026-0001\n（正文）', { author: '安化县发展和改革局' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfInfoString(pdf, 'Title')).toBe('拟列入严重失信主体名单告知书');
    expect(pdfInfoString(pdf, 'Author')).toBe('安化县发展和改革局');
    // the font is embedded (subset), not referenced
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2 \d+ 0 R/);
  });
});
