import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DomainError } from '@credit/domain';
import { pgErrorCode, PgErrorCode } from '@credit/database';
import { UnitOfWork } from '@credit/messaging';
import { AppError } from '@credit/runtime';
import { DataSource, type EntityManager } from 'typeorm';
import type { RecordRowInput } from '../records/record-validation';
import { RecordsService, type RowResult } from '../records/records.service';
import { ImportBatchEntity, type ImportFormatValue } from './import-batch.entity';
import { csvField, parseCsvHeader, parseCsvLine, parseNdjsonLine } from './import-rows';

/** Most lines accepted in one AppendImportRows call (one transaction). */
export const MAX_APPEND_ROWS = 20_000;
/** Valid rows stored per transaction (with the rejected lines between them; events go to the outbox in one statement per transaction). */
const TX_LINES = 5_000;
/** Rejected lines per page of GetImportErrors. */
const ERROR_PAGE_LINES = 10_000;

export interface CreateImportCommand {
  providerDepartmentId: string;
  format: string;
  defaultCatalogueItemCode?: string;
  clientBatchKey?: string;
}

export interface ImportRowError {
  line: number;
  field: string;
  code: string;
  messageZh: string;
  messageEn: string;
}

const notFound = () => AppError.one('NOT_FOUND', 'IMPORT_NOT_FOUND', '没有此导入批次', 'No such import batch.', 'importId');
const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/**
 * Bulk imports (批量导入): a department's NDJSON or CSV file arrives as chunks of raw lines with their line
 * numbers. Each chunk is validated and stored through the same path as SubmitRecords in ONE transaction
 * that also stores the rejected rows' errors and advances the batch's counters and `processedThrough`.
 * So a crash loses at most the chunk in flight, a resent chunk skips the lines already processed, and the
 * natural key (provider + item + decision number) makes a re-posted file create nothing new.
 */
@Injectable()
export class ImportsService {
  /** Appends in flight per batch in this process (see `append`). */
  private readonly inFlight = new Map<string, InFlight>();
  /** Per batch id as sent, the place of the last append to arrive (see `append`). */
  private readonly arrivals = new Map<string, Promise<void>>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly records: RecordsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async create(command: CreateImportCommand): Promise<ImportBatchEntity> {
    const provider = command.providerDepartmentId?.trim() ?? '';
    if (!provider) throw AppError.one('UNAUTHENTICATED', 'DEPARTMENT_REQUIRED', '缺少提交部门', 'The submitting department is missing.', 'providerDepartmentId');
    if (command.format !== 'NDJSON' && command.format !== 'CSV') {
      throw AppError.one('VALIDATION', 'IMPORT_FORMAT_INVALID', '导入格式须为 NDJSON 或 CSV', 'The import format must be NDJSON or CSV.', 'format');
    }
    const key = command.clientBatchKey?.trim() || null;
    if (key && key.length > 200) throw AppError.one('VALIDATION', 'BATCH_KEY_INVALID', '批次键不超过200字', 'The batch key has at most 200 characters.', 'clientBatchKey');
    const repository = this.dataSource.getRepository(ImportBatchEntity);
    if (key) {
      const existing = await repository.findOne({ where: { providerDepartmentId: provider, clientBatchKey: key } });
      if (existing) return existing;
    }
    const batch = repository.create({
      id: randomUUID(),
      providerDepartmentId: provider,
      format: command.format as ImportFormatValue,
      defaultCatalogueItemCode: command.defaultCatalogueItemCode?.trim() || null,
      clientBatchKey: key,
      status: 'RECEIVING',
      header: null,
      processedThrough: 0,
      completedAt: null,
    });
    try {
      await repository.insert(batch);
    } catch (error) {
      // The same key created concurrently: the other one wins.
      if (key && pgErrorCode(error) === PgErrorCode.UniqueViolation) {
        return (await repository.findOne({ where: { providerDepartmentId: provider, clientBatchKey: key } }))!;
      }
      throw error;
    }
    return (await repository.findOne({ where: { id: batch.id } }))!;
  }

