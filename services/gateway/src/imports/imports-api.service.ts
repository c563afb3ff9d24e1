import { StringDecoder } from 'node:string_decoder';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ClientGrpc } from '@nestjs/microservices';
import { ImportFormat, RECORD_IMPORT_SERVICE_NAME, type ImportView, type RecordImportServiceClient } from '@credit/contracts';
import { AppError } from '@credit/runtime';
import type { FastifyInstance } from 'fastify';
import { call, RECORD_COLLECTION_CLIENT, traceMetadata } from '../api/backends';
import type { Caller } from '../auth/clients.service';

/** Content types of an import upload; their bodies are streamed, never buffered. */
export const IMPORT_CONTENT_TYPES = { 'application/x-ndjson': ImportFormat.IMPORT_FORMAT_NDJSON, 'text/csv': ImportFormat.IMPORT_FORMAT_CSV } as const;
/** Lines forwarded per AppendImportRows call (the service stores them in one transaction). */
const CHUNK_LINES = 5_000;
/** …or fewer when they are long (characters: at most ~3 MB of UTF-8, under gRPC's 4 MB message limit). */
const CHUNK_CHARS = 1_000_000;

export interface ImportStatus {
  importId: string;
  format: 'NDJSON' | 'CSV';
  status: string;
  defaultCatalogueItemCode: string;
  batchKey: string;
  nextLine: number;
  received: number;
  accepted: number;
  created: number;
  newVersions: number;
  unchanged: number;
  rejected: number;
  createdAt: string;
  completedAt?: string;
}

/**
 * Bulk imports (批量导入) for REST: the uploaded file is read as a stream, split into lines (CSV quoted fields
 * may span lines) and forwarded in chunks to record-collection's RecordImportService, at most two in flight —
 * so memory stays flat whatever the file size and a slow database slows the upload (back-pressure).
 * Re-posting with the same batch key resumes the batch: lines already processed are not sent again.
 */
@Injectable()
export class ImportsApi implements OnModuleInit {
  private imports!: RecordImportServiceClient;

  constructor(
    @Inject(RECORD_COLLECTION_CLIENT) private readonly client: ClientGrpc,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    this.imports = this.client.getService<RecordImportServiceClient>(RECORD_IMPORT_SERVICE_NAME);
    // The body of an import stays a stream (Fastify would otherwise refuse these types or buffer them).
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify && !fastify.hasContentTypeParser('application/x-ndjson')) {
      fastify.addContentTypeParser(Object.keys(IMPORT_CONTENT_TYPES), (_request, payload, done) => done(null, payload));
    }
  }

  async upload(caller: Caller, contentType: string | undefined, body: AsyncIterable<Buffer | string>, options: { catalogueItemCode?: string; batchKey?: string }): Promise<ImportStatus> {
    const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase() as keyof typeof IMPORT_CONTENT_TYPES;
    const format = IMPORT_CONTENT_TYPES[mediaType];
    if (format === undefined || !body || typeof (body as AsyncIterable<Buffer>)[Symbol.asyncIterator] !== 'function') {
      throw AppError.one('VALIDATION', 'IMPORT_CONTENT_TYPE', '请以 application/x-ndjson 或 text/csv 上传文件', 'Upload the file as application/x-ndjson or text/csv.', 'Content-Type');
    }
    const department = caller.departmentId;
    let view = await call(
      this.imports.createImport(
        { providerDepartmentId: department, format, defaultCatalogueItemCode: options.catalogueItemCode ?? '', clientBatchKey: options.batchKey ?? '' },
        traceMetadata(),
      ),
    );
    const importId = view.importId;
    const resumeAt = Number(view.nextLine);
    let rows: string[] = [];
    let chars = 0;
    let first = 0;
    let line = 0;
    // Two chunks in flight: record-collection validates the next while it stores the one before (in line order).
    // An older record-collection (during a rolling upgrade) refuses the second with IMPORT_LINE_GAP: it is sent
    // again once the one before is stored.
    let previous: Promise<void> | null = null;
    const flush = async () => {
      if (rows.length === 0) return;
      const chunk = { providerDepartmentId: department, importId, firstLine: first, rows };
      const before = previous;
      const sent = (async () => {
        try {
          view = await call(this.imports.appendImportRows(chunk, traceMetadata()));
        } catch (error) {
          if (!before || !isLineGap(error)) throw error;
          await before;
          view = await call(this.imports.appendImportRows(chunk, traceMetadata()));
        }
      })();
      sent.catch(() => undefined); // awaited below; refused anyway when the one before failed
      rows = [];
      chars = 0;
      previous = sent;
      await before;
    };
    for await (const { text, startLine, endLine } of records(body, format === ImportFormat.IMPORT_FORMAT_CSV)) {
      line = endLine;
      if (startLine < resumeAt) continue; // already processed (a resumed upload)
      if (rows.length === 0) first = startLine;
      // A multi-line CSV record occupies its lines: blank placeholders keep the numbering.
      rows.push(text);
      for (let l = startLine + 1; l <= endLine; l += 1) rows.push('');
      chars += text.length;
      if (rows.length >= CHUNK_LINES || chars >= CHUNK_CHARS) await flush();
    }
    await flush();
    await previous;
    if (view.status !== 'COMPLETED') view = await call(this.imports.completeImport({ providerDepartmentId: department, importId, lastLine: line }, traceMetadata()));
    return toStatus(view);
  }

  async get(caller: Caller, importId: string): Promise<ImportStatus> {
    return toStatus(await call(this.imports.getImport({ importId, providerDepartmentId: caller.departmentId }, traceMetadata())));
  }

  async errors(caller: Caller, importId: string, format: string | undefined): Promise<{ contentType: string; content: string }> {
    const pages: string[] = [];
    let contentType = '';
    for (let afterLine = 0; ; ) {
      const page = await call(
        this.imports.getImportErrors(
          { importId, providerDepartmentId: caller.departmentId, format: format === 'ndjson' ? 'ndjson' : 'csv', afterLine, limit: 0 },
          traceMetadata(),
        ),
      );
      contentType = page.contentType;
      pages.push(page.content);
      afterLine = Number(page.nextAfterLine);
      if (!afterLine) break;
    }
    return { contentType, content: pages.join('') };
  }
}

