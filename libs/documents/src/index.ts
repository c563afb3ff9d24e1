export { cjkFont, woffToSfnt } from './cjk-font';
export { renderPdf, renderTextPdf, type DocumentBlock, type DocumentSpec } from './pdf';
export { pdfInfoString } from './pdf-info';