  /**
   * Processes the lines `firstLine … firstLine + rows.length - 1`; lines already processed are skipped.
   * A chunk starting after the next expected line is refused (IMPORT_LINE_GAP). The next expected line counts the
   * lines in flight in this process: a client may send the next chunk before the previous one is answered, and
   * its lines are parsed and validated while the previous chunk is being stored (Node and PostgreSQL work at the
   * same time instead of in turns); chunks are still stored in line order, each in its own transactions. If the
   * previous chunk fails, the next one is refused with IMPORT_LINE_GAP naming the line to resume at.
   */
  async append(providerDepartmentId: string, importId: string, firstLine: number, rows: string[]): Promise<ImportBatchEntity> {
    if (!Number.isInteger(firstLine) || firstLine < 1) {
      throw AppError.one('VALIDATION', 'FIRST_LINE_INVALID', '起始行号须为正整数', 'The first line number must be a positive integer.', 'firstLine');
    }
    if (rows.length > MAX_APPEND_ROWS) {
      throw AppError.one('TOO_LARGE', 'CHUNK_TOO_LARGE', `每次最多 ${MAX_APPEND_ROWS} 行`, `At most ${MAX_APPEND_ROWS} lines per chunk.`, 'rows');
    }
    const lastLine = firstLine + rows.length - 1;
    // Appends of one batch take their places in the order they arrive: their reads of the batch may come back out
    // of order (pool connections), and an append that overtook the one before would see a gap.
    const before = this.arrivals.get(importId) ?? Promise.resolve();
    let placed!: () => void;
    const placement = new Promise<void>((resolve) => (placed = resolve));
    this.arrivals.set(importId, placement);
    try {
      await before;
      return await this.appendInPlace(providerDepartmentId, importId, firstLine, rows, lastLine, placed);
    } finally {
      placed();
      if (this.arrivals.get(importId) === placement) this.arrivals.delete(importId);
    }
  }

  /** `append` once the appends that arrived before this one have their places; `placed` gives the next its turn. */
  private async appendInPlace(providerDepartmentId: string, importId: string, firstLine: number, rows: string[], lastLine: number, placed: () => void): Promise<ImportBatchEntity> {
    for (let attempt = 1; ; attempt += 1) {
      const batch = await this.owned(providerDepartmentId, importId);
      if (lastLine <= batch.processedThrough) return batch; // a resent chunk
      if (batch.status === 'COMPLETED') {
        throw AppError.one('CONFLICT', 'IMPORT_COMPLETED', '导入批次已完成，不能追加', 'The import is completed; no more lines can be added.', 'importId');
      }
      const inFlight = this.inFlight.get(batch.id);
      const next = Math.max(batch.processedThrough, inFlight?.through ?? 0) + 1;
      if (firstLine > next) throw lineGap(next);
      if (inFlight && firstLine < next) {
        // Overlaps lines still in flight (a client retrying them): once they are done, look again.
        await inFlight.done.catch(() => undefined);
        continue;
      }
      const entry: InFlight = { through: lastLine, header: inFlight?.header ?? batch.header, done: Promise.resolve(batch) };
      // Parsed now, while the lines before are still being stored.
      const parsed = parseLines(batch, entry.header, firstLine, rows, next - firstLine);
      entry.header = parsed.header;
      entry.done = this.storeInOrder(batch, firstLine, parsed, inFlight?.done ?? null);
      this.inFlight.set(batch.id, entry);
      placed();
      try {
        return await entry.done;
      } catch (error) {
        // Another append of the same batch (another replica) committed first, or a unique race on a record: read again.
        if (!inFlight && attempt < 3 && (error instanceof ChunkRaceError || [PgErrorCode.UniqueViolation, PgErrorCode.DeadlockDetected].includes(pgErrorCode(error) as never))) continue;
        throw error;
      } finally {
        if (this.inFlight.get(batch.id) === entry) this.inFlight.delete(batch.id);
      }
    }
  }

