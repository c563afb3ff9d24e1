import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import {
  RECORD_COLLECTION_SERVICE_NAME,
  RecordStatusNames,
  severityName,
  severityToProto,
  type CatalogueItem,
  type RecordCollectionServiceClient,
  type RecordView,
  type SubmitRecordResponse,
} from '@credit/contracts';
import { AppError } from '@credit/runtime';
import { call, RECORD_COLLECTION_CLIENT, traceMetadata } from '../api/backends';
import type { SeverityInput, SubmitRecordDto } from '../api/dto';
import { subjectIn } from '../api/platform-api.service';
import { isCreditOffice, supervisedDepartment } from '../api/request-context';
import { Scopes, type Caller } from '../auth/clients.service';
import type {
  CatalogueItemView,
  CatalogueResponsibilityDto,
  CorrectRecordDto,
  CreditRecordView,
  PublishCatalogueVersionDto,
  RevokeRecordDto,
  SubmitRecordsDto,
  SubmitRecordsResultView,
  TimelinessQueryDto,
  TimelinessScorecardView,
} from './records.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function recordIdOrThrow(id: string): string {
  if (!UUID.test(id)) throw AppError.one('VALIDATION', 'RECORD_ID_INVALID', '信息编号格式无效', 'The record id is not a UUID', 'recordId');
  return id;
}

/** Records beyond single submission: batches, corrections, revocations, history, the catalogue. */
@Injectable()
export class RecordsApi implements OnModuleInit {
  private records!: RecordCollectionServiceClient;

  constructor(@Inject(RECORD_COLLECTION_CLIENT) private readonly client: ClientGrpc) {}

  onModuleInit(): void {
    this.records = this.client.getService<RecordCollectionServiceClient>(RECORD_COLLECTION_SERVICE_NAME);
  }

  async submitRecords(caller: Caller, input: SubmitRecordsDto): Promise<SubmitRecordsResultView> {
    const result = await call(
      this.records.submitRecords(
        {
          providerDepartmentId: caller.departmentId,
          records: input.records.map((r: SubmitRecordDto) => ({
            catalogueItemCode: r.catalogueItemCode,
            subject: subjectIn(r.subject),
            decisionNumber: r.decisionNumber,
            decisionDate: r.decisionDate,
            severity: severityToProto(r.severity),
            fieldsJson: JSON.stringify(r.fields ?? {}),
          })),
        },
        traceMetadata(),
      ),
    );
    return {
      results: result.results.map((r) => ({
        index: r.index,
        outcome: r.outcome,
        recordId: r.recordId || undefined,
        version: r.version || undefined,
        subjectKey: r.subjectKey || undefined,
        nameMismatch: r.nameMismatch,
        errors: r.errors.map((e) => ({ code: e.code, field: e.field, message: { zh: e.messageZh, en: e.messageEn } })),
      })),
      created: result.created,
      newVersions: result.newVersions,
      unchanged: result.unchanged,
      rejected: result.rejected,
    };
  }

  async correct(caller: Caller, recordId: string, input: CorrectRecordDto): Promise<SubmitRecordResponse> {
    return call(
      this.records.correctRecord(
        {
          providerDepartmentId: caller.departmentId,
          recordId: recordIdOrThrow(recordId),
          fieldsJson: input.fields ? JSON.stringify(input.fields) : '',
          severity: severityToProto(input.severity),
          decisionDate: input.decisionDate ?? '',
          reason: input.reason,
        },
        traceMetadata(),
      ),
    );
  }

  async revoke(caller: Caller, recordId: string, input: RevokeRecordDto): Promise<CreditRecordView> {
    return toRecord(await call(this.records.revokeRecord({ providerDepartmentId: caller.departmentId, recordId: recordIdOrThrow(recordId), reason: input.reason }, traceMetadata())));
  }

  /** A record and its history: the provider sees its own; other departments need the credit office's admin scope. */
  async get(caller: Caller, recordId: string): Promise<CreditRecordView> {
    const record = await call(this.records.getRecord({ recordId: recordIdOrThrow(recordId) }, traceMetadata()));
    if (record.providerDepartmentId !== caller.departmentId && !caller.scopes.includes(Scopes.admin)) {
      throw AppError.one('NOT_FOUND', 'RECORD_NOT_FOUND', '未找到该信息', 'No such record');
    }
    return toRecord(record);
  }