/**
 * The records of a streamed body with their line numbers (from 1). NDJSON: one per line. CSV: a quoted
 * field may contain line breaks, so a record ends at a line break outside quotes.
 */
export async function* records(body: AsyncIterable<Buffer | string>, csv: boolean): AsyncGenerator<{ text: string; startLine: number; endLine: number }> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let line = 0;
  let startLine = 1;
  let quoted = false;
  let scanned = 0; // characters of `pending` already scanned for quotes
  const take = function* (final: boolean) {
    for (;;) {
      const nl = pending.indexOf('\n', scanned);
      if (nl < 0) {
        if (csv) for (let i = scanned; i < pending.length; i += 1) if (pending[i] === '"') quoted = !quoted;
        scanned = pending.length;
        if (final && pending.length > 0) {
          line += 1;
          yield { text: pending.replace(/\r$/, ''), startLine, endLine: line };
          pending = '';
        }
        return;
      }
      if (csv) for (let i = scanned; i < nl; i += 1) if (pending[i] === '"') quoted = !quoted;
      line += 1;
      if (csv && quoted) {
        scanned = nl + 1; // the record continues on the next line
        continue;
      }
      yield { text: pending.slice(0, nl).replace(/\r$/, ''), startLine, endLine: line };
      pending = pending.slice(nl + 1);
      scanned = 0;
      startLine = line + 1;
    }
  };
  for await (const chunk of body) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    yield* take(false);
  }
  pending += decoder.end();
  yield* take(true);
}

function isLineGap(error: unknown): boolean {
  return error instanceof AppError && error.errors.some((e) => e.code === 'IMPORT_LINE_GAP');
}

function toStatus(view: ImportView): ImportStatus {
  return {
    importId: view.importId,
    format: view.format === ImportFormat.IMPORT_FORMAT_CSV ? 'CSV' : 'NDJSON',
    status: view.status,
    defaultCatalogueItemCode: view.defaultCatalogueItemCode,
    batchKey: view.clientBatchKey,
    nextLine: Number(view.nextLine),
    received: Number(view.received),
    accepted: Number(view.accepted),
    created: Number(view.created),
    newVersions: Number(view.newVersions),
    unchanged: Number(view.unchanged),
    rejected: Number(view.rejected),
    createdAt: view.createdAt,
    completedAt: view.completedAt || undefined,
  };
}