  /**
   * Validates the parsed lines (transactions of at most TX_LINES lines; the next one is validated while one is
   * stored) and stores them once the lines before (`previous`) are stored.
   */
  private async storeInOrder(batch: ImportBatchEntity, firstLine: number, parsed: ParsedLines, previous: Promise<ImportBatchEntity> | null): Promise<ImportBatchEntity> {
    const parts: ParsedLines[] = [];
    for (let start = 0; start < parsed.lines.length; start += TX_LINES) parts.push(sliceParsed(parsed, start, start + TX_LINES));
    if (parts.length === 0) parts.push(parsed);
    let validated = this.validate(batch.providerDepartmentId, parts[0]);
    let current = batch;
    if (previous) {
      const before = await previous.catch(() => null);
      current = before ?? (await this.owned(batch.providerDepartmentId, batch.id));
      // The lines before failed (or were stored only in part): the client resumes where the batch stands.
      if (!before || current.processedThrough !== firstLine - 1) {
        validated.catch(() => undefined);
        throw lineGap(current.processedThrough + 1);
      }
    }
    for (let i = 0; i < parts.length; i += 1) {
      const ready = await validated;
      if (i + 1 < parts.length) {
        validated = this.validate(batch.providerDepartmentId, parts[i + 1]);
        validated.catch(() => undefined); // awaited on the next turn, or dropped with this one's failure
      }
      current = await this.storeChunk(current, ready);
    }
    return current;
  }

  private async validate(provider: string, part: ParsedLines): Promise<ValidatedLines> {
    const prepared = await this.records.prepareRows(provider, part.inputs);
    return { ...part, ...prepared };
  }

  async complete(providerDepartmentId: string, importId: string, lastLine: number): Promise<ImportBatchEntity> {
    const batch = await this.owned(providerDepartmentId, importId);
    if (batch.status === 'COMPLETED') return batch;
    if (lastLine > batch.processedThrough) {
      const next = batch.processedThrough + 1;
      throw AppError.one('CONFLICT', 'IMPORT_INCOMPLETE', `尚未收到第 ${next} 行起的内容`, `Lines from ${next} have not been received.`, 'lastLine');
    }
    await this.dataSource
      .getRepository(ImportBatchEntity)
      .update({ id: batch.id, status: 'RECEIVING' }, { status: 'COMPLETED', completedAt: () => 'now()' } as never);
    return this.owned(providerDepartmentId, importId);
  }

  async get(importId: string, providerDepartmentId?: string): Promise<ImportBatchEntity> {
    const batch = isUuid(importId ?? '') ? await this.dataSource.getRepository(ImportBatchEntity).findOne({ where: { id: importId } }) : null;
    if (!batch || (providerDepartmentId && batch.providerDepartmentId !== providerDepartmentId)) throw notFound();
    return batch;
  }

  /**
   * The problems of rejected rows in line order, a page of at most `limit` lines after `afterLine`;
   * `nextAfterLine` is 0 on the last page.
   */
  async errors(importId: string, providerDepartmentId?: string, page: { afterLine?: number; limit?: number } = {}): Promise<{ errors: ImportRowError[]; nextAfterLine: number }> {
    const batch = await this.get(importId, providerDepartmentId);
    const limit = Math.min(Math.max(1, page.limit || ERROR_PAGE_LINES), ERROR_PAGE_LINES);
    const rows: { line_number: string; field: string; code: string; message_zh: string; message_en: string }[] = await this.dataSource.query(
      `SELECT e.line_number, e.field, e.code, e.message_zh, e.message_en FROM record_collection.import_row_error e
        WHERE e.import_id = $1 AND e.line_number IN (
          SELECT DISTINCT line_number FROM record_collection.import_row_error WHERE import_id = $1 AND line_number > $2 ORDER BY line_number LIMIT $3)
        ORDER BY e.line_number, e.seq`,
      [batch.id, page.afterLine ?? 0, limit + 1],
    );
    const lines = [...new Set(rows.map((r) => Number(r.line_number)))];
    const more = lines.length > limit;
    const last = more ? lines[limit - 1] : 0;
    const errors = rows
      .filter((r) => !more || Number(r.line_number) <= last)
      .map((r) => ({ line: Number(r.line_number), field: r.field, code: r.code, messageZh: r.message_zh, messageEn: r.message_en }));
    return { errors, nextAfterLine: last };
  }