  async catalogue(caller: Caller, onlyMine: boolean): Promise<CatalogueItemView[]> {
    const { items } = await call(this.records.listCatalogueItems({ departmentId: onlyMine ? caller.departmentId : '' }, traceMetadata()));
    return items.map(toCatalogueItem);
  }

  async setResponsibility(code: string, input: CatalogueResponsibilityDto): Promise<CatalogueItemView> {
    return toCatalogueItem(await call(this.records.setCatalogueResponsibility({ catalogueItemCode: code, departmentId: input.departmentId, responsible: input.responsible }, traceMetadata())));
  }

  /** The credit office publishes a new version of a catalogue item (record-collection checks `credit_office` again). */
  async publishVersion(caller: Caller, code: string, input: PublishCatalogueVersionDto): Promise<CatalogueItemView> {
    const item = await call(
      this.records.publishCatalogueItemVersion(
        {
          creditOffice: isCreditOffice(caller),
          catalogueItemCode: code,
          name: input.name ?? '',
          category: input.category ?? '',
          disclosure: input.disclosure ?? '',
          subjectTypes: input.subjectTypes ?? [],
          requiredFields: input.requiredFields ?? [],
          optionalFields: input.optionalFields ?? [],
          fieldSchemaJson: input.fieldSchema ? JSON.stringify(input.fieldSchema) : '',
          effectiveFrom: input.effectiveFrom ?? '',
        },
        traceMetadata(),
      ),
    );
    return toCatalogueItem(item);
  }

  /** 双公示 timeliness: a department its own; the credit office any department, or every one. */
  async scorecard(caller: Caller, query: TimelinessQueryDto): Promise<TimelinessScorecardView> {
    const result = await call(
      this.records.timelinessScorecard(
        {
          callerDepartmentId: caller.departmentId,
          creditOffice: isCreditOffice(caller),
          departmentId: supervisedDepartment(caller, query.departmentId),
          periodStart: query.periodStart,
          periodEnd: query.periodEnd,
          overdueLimit: query.overdueLimit ?? 0,
        },
        traceMetadata(),
      ),
    );
    return {
      limitWorkingDays: result.limitWorkingDays,
      policyVersion: result.policyVersion,
      departments: result.departments.map((d) => ({ ...d, rowsReceived: Number(d.rowsReceived), rowsRejected: Number(d.rowsRejected) })),
    };
  }
}

function toCatalogueItem(item: CatalogueItem): CatalogueItemView {
  const { fieldSchemaJson, effectiveFrom, ...rest } = item;
  return { ...rest, fieldSchema: fieldSchemaJson ? (JSON.parse(fieldSchemaJson) as Record<string, unknown>) : undefined, effectiveFrom: effectiveFrom || undefined };
}

function toRecord(r: RecordView): CreditRecordView {
  return {
    recordId: r.recordId,
    providerDepartmentId: r.providerDepartmentId,
    catalogueItemCode: r.catalogueItemCode,
    decisionNumber: r.decisionNumber,
    subjectKey: r.subjectKey,
    currentVersion: r.currentVersion,
    status: RecordStatusNames.name(r.status) ?? 'ACTIVE',
    statusCause: r.statusCause || undefined,
    publicityEnd: r.publicityEnd || undefined,
    versions: r.versions.map((v) => ({
      version: v.version,
      changeKind: v.changeKind,
      reason: v.reason || undefined,
      subjectName: v.subjectName,
      decisionDate: v.decisionDate,
      severity: severityName(v.severity) as SeverityInput | undefined,
      fields: JSON.parse(v.fieldsJson || '{}'),
      publicityStart: v.publicityStart || undefined,
      publicityEnd: v.publicityEnd || undefined,
      policyVersion: v.policyVersion || undefined,
      submittedByDepartmentId: v.submittedByDepartmentId,
      objectionId: v.objectionId || undefined,
      relatedPersons: v.relatedPersons.map((p) => ({ subjectKey: p.person?.key ?? '', name: p.person?.name ?? '', maskedIdNumber: p.person?.maskedIdNumber ?? '', role: p.role })),
      createdAt: v.createdAt,
    })),
  };
}
