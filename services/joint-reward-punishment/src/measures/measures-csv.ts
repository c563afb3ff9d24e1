import {
  ALL_MATTERS,
  MeasureChannel,
  MeasureClass,
  MeasureEffect,
  MeasureTargetList,
  MeasureType,
  SubjectType,
  isMatterTypeCode,
  type DomainError,
} from '@credit/domain';

/** The CSV columns of the measures list, in order (export and import share them; multi-valued joined with `|`). */
export const MEASURE_CSV_HEADERS = [
  'edition_id',
  'code',
  'content_zh',
  'content_en',
  'type',
  'class',
  'effect',
  'channel',
  'target_lists',
  'target_grades',
  'related_persons',
  'subject_types',
  'target_wording',
  'matter_types',
  'implementing_body_zh',
  'legal_basis',
  'sources',
  'default_period_months',
] as const;
export type MeasureCsvHeader = (typeof MEASURE_CSV_HEADERS)[number];

/** A measure as the CSV carries it (the fields of the `measure` table it has). */
export interface CsvMeasure {
  code: string;
  contentZh: string;
  contentEn: string;
  type: string;
  measureClass: string;
  effect: string;
  channel: string;
  targetLists: string[];
  targetGrades: string[];
  relatedPersons: boolean;
  subjectTypes: string[];
  targetWording: string;
  matterTypes: string[];
  implementingBodyZh: string;
  legalBasis: string[];
  sources: string[];
  defaultPeriodMonths: number | null;
}

