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
  type PublishCatalogueItemVersionRequest,
  type RecordCollectionServiceController,
  type RecordInput,
  type RecordView as RecordViewMessage,
  type RevokeRecordRequest,
  type SetCatalogueResponsibilityRequest,
  type SubmitRecordRequest,
  type SubmitRecordResponse,
  type SubmitRecordsRequest,
  type SubmitRecordsResponse,
  type TimelinessScorecardRequest,
  type TimelinessScorecardResponse,
} from '@credit/contracts';
import { AppError } from '@credit/runtime';
import { CatalogueService, type CatalogueItemView } from '../catalogue/catalogue.service';
import { TimelinessService } from '../timeliness/timeliness.service';
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
    private readonly timeliness: TimelinessService,
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

  async publishCatalogueItemVersion(request: PublishCatalogueItemVersionRequest): Promise<CatalogueItem> {
    if (!request.creditOffice) {
      throw AppError.one('FORBIDDEN', 'CREDIT_OFFICE_ONLY', '只有信用办可以发布目录项版本', 'Only the credit office may publish a catalogue item version.', 'creditOffice');
    }
    let fieldSchema: unknown;
    if (request.fieldSchemaJson) {
      try {
        fieldSchema = JSON.parse(request.fieldSchemaJson);
      } catch {
        throw AppError.one('VALIDATION', 'FIELD_SCHEMA_INVALID', '字段模式须为 JSON', 'The field schema must be JSON.', 'fieldSchemaJson');
      }
    }
    return toCatalogueMessage(
      await this.catalogue.publishVersion({
        code: request.catalogueItemCode,
        name: request.name,
        category: request.category,
        disclosure: request.disclosure,
        subjectTypes: request.subjectTypes,
        requiredFields: request.requiredFields.length > 0 ? request.requiredFields : undefined,
        optionalFields: request.optionalFields.length > 0 ? request.optionalFields : undefined,
        fieldSchema,
        effectiveFrom: request.effectiveFrom,
      }),
    );
  }

  async timelinessScorecard(request: TimelinessScorecardRequest): Promise<TimelinessScorecardResponse> {
    return this.timeliness.scorecard({
      callerDepartmentId: request.callerDepartmentId,
      creditOffice: request.creditOffice,
      departmentId: request.departmentId,
      periodStart: request.periodStart,
      periodEnd: request.periodEnd,
      overdueLimit: request.overdueLimit,
    });
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
    fieldSchemaJson: item.fieldSchema ? JSON.stringify(item.fieldSchema) : '',
    optionalFields: item.optionalFields ?? [],
    effectiveFrom: item.effectiveFrom,
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
