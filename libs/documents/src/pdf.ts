import PDFDocument from 'pdfkit';
import { cjkFont } from './cjk-font';

const FONT = 'NotoSansSC';

/** One block of a document, top to bottom. */
export type DocumentBlock =
  /** The document's title: large, centred. */
  | { kind: 'title'; text: string }
  /** A centred line under the title (number, issuer, dates). */
  | { kind: 'subtitle'; text: string }
  /** A section heading. */
  | { kind: 'heading'; text: string }
  /** A paragraph; `indent` in levels of four spaces. */
  | { kind: 'line'; text: string; indent?: number }
  /** Vertical space, in lines. */
  | { kind: 'space'; lines?: number }
  /** A block shown as a stamp: right-aligned (signatures, dates, "已撤回"). */
  | { kind: 'right'; text: string };

export interface DocumentSpec {
  /** PDF metadata. */
  info: { title: string; author?: string; subject?: string; createdAt?: Date };
  blocks: readonly DocumentBlock[];
  /** A line printed diagonally across every page, e.g. 已撤回 for a withdrawn notice. */
  watermark?: string;
}

/** Renders a document as an A4 PDF with the Chinese font embedded (subset of the glyphs used). */
export function renderPdf(spec: DocumentSpec): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: {
        Title: spec.info.title,
        CreationDate: spec.info.createdAt ?? new Date(),
        ...(spec.info.author ? { Author: spec.info.author } : {}),
        ...(spec.info.subject ? { Subject: spec.info.subject } : {}),
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.registerFont(FONT, cjkFont());
    doc.font(FONT);
    const stamp = (): void => {
      if (!spec.watermark) return;
      doc.save();
      doc.rotate(-30, { origin: [doc.page.width / 2, doc.page.height / 2] });
      doc.fontSize(60).fillColor('#c00', 0.25).text(spec.watermark, 0, doc.page.height / 2 - 40, { width: doc.page.width, align: 'center', lineBreak: false });
      doc.restore();
      doc.fillColor('#000', 1).fontSize(10).text('', doc.page.margins.left, doc.page.margins.top);
    };
    stamp();
    doc.on('pageAdded', stamp);
    for (const block of spec.blocks) {
      switch (block.kind) {
        case 'title':
          doc.fontSize(22).fillColor('#000').text(block.text, { align: 'center' }).moveDown(0.5);
          break;
        case 'subtitle':
          doc.fontSize(10).fillColor('#000').text(block.text, { align: 'center' });
          break;
        case 'heading':
          doc.moveDown(0.6).fontSize(13).fillColor('#000').text(block.text).moveDown(0.2);
          break;
        case 'line':
          doc.fontSize(10).fillColor('#222').text(`${'    '.repeat(block.indent ?? 0)}${block.text}`);
          break;
        case 'space':
          doc.moveDown(block.lines ?? 1);
          break;
        case 'right':
          doc.fontSize(10).fillColor('#000').text(block.text, { align: 'right' });
          break;
      }
    }
    doc.end();
  });
}

/**
 * A plain-text document (a notice as stored) as PDF: the first non-empty line is the title, the others are
 * paragraphs; `stamp` lines are appended at the end (e.g. the withdrawal of a notice).
 */
export function renderTextPdf(text: string, options: { title?: string; watermark?: string; author?: string; appendix?: readonly string[] } = {}): Promise<Buffer> {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  const title = options.title ?? (first >= 0 ? lines[first].trim() : '');
  const body = options.title ? lines : lines.slice(first + 1);
  const blocks: DocumentBlock[] = [{ kind: 'title', text: title }];
  for (const l of body) blocks.push(l.trim() === '' ? { kind: 'space', lines: 0.5 } : { kind: 'line', text: l });
  if (options.appendix?.length) {
    blocks.push({ kind: 'space' });
    for (const a of options.appendix) blocks.push({ kind: 'line', text: a });
  }
  return renderPdf({ info: { title, author: options.author }, blocks, watermark: options.watermark });
}
