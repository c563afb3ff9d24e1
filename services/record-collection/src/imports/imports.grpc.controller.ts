import { Controller } from '@nestjs/common';
import {
  ImportFormat,
  RecordImportServiceControllerMethods,
  type AppendImportRowsRequest,
  type CompleteImportRequest,
  type CreateImportRequest,
  type GetImportErrorsRequest,
  type GetImportRequest,
  type ImportErrors,
  type ImportView,
  type RecordImportServiceController,
} from '@credit/contracts';
import type { ImportBatchEntity } from './import-batch.entity';
import { ImportsService } from './imports.service';

const FORMAT_NAMES: Record<number, string> = { [ImportFormat.IMPORT_FORMAT_NDJSON]: 'NDJSON', [ImportFormat.IMPORT_FORMAT_CSV]: 'CSV' };

@Controller()
@RecordImportServiceControllerMethods()
export class ImportsGrpcController implements RecordImportServiceController {
  constructor(private readonly imports: ImportsService) {}

  async createImport(request: CreateImportRequest): Promise<ImportView> {
    return toImportView(
      await this.imports.create({
        providerDepartmentId: request.providerDepartmentId,
        format: FORMAT_NAMES[request.format] ?? '',
        defaultCatalogueItemCode: request.defaultCatalogueItemCode,
        clientBatchKey: request.clientBatchKey,
      }),
    );
  }

  async appendImportRows(request: AppendImportRowsRequest): Promise<ImportView> {
    return toImportView(await this.imports.append(request.providerDepartmentId, request.importId, Number(request.firstLine), request.rows ?? []));
  }

  async completeImport(request: CompleteImportRequest): Promise<ImportView> {
    return toImportView(await this.imports.complete(request.providerDepartmentId, request.importId, Number(request.lastLine)));
  }

  async getImport(request: GetImportRequest): Promise<ImportView> {
    return toImportView(await this.imports.get(request.importId, request.providerDepartmentId || undefined));
  }

  async getImportErrors(request: GetImportErrorsRequest): Promise<ImportErrors> {
    const afterLine = Number(request.afterLine) || 0;
    const { errors, nextAfterLine } = await this.imports.errors(request.importId, request.providerDepartmentId || undefined, { afterLine, limit: request.limit });
    return { ...ImportsService.render(errors, request.format === 'ndjson' ? 'ndjson' : 'csv', afterLine === 0), count: errors.length, nextAfterLine };
  }
}

export function toImportView(batch: ImportBatchEntity): ImportView {
  return {
    importId: batch.id,
    providerDepartmentId: batch.providerDepartmentId,
    format: batch.format === 'CSV' ? ImportFormat.IMPORT_FORMAT_CSV : ImportFormat.IMPORT_FORMAT_NDJSON,
    defaultCatalogueItemCode: batch.defaultCatalogueItemCode ?? '',
    clientBatchKey: batch.clientBatchKey ?? '',
    status: batch.status,
    nextLine: Number(batch.processedThrough) + 1,
    received: batch.received,
    accepted: batch.created + batch.newVersions,
    created: batch.created,
    newVersions: batch.newVersions,
    unchanged: batch.unchanged,
    rejected: batch.rejected,
    createdAt: batch.createdAt.toISOString(),
    completedAt: batch.completedAt ? batch.completedAt.toISOString() : '',
  };
}