export function csvCell(value: string | readonly string[] | number | boolean | null): string {
  const text = value === null ? '' : Array.isArray(value) ? value.join('|') : String(value as string | number | boolean);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 rows (quoted cells may hold commas, quotes doubled, line breaks); a trailing empty line is dropped. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

const TYPES = new Set<string>(Object.values(MeasureType));
const CLASSES = new Set<string>(Object.values(MeasureClass));
const EFFECTS = new Set<string>(Object.values(MeasureEffect));
const CHANNELS = new Set<string>(Object.values(MeasureChannel));
const TARGET_LISTS = new Set<string>(Object.values(MeasureTargetList));
const GRADES = new Set(['A', 'B', 'C', 'D']);
const SUBJECT_TYPES = new Set<string>(Object.values(SubjectType));
const CODE = /^[IPR]-[A-Z0-9-]{1,40}$/;

const LABELS: Record<MeasureCsvHeader, string> = {
  edition_id: '版本',
  code: '措施编码',
  content_zh: '措施内容',
  content_en: '措施内容（英文）',
  type: '措施类型',
  class: '措施类别',
  effect: '措施效果',
  channel: '实施渠道',
  target_lists: '适用名单',
  target_grades: '适用信用等级',
  related_persons: '是否落实到人',
  subject_types: '主体类型',
  target_wording: '适用对象',
  matter_types: '适用事项',
  implementing_body_zh: '实施单位',
  legal_basis: '法律依据',
  sources: '出处',
  default_period_months: '默认期限（月）',
};

/**
 * Parses and validates a measures-list CSV (the export's format). Errors name the row (1 = the header, data
 * from 2) and the column: `rows[5].class`. Returns the measures only when there is no error at all.
 */
export function parseMeasuresCsv(text: string): { ok: true; measures: CsvMeasure[] } | { ok: false; errors: DomainError[] } {
  const errors: DomainError[] = [];
  const rows = parseCsvRows(text);
  const header = rows[0] ?? [];
  if (header.length !== MEASURE_CSV_HEADERS.length || header.some((h, i) => h.trim() !== MEASURE_CSV_HEADERS[i])) {
    return {
      ok: false,
      errors: [
        {
          code: 'CSV_HEADER',
          field: 'csv',
          message: { zh: `表头须为：${MEASURE_CSV_HEADERS.join(',')}`, en: `The header row must be: ${MEASURE_CSV_HEADERS.join(',')}` },
        },
      ],
    };
  }
  if (rows.length < 2) {
    return { ok: false, errors: [{ code: 'CSV_EMPTY', field: 'csv', message: { zh: '措施清单不得为空', en: 'The measures list has no measure.' } }] };
  }
  const measures: CsvMeasure[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const err = (column: MeasureCsvHeader, code: string, zh: string, en: string) =>
      errors.push({ code, field: `rows[${line}].${column}`, message: { zh: `第 ${line} 行「${LABELS[column]}」${zh}`, en: `Row ${line}, column ${column}: ${en}` } });
    if (cells.length !== MEASURE_CSV_HEADERS.length) {
      errors.push({
        code: 'CSV_COLUMN_COUNT',
        field: `rows[${line}]`,
        message: { zh: `第 ${line} 行应有 ${MEASURE_CSV_HEADERS.length} 列，实有 ${cells.length} 列`, en: `Row ${line} has ${cells.length} columns, not ${MEASURE_CSV_HEADERS.length}.` },
      });
      return;
    }
    const get = (column: MeasureCsvHeader) => cells[MEASURE_CSV_HEADERS.indexOf(column)].trim();
    const list = (column: MeasureCsvHeader) => (get(column) === '' ? [] : get(column).split('|').map((v) => v.trim()));
    const oneOf = (column: MeasureCsvHeader, allowed: ReadonlySet<string>) => {
      const value = get(column);
      if (!allowed.has(value)) err(column, 'UNKNOWN_VALUE', `未知取值：${value || '（空）'}`, `unknown value ${value || '(empty)'} (allowed: ${[...allowed].join(', ')})`);
      return value;
    };
    const allOf = (column: MeasureCsvHeader, allowed: (v: string) => boolean) => {
      const values = list(column);
      for (const v of values) if (!allowed(v)) err(column, 'UNKNOWN_VALUE', `未知取值：${v || '（空）'}`, `unknown value ${v || '(empty)'}`);
      return values;
    };
    const required = (column: MeasureCsvHeader) => {
      const value = get(column);
      if (!value) err(column, 'REQUIRED', '不得为空', 'required');
      return value;
    };

    const code = required('code');
    if (code && !CODE.test(code)) err('code', 'CODE_FORMAT', `编码格式应为 I-/P-/R- 开头：${code}`, `a code is I-, P- or R- followed by letters, digits and dashes: ${code}`);
    if (code && seen.has(code)) err('code', 'DUPLICATE_CODE', `与第 ${seen.get(code)} 行编码重复：${code}`, `code ${code} repeats row ${seen.get(code)}`);
    seen.set(code, line);
    const related = get('related_persons');
    if (related !== 'true' && related !== 'false') err('related_persons', 'UNKNOWN_VALUE', `应为 true 或 false：${related || '（空）'}`, `true or false, not ${related || '(empty)'}`);
    const period = get('default_period_months');
    if (period !== '' && !/^[1-9]\d{0,2}$/.test(period)) err('default_period_months', 'INVALID_NUMBER', `应为正整数或留空：${period}`, `a positive whole number or empty, not ${period}`);
    const targetLists = allOf('target_lists', (v) => TARGET_LISTS.has(v));
    const targetGrades = allOf('target_grades', (v) => GRADES.has(v));
    if (targetLists.length === 0 && targetGrades.length === 0) err('target_lists', 'NO_TARGET', '适用名单与适用信用等级不得同时为空', 'a measure targets at least one list or grade');
    const sources = list('sources');
    if (sources.length === 0) err('sources', 'REQUIRED', '不得为空（每项措施须注明出处）', 'every measure cites its source');

    measures.push({
      code,
      contentZh: required('content_zh'),
      contentEn: get('content_en'),
      type: oneOf('type', TYPES),
      measureClass: oneOf('class', CLASSES),
      effect: oneOf('effect', EFFECTS),
      channel: oneOf('channel', CHANNELS),
      targetLists,
      targetGrades,
      relatedPersons: related === 'true',
      subjectTypes: allOf('subject_types', (v) => SUBJECT_TYPES.has(v)),
      targetWording: get('target_wording'),
      matterTypes: allOf('matter_types', (v) => v === ALL_MATTERS || isMatterTypeCode(v)),
      implementingBodyZh: required('implementing_body_zh'),
      legalBasis: list('legal_basis'),
      sources,
      defaultPeriodMonths: period === '' ? null : Number(period),
    });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, measures };
}
