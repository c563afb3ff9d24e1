import type { ClientGrpc } from '@nestjs/microservices';
import type { HttpAdapterHost } from '@nestjs/core';
import { ImportFormat, type AppendImportRowsRequest, type ImportView } from '@credit/contracts';
import { AppError } from '@credit/runtime';
import { defer, from } from 'rxjs';
import type { Caller } from '../auth/clients.service';
import { ImportsApi, records } from './imports-api.service';

async function* chunks(...parts: (string | Buffer)[]) {
  for (const part of parts) yield part;
}

const all = async (body: AsyncIterable<string | Buffer>, csv: boolean) => {
  const out: { text: string; startLine: number; endLine: number }[] = [];
  for await (const record of records(body, csv)) out.push(record);
  return out;
};

describe('import upload: records of a streamed body', () => {
  it('splits NDJSON into numbered lines across chunk boundaries, multi-byte characters split included', async () => {
    const text = Buffer.from('{"a":"长沙"}\r\n\n{"b":2}');
    const cut = text.indexOf(Buffer.from('沙')) + 1; // inside the 3-byte character
    expect(await all(chunks(text.subarray(0, cut), text.subarray(cut)), false)).toEqual([
      { text: '{"a":"长沙"}', startLine: 1, endLine: 1 },
      { text: '', startLine: 2, endLine: 2 },
      { text: '{"b":2}', startLine: 3, endLine: 3 },
    ]);
  });

  it('keeps a quoted CSV field with line breaks in one record spanning its lines', async () => {
    expect(await all(chunks('h1,h2\na,"x\n', 'y"\nb,c\n'), true)).toEqual([
      { text: 'h1,h2', startLine: 1, endLine: 1 },
      { text: 'a,"x\ny"', startLine: 2, endLine: 3 },
      { text: 'b,c', startLine: 4, endLine: 4 },
    ]);
  });
});

/**
 * record-collection as it was before it took a chunk while the one before is stored (a rolling upgrade): a chunk
 * that does not start right after the stored lines is refused with IMPORT_LINE_GAP. Each append takes a few ms.
 */
class OlderRecordCollection {
  stored: string[] = [];
  refusals = 0;
  private view: ImportView = {
    importId: 'imp-1', providerDepartmentId: 'D', format: ImportFormat.IMPORT_FORMAT_NDJSON, defaultCatalogueItemCode: '', clientBatchKey: '',
    status: 'RECEIVING', nextLine: 1, received: 0, accepted: 0, created: 0, newVersions: 0, unchanged: 0, rejected: 0, createdAt: '', completedAt: '',
  } as ImportView;

  createImport = () => from(Promise.resolve({ ...this.view }));
  completeImport = () => from(Promise.resolve({ ...this.view, status: 'COMPLETED' }));
  appendImportRows = (request: AppendImportRowsRequest) =>
    defer(async () => {
      const next = this.stored.length + 1; // only what is stored counts
      if (request.firstLine !== next) {
        this.refusals += 1;
        const gap = AppError.one('CONFLICT', 'IMPORT_LINE_GAP', `应从第 ${next} 行继续上传`, `The upload must continue at line ${next}.`, 'firstLine');
        throw Object.assign(new Error('gap'), { code: 9, details: gap.toGrpcMessage() });
      }
      await new Promise((r) => setTimeout(r, 5));
      this.stored.push(...request.rows);
      this.view = { ...this.view, nextLine: this.stored.length + 1, received: this.stored.length, accepted: this.stored.length };
      return { ...this.view };
    });
}

describe('ImportsApi.upload', () => {
  it('sends the next chunk before the one before is answered, and again after it when an older record-collection refuses it', async () => {
    const backend = new OlderRecordCollection();
    const api = new ImportsApi({ getService: () => backend } as unknown as ClientGrpc, {} as HttpAdapterHost);
    api.onModuleInit();
    const lines = Array.from({ length: 12_001 }, (_, i) => JSON.stringify({ n: i + 1 }));
    const caller = { clientId: 'c', departmentId: 'D', scopes: [] } as Caller;

    const status = await api.upload(caller, 'application/x-ndjson', chunks(lines.join('\n') + '\n'), {});

    expect(backend.refusals).toBeGreaterThan(0); // the second chunk did go while the first was in flight
    expect(backend.stored).toEqual(lines); // every line once, in order
    expect(status).toMatchObject({ status: 'COMPLETED', received: 12_001 });
  });
});
