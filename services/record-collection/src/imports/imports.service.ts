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
/** Lines stored per transaction (events are written to the outbox in one statement per transaction). */
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
   * A chunk starting after the next expected line is refused (IMPORT_LINE_GAP).
   */
  async append(providerDepartmentId: string, importId: string, firstLine: number, rows: string[]): Promise<ImportBatchEntity> {
    if (!Number.isInteger(firstLine) || firstLine < 1) {
      throw AppError.one('VALIDATION', 'FIRST_LINE_INVALID', '起始行号须为正整数', 'The first line number must be a positive integer.', 'firstLine');
    }
    if (rows.length > MAX_APPEND_ROWS) {
      throw AppError.one('TOO_LARGE', 'CHUNK_TOO_LARGE', `每次最多 ${MAX_APPEND_ROWS} 行`, `At most ${MAX_APPEND_ROWS} lines per chunk.`, 'rows');
    }
    for (let attempt = 1; ; attempt += 1) {
      const batch = await this.owned(providerDepartmentId, importId);
      const lastLine = firstLine + rows.length - 1;
      if (lastLine <= batch.processedThrough) return batch; // a resent chunk
      if (batch.status === 'COMPLETED') {
        throw AppError.one('CONFLICT', 'IMPORT_COMPLETED', '导入批次已完成，不能追加', 'The import is completed; no more lines can be added.', 'importId');
      }
      if (firstLine > batch.processedThrough + 1) {
        const next = batch.processedThrough + 1;
        throw AppError.one('CONFLICT', 'IMPORT_LINE_GAP', `应从第 ${next} 行继续上传`, `The upload must continue at line ${next}.`, 'firstLine');
      }
      try {
        // Transactions of at most TX_LINES lines, each advancing processedThrough.
        let current = batch;
        for (let start = Math.max(0, batch.processedThrough + 1 - firstLine); start < rows.length; start += TX_LINES) {
          current = await this.processChunk(current, firstLine + start, rows.slice(start, start + TX_LINES));
        }
        return current;
      } catch (error) {
        // Another append of the same batch committed first (or a unique race on a record): read again.
        if (attempt < 3 && (error instanceof ChunkRaceError || [PgErrorCode.UniqueViolation, PgErrorCode.DeadlockDetected].includes(pgErrorCode(error) as never))) continue;
        throw error;
      }
    }
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

  private async processChunk(batch: ImportBatchEntity, firstLine: number, rows: string[]): Promise<ImportBatchEntity> {
    const from = batch.processedThrough + 1 - firstLine; // index of the first unprocessed line
    const lastLine = firstLine + rows.length - 1;
    const defaultItem = batch.defaultCatalogueItemCode ?? '';
    let header = batch.header;
    const inputs: RecordRowInput[] = [];
    const inputLines: number[] = [];
    const lineErrors: { line: number; errors: DomainError[] }[] = [];
    let received = 0;
    for (let i = from; i < rows.length; i += 1) {
      const line = firstLine + i;
      const raw = rows[i];
      if (raw.trim() === '') continue;
      if (batch.format === 'CSV' && !header) {
        const parsed = parseCsvHeader(raw);
        if (!parsed.header) {
          throw new AppError('VALIDATION', parsed.errors.map((e) => ({ ...e, field: `line ${line}: ${e.field}` })));
        }
        header = parsed.header;
        continue;
      }
      received += 1;
      const parsed = batch.format === 'CSV' ? parseCsvLine(raw, header!, defaultItem) : parseNdjsonLine(raw, defaultItem);
      if ('errors' in parsed) lineErrors.push({ line, errors: parsed.errors });
      else {
        inputs.push(parsed.row);
        inputLines.push(line);
      }
    }
    const { rejected, valid } = await this.records.prepareRows(batch.providerDepartmentId, inputs);
    return this.uow.run(async (tx) => {
      const { manager } = tx;
      const [locked] = await manager.query('SELECT processed_through FROM record_collection.import_batch WHERE id = $1 FOR UPDATE', [batch.id]);
      if (Number(locked.processed_through) !== batch.processedThrough) throw new ChunkRaceError();
      const stored = valid.length > 0 ? await this.records.storePrepared(tx, batch.providerDepartmentId, valid) : [];
      const counts = { CREATED: 0, NEW_VERSION: 0, UNCHANGED: 0 } as Record<string, number>;
      const failures = [...lineErrors];
      for (const result of [...rejected, ...stored] as RowResult[]) {
        if (result.outcome === 'REJECTED') failures.push({ line: inputLines[result.index], errors: result.errors });
        else counts[result.outcome] += 1;
      }
      await insertErrors(manager, batch.id, failures);
      await this.records.tally(manager, batch.providerDepartmentId, received, failures.length);
      await manager.query(
        `UPDATE record_collection.import_batch
            SET processed_through = $2, header = $3::jsonb, received = received + $4, created = created + $5,
                new_versions = new_versions + $6, unchanged = unchanged + $7, rejected = rejected + $8, updated_at = now()
          WHERE id = $1`,
        [batch.id, lastLine, header ? JSON.stringify(header) : null, received, counts.CREATED, counts.NEW_VERSION, counts.UNCHANGED, failures.length],
      );
      return (await manager.findOne(ImportBatchEntity, { where: { id: batch.id } }))!;
    });
  }
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