  /** The errors as a downloadable file: CSV (with a header row when `header`), or NDJSON. */
  static render(errors: ImportRowError[], format: 'csv' | 'ndjson', header = true): { contentType: string; content: string } {
    if (format === 'ndjson') {
      return { contentType: 'application/x-ndjson', content: errors.map((e) => JSON.stringify(e) + '\n').join('') };
    }
    const lines = [...(header ? ['line,field,code,messageZh,messageEn'] : []), ...errors.map((e) => [e.line, e.field, e.code, e.messageZh, e.messageEn].map(csvField).join(','))];
    return { contentType: 'text/csv; charset=utf-8', content: lines.length > 0 ? lines.join('\r\n') + '\r\n' : '' };
  }

  private async owned(providerDepartmentId: string, importId: string): Promise<ImportBatchEntity> {
    const provider = providerDepartmentId?.trim() ?? '';
    if (!provider) throw AppError.one('UNAUTHENTICATED', 'DEPARTMENT_REQUIRED', '缺少提交部门', 'The submitting department is missing.', 'providerDepartmentId');
    return this.get(importId, provider);
  }

  /** Stores one transaction's lines (validated), their errors and the batch's counters; `batch` as it stands before them. */
  private storeChunk(batch: ImportBatchEntity, part: ValidatedLines): Promise<ImportBatchEntity> {
    const { rejected, valid } = part;
    return this.uow.run(async (tx) => {
      const { manager } = tx;
      const [locked] = await manager.query('SELECT processed_through FROM record_collection.import_batch WHERE id = $1 FOR UPDATE', [batch.id]);
      if (Number(locked.processed_through) !== batch.processedThrough) throw new ChunkRaceError();
      const stored = valid.length > 0 ? await this.records.storePrepared(tx, batch.providerDepartmentId, valid) : [];
      const counts = { CREATED: 0, NEW_VERSION: 0, UNCHANGED: 0 } as Record<string, number>;
      const failures = [...part.lineErrors];
      for (const result of [...rejected, ...stored] as RowResult[]) {
        if (result.outcome === 'REJECTED') failures.push({ line: part.lines[result.index], errors: result.errors });
        else counts[result.outcome] += 1;
      }
      await insertErrors(manager, batch.id, failures);
      await this.records.tally(manager, batch.providerDepartmentId, part.received, failures.length);
      await manager.query(
        `UPDATE record_collection.import_batch
            SET processed_through = $2, header = $3::jsonb, received = received + $4, created = created + $5,
                new_versions = new_versions + $6, unchanged = unchanged + $7, rejected = rejected + $8, updated_at = now()
          WHERE id = $1`,
        [batch.id, part.lastLine, part.header ? JSON.stringify(part.header) : null, part.received, counts.CREATED, counts.NEW_VERSION, counts.UNCHANGED, failures.length],
      );
      return (await manager.findOne(ImportBatchEntity, { where: { id: batch.id } }))!;
    });
  }
}

type CsvHeader = NonNullable<ImportBatchEntity['header']>;

/** Lines of one append in this process not yet stored: the next append continues after `through`. */
interface InFlight {
  through: number;
  /** The CSV header as known after these lines (a file's first line). */
  header: CsvHeader | null;
  done: Promise<ImportBatchEntity>;
}

