import { Controller } from '@nestjs/common';
import {
  RecordCollectionServiceControllerMethods,
  RecordStatusNames,
  severityName,
  severityToProto,
  subjectFromProto,
  subjectTypeToProto,
  type CatalogueItem,
  type CorrectRecordRequest,
  type GetRecordRequest,
  type ListCatalogueItemsRequest,
  type ListCatalogueItemsResponse,
  type RecordCollectionServiceController,
  type RecordInput,
  type RecordView as RecordViewMessage,
  type RevokeRecordRequest,
  type SetCatalogueResponsibilityRequest,
  type SubmitRecordRequest,
  type SubmitRecordResponse,
  type SubmitRecordsRequest,
  type SubmitRecordsResponse,
} from '@credit/contracts';
import { AppError } from '@credit/runtime';
import { CatalogueService, type CatalogueItemView } from '../catalogue/catalogue.service';
import type { RecordRowInput } from './record-validation';
import { RecordsService, type RecordView } from './records.service';

const FIELDS_INVALID = { code: 'FIELDS_INVALID', field: 'fields', message: { zh: '信息项须为 JSON 对象', en: 'Fields must be a JSON object.' } };

/** Parses `fields_json`; `undefined` when it is not JSON (reported as FIELDS_INVALID by validation). */
function parseFields(json: string): unknown {
  try {
    return json ? JSON.parse(json) : {};
  } catch {
    return undefined;
  }
}

function rowFrom(request: RecordInput | SubmitRecordRequest): RecordRowInput {
  return {
    catalogueItemCode: request.catalogueItemCode,
    subject: subjectFromProto(request.subject),
    decisionNumber: request.decisionNumber,
    decisionDate: request.decisionDate,
    severity: severityName(request.severity),
    fields: parseFields(request.fieldsJson),
  };
}

@Controller()
@RecordCollectionServiceControllerMethods()
export class RecordsGrpcController implements RecordCollectionServiceController {
  constructor(
    private readonly records: RecordsService,
    private readonly catalogue: CatalogueService,
  ) {}

  async submitRecord(request: SubmitRecordRequest): Promise<SubmitRecordResponse> {
    if (parseFields(request.fieldsJson) === undefined) throw AppError.validation([FIELDS_INVALID]);
    return this.records.submit({ providerDepartmentId: request.providerDepartmentId, ...rowFrom(request) });
  }

  async submitRecords(request: SubmitRecordsRequest): Promise<SubmitRecordsResponse> {
    const results = await this.records.submitMany(request.providerDepartmentId, request.records.map(rowFrom));
    const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
    return {
      results: results.map((r) =>
        r.outcome === 'REJECTED'
          ? {
              index: r.index,
              outcome: r.outcome,
              recordId: '',
              version: 0,
              subjectKey: '',
              nameMismatch: false,
              errors: r.errors.map((e) => ({
                code: e.code,
                field: `records[${r.index}]${e.field ? `.${e.field}` : ''}`,
                messageZh: e.message.zh,
                messageEn: e.message.en,
              })),
            }
          : { ...r, errors: [] },
      ),
      created: count('CREATED'),
      newVersions: count('NEW_VERSION'),
      unchanged: count('UNCHANGED'),
      rejected: count('REJECTED'),
    };
  }

  async correctRecord(request: CorrectRecordRequest): Promise<SubmitRecordResponse> {
    const fields = parseFields(request.fieldsJson);
    if (fields === undefined || fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
      throw AppError.validation([FIELDS_INVALID]);
    }
    return this.records.correct(
      request.providerDepartmentId,
      request.recordId,
      { fields: fields as Record<string, unknown>, severity: severityName(request.severity), decisionDate: request.decisionDate || undefined },
      request.reason,
    );
  }

  async revokeRecord(request: RevokeRecordRequest): Promise<RecordViewMessage> {
    return toRecordMessage(await this.records.revoke(request.providerDepartmentId, request.recordId, request.reason));
  }

  async getRecord(request: GetRecordRequest): Promise<RecordViewMessage> {
    return toRecordMessage(await this.records.get(request.recordId));
  }

  async listCatalogueItems(request: ListCatalogueItemsRequest): Promise<ListCatalogueItemsResponse> {
    return { items: (await this.catalogue.list(request.departmentId || undefined)).map(toCatalogueMessage) };
  }

  async setCatalogueResponsibility(request: SetCatalogueResponsibilityRequest): Promise<CatalogueItem> {
    return toCatalogueMessage(await this.catalogue.setResponsibility(request.catalogueItemCode, request.departmentId, request.responsible));
  }
}

function toCatalogueMessage({ item, responsibleDepartmentIds }: CatalogueItemView): CatalogueItem {
  return {
    code: item.code,
    version: item.version,
    name: item.name,
    category: item.category,
    adverse: item.adverse,
    disclosure: item.disclosure,
    subjectTypes: item.subjectTypes,
    requiredFields: item.requiredFields,
    openSubmission: item.openSubmission,
    responsibleDepartmentIds,
  };
}

function toRecordMessage({ record, versions }: RecordView): RecordViewMessage {
  return {
    recordId: record.id,
    providerDepartmentId: record.providerDepartmentId,
    catalogueItemCode: record.catalogueItemCode,
    decisionNumber: record.decisionNumber,
    subjectKey: record.subjectKey,
    currentVersion: record.currentVersion,
    status: RecordStatusNames.toProto(record.status),
    statusCause: record.statusCause ?? '',
    publicityEnd: record.publicityEnd ?? '',
    periodEnd: record.periodEnd ?? '',
    versions: versions.map((v) => ({
      version: v.version,
      catalogueItemVersion: v.catalogueItemVersion,
      subjectKey: v.subjectKey,
      subjectName: v.subjectName,
      decisionDate: v.decisionDate,
      severity: severityToProto(v.severity),
      fieldsJson: JSON.stringify(v.fields),
      publicityStart: v.publicityStart ?? '',
      publicityEnd: v.publicityEnd ?? '',
      policyVersion: v.policyVersion ?? '',
      changeKind: v.changeKind,
      reason: v.reason ?? '',
      submittedByDepartmentId: v.submittedByDepartmentId ?? '',
      objectionId: v.objectionId ?? '',
      relatedPersons: v.relatedPersons.map((p) => ({
        role: p.role,
        person: { key: p.subjectKey, type: subjectTypeToProto('NATURAL_PERSON'), name: p.name, uscc: '', maskedIdNumber: p.maskedIdNumber },
      })),
      createdAt: v.createdAt.toISOString(),
    })),
  };
}
