import type { DomainError } from '@credit/domain';
import { err, type RecordRowInput } from '../records/record-validation';

/**
 * Parsing of import lines (pure). NDJSON: one JSON object per line in the shape of a single submission.
 * CSV: RFC 4180 fields (quotes, doubled quotes inside quotes), a header row naming the columns.
 */

const CSV_SUBJECT_COLUMNS = new Set(['catalogueItemCode', 'subjectType', 'subjectName', 'uscc', 'idNumber', 'decisionNumber', 'decisionDate', 'severity', 'fieldsJson']);

const SEVERITY_ALIASES: Record<string, string> = { 轻微: 'MINOR', 一般: 'GENERAL', 严重: 'SERIOUS' };
const SUBJECT_TYPE_ALIASES: Record<string, string> = { 法人: 'LEGAL_PERSON', 非法人组织: 'ORGANIZATION', 自然人: 'NATURAL_PERSON' };

export type ParsedLine = { row: RecordRowInput } | { errors: DomainError[] };

/** Splits one CSV record into fields; null when a quoted field is not closed. */
export function splitCsvRecord(line: string): string[] | null {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  if (line.endsWith('\r')) line = line.slice(0, -1);
  while (i < line.length) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
    i += 1;
  }
  if (quoted) return null;
  out.push(field);
  return out;
}

/** The header row of a CSV import: column names, checked for the columns every row needs. */
export function parseCsvHeader(line: string): { header?: string[]; errors: DomainError[] } {
  const header = splitCsvRecord(line.replace(/^\uFEFF/, ''))?.map((h) => h.trim());
  if (!header) return { errors: [err('CSV_QUOTE_UNCLOSED', 'header', '表头行引号未闭合', 'The header row has an unclosed quote.')] };
  const missing = ['subjectType', 'subjectName', 'decisionNumber', 'decisionDate'].filter((c) => !header.includes(c));
  const duplicate = header.filter((h, i) => header.indexOf(h) !== i);
  const errors = [
    ...missing.map((c) => err('CSV_COLUMN_MISSING', `header.${c}`, `表头缺少列：${c}`, `The header row lacks the column ${c}.`)),
    ...duplicate.map((c) => err('CSV_COLUMN_DUPLICATE', `header.${c}`, `表头列重复：${c}`, `The header row names the column ${c} twice.`)),
  ];
  return errors.length > 0 ? { errors } : { header, errors };
}

export function parseCsvLine(line: string, header: string[], defaultItem: string): ParsedLine {
  const values = splitCsvRecord(line);
  if (!values) return { errors: [err('CSV_QUOTE_UNCLOSED', 'line', '引号未闭合', 'A quoted field is not closed.')] };
  if (values.length !== header.length) {
    return {
      errors: [err('CSV_COLUMN_COUNT', 'line', `列数 ${values.length} 与表头的 ${header.length} 列不符`, `The row has ${values.length} columns; the header has ${header.length}.`)],
    };
  }
  const cell: Record<string, string> = {};
  header.forEach((name, i) => (cell[name] = values[i].trim()));
  let fields: Record<string, unknown> = {};
  if (cell.fieldsJson) {
    try {
      fields = JSON.parse(cell.fieldsJson) as Record<string, unknown>;
    } catch {
      return { errors: [err('FIELDS_INVALID', 'fieldsJson', 'fieldsJson 列须为 JSON 对象', 'The fieldsJson column must be a JSON object.')] };
    }
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
      return { errors: [err('FIELDS_INVALID', 'fieldsJson', 'fieldsJson 列须为 JSON 对象', 'The fieldsJson column must be a JSON object.')] };
    }
  }
  for (const name of header) if (!CSV_SUBJECT_COLUMNS.has(name) && cell[name] !== '') fields[name] = cell[name];
  return {
    row: {
      catalogueItemCode: cell.catalogueItemCode || defaultItem,
      subject: {
        type: SUBJECT_TYPE_ALIASES[cell.subjectType] ?? cell.subjectType,
        name: cell.subjectName,
        uscc: cell.uscc || undefined,
        idNumber: cell.idNumber || undefined,
      },
      decisionNumber: cell.decisionNumber,
      decisionDate: cell.decisionDate,
      severity: cell.severity ? (SEVERITY_ALIASES[cell.severity] ?? cell.severity) : undefined,
      fields,
    },
  };
}

/** A JSON escape of a UTF-16 surrogate (checked before paying for a reviver). */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function parseNdjsonLine(line: string, defaultItem: string): ParsedLine {
  let value: unknown;
  try {
    // A `\ud800` escape alone would parse to a lone surrogate, which PostgreSQL's json input refuses (the rows are
    // stored through json parameters): it becomes U+FFFD, as text sent to PostgreSQL always did.
    value = SURROGATE_ESCAPE.test(line) ? JSON.parse(line, (_key, v: unknown) => (typeof v === 'string' ? v.replace(LONE_SURROGATE, '\uFFFD') : v)) : JSON.parse(line);
  } catch {
    return { errors: [err('ROW_NOT_JSON', 'line', '该行不是有效的 JSON', 'The line is not valid JSON.')] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { errors: [err('ROW_NOT_OBJECT', 'line', '该行须为 JSON 对象', 'The line must be a JSON object.')] };
  }
  const o = value as Record<string, unknown>;
  const subject = (o.subject && typeof o.subject === 'object' ? o.subject : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? undefined : String(v));
  const severity = str(o.severity);
  const type = str(subject.type) ?? '';
  return {
    row: {
      catalogueItemCode: str(o.catalogueItemCode) || defaultItem,
      subject: { type: SUBJECT_TYPE_ALIASES[type] ?? type, name: str(subject.name) ?? '', uscc: str(subject.uscc), idNumber: str(subject.idNumber) },
      decisionNumber: str(o.decisionNumber) ?? '',
      decisionDate: str(o.decisionDate) ?? '',
      severity: severity ? (SEVERITY_ALIASES[severity] ?? severity) : undefined,
      fields: o.fields === undefined ? {} : o.fields,
    },
  };
}

/** One CSV field, quoted when needed (for error downloads). */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