/** Lines parsed into record inputs: `inputs[i]` came from line `lines[i]`; `lastLine` is the last line they cover. */
interface ParsedLines {
  inputs: RecordRowInput[];
  lines: number[];
  lineErrors: { line: number; errors: DomainError[] }[];
  received: number;
  header: CsvHeader | null;
  lastLine: number;
}

type ValidatedLines = ParsedLines & Awaited<ReturnType<RecordsService['prepareRows']>>;

const lineGap = (next: number) => AppError.one('CONFLICT', 'IMPORT_LINE_GAP', `应从第 ${next} 行继续上传`, `The upload must continue at line ${next}.`, 'firstLine');

/** Parses the lines from index `from` on (earlier ones are already processed); blank lines are skipped. */
function parseLines(batch: ImportBatchEntity, knownHeader: CsvHeader | null, firstLine: number, rows: string[], from: number): ParsedLines {
  const defaultItem = batch.defaultCatalogueItemCode ?? '';
  let header = knownHeader;
  const parsed: ParsedLines = { inputs: [], lines: [], lineErrors: [], received: 0, header, lastLine: firstLine + rows.length - 1 };
  for (let i = from; i < rows.length; i += 1) {
    const line = firstLine + i;
    const raw = rows[i];
    if (raw.trim() === '') continue;
    if (batch.format === 'CSV' && !header) {
      const result = parseCsvHeader(raw);
      if (!result.header) {
        throw new AppError('VALIDATION', result.errors.map((e) => ({ ...e, field: `line ${line}: ${e.field}` })));
      }
      header = result.header;
      continue;
    }
    parsed.received += 1;
    const row = batch.format === 'CSV' ? parseCsvLine(raw, header!, defaultItem) : parseNdjsonLine(raw, defaultItem);
    if ('errors' in row) parsed.lineErrors.push({ line, errors: row.errors });
    else {
      parsed.inputs.push(row.row);
      parsed.lines.push(line);
    }
  }
  parsed.header = header;
  return parsed;
}

/**
 * The part of parsed lines whose inputs are `start … end - 1`, with the errors and blank lines up to the line
 * before the next part's first input (the last part keeps everything to the end).
 */
function sliceParsed(parsed: ParsedLines, start: number, end: number): ParsedLines {
  const isLast = end >= parsed.lines.length;
  const fromLine = start === 0 ? -Infinity : parsed.lines[start];
  const lastLine = isLast ? parsed.lastLine : parsed.lines[end] - 1;
  const lineErrors = parsed.lineErrors.filter((e) => e.line >= fromLine && e.line <= lastLine);
  return {
    inputs: parsed.inputs.slice(start, end),
    lines: parsed.lines.slice(start, end),
    lineErrors,
    received: Math.min(end, parsed.lines.length) - start + lineErrors.length,
    header: parsed.header,
    lastLine,
  };
}

class ChunkRaceError extends Error {}

async function insertErrors(manager: EntityManager, importId: string, failures: { line: number; errors: DomainError[] }[]): Promise<void> {
  if (failures.length === 0) return;
  const lines: number[] = [];
  const seqs: number[] = [];
  const fields: string[] = [];
  const codes: string[] = [];
  const zh: string[] = [];
  const en: string[] = [];
  for (const f of failures) {
    f.errors.forEach((e, seq) => {
      lines.push(f.line);
      seqs.push(seq);
      fields.push(e.field ?? '');
      codes.push(e.code);
      zh.push(e.message.zh);
      en.push(e.message.en);
    });
  }
  await manager.query(
    `INSERT INTO record_collection.import_row_error (import_id, line_number, seq, field, code, message_zh, message_en)
     SELECT $1, * FROM unnest($2::bigint[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[])
     ON CONFLICT DO NOTHING`,
    [importId, lines, seqs, fields, codes, zh, en],
  );
}
