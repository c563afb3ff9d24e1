import { addMonths, type IsoDate } from '../calendar/local-date';
import { maskName } from '../identifiers/id-number';
import { LIST_TYPE_LABELS, RELATION_LABELS } from './list-notice';
import type { ListTypeCode } from './list-rules';

/**
 * Quarterly publication of the red and black (serious dishonesty) lists (seed 002 §四(三) "每季度", seed 003
 * §二(四)3), for the provincial site: the entries in force during the quarter, persons masked.
 */

/** A calendar quarter: [start, end), end exclusive. */
export function quarterRange(year: number, quarter: number): { start: IsoDate; end: IsoDate } {
  if (!Number.isInteger(year) || year < 2000 || year > 2999 || !Number.isInteger(quarter) || quarter < 1 || quarter > 4) {
    throw new RangeError(`not a quarter: ${year} Q${quarter}`);
  }
  const start = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
  return { start, end: addMonths(start, 3) };
}

/** An entry as the service hands it to the publication. */
export interface PublishableEntry {
  readonly entryId: string;
  readonly listType: ListTypeCode;
  /** LEGAL_PERSON or NATURAL_PERSON */
  readonly subjectType: string;
  readonly subjectName: string;
  readonly uscc: string | null;
  /** Already masked (first 6 + 8 `*` + last 4). */
  readonly maskedIdNumber: string | null;
  readonly relation: string | null;
  readonly relatedOrganisationName: string | null;
  readonly identifyingDepartmentId: string;
  readonly basisText: string;
  readonly periodStart: IsoDate;
  /** Exclusive. */
  readonly periodEnd: IsoDate;
  /** Set when the entry ended (by expiry) before the publication. */
  readonly endedOn: IsoDate | null;
}

/** A published row: organisations in full, persons masked (name partially, ID number). */
export interface PublishedRow {
  readonly entryId: string;
  readonly list: ListTypeCode;
  readonly listName: string;
  readonly subjectType: string;
  readonly name: string;
  readonly identifier: string;
  readonly relation: string;
  readonly identifyingDepartment: string;
  readonly basis: string;
  readonly periodStart: IsoDate;
  readonly periodEnd: IsoDate;
  readonly endedOn: string;
}

export function publishedRow(entry: PublishableEntry): PublishedRow {
  const person = entry.subjectType === 'NATURAL_PERSON';
  const relation = entry.relation
    ? `${entry.relatedOrganisationName ?? ''}${RELATION_LABELS[entry.relation] ?? entry.relation}`
    : '';
  return {
    entryId: entry.entryId,
    list: entry.listType,
    listName: LIST_TYPE_LABELS[entry.listType],
    subjectType: entry.subjectType,
    name: person ? maskName(entry.subjectName) : entry.subjectName,
    // A person's number is only ever held masked; mask again anything that would not be.
    identifier: person ? maskedOrBlank(entry.maskedIdNumber) : (entry.uscc ?? ''),
    relation,
    identifyingDepartment: entry.identifyingDepartmentId,
    basis: entry.basisText,
    periodStart: entry.periodStart,
    periodEnd: entry.periodEnd,
    endedOn: entry.endedOn ?? '',
  };
}

function maskedOrBlank(value: string | null): string {
  if (!value) return '';
  return /^\d{6}\*{8}[\dX]{4}$/.test(value) ? value : '*'.repeat(value.length);
}

const CSV_HEADER: readonly (keyof PublishedRow)[] = [
  'list',
  'listName',
  'subjectType',
  'name',
  'identifier',
  'relation',
  'identifyingDepartment',
  'basis',
  'periodStart',
  'periodEnd',
  'endedOn',
  'entryId',
];

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV (UTF-8, CRLF, header row) of the rows. */
export function publicationCsv(rows: readonly PublishedRow[]): string {
  const lines = [CSV_HEADER.join(','), ...rows.map((r) => CSV_HEADER.map((h) => csvCell(String(r[h]))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
