import { Controller, Inject } from '@nestjs/common';
import { chinaDateOf } from '@credit/domain';
import {
  CreditCheckServiceControllerMethods,
  severityToProto,
  subjectFromProto,
  subjectTypeToProto,
  type CheckBatchRequest,
  type CheckBatchResult,
  type CheckManyRequest,
  type CheckManyResult,
  type CheckLogPage,
  type CheckRequest,
  type CheckResult,
  type CreditCheckServiceController,
  type GetPublicRecordsRequest,
  type GetSubjectProfileRequest,
  type PublicRecords,
  type QueryCheckLogRequest,
  type SubjectProfile,
} from '@credit/contracts';
import { parseTraceparent } from '@credit/messaging';
import { LOGGER, normalizeError } from '@credit/runtime';
import type { Logger } from 'pino';
import { CheckLogQueryService } from '../check/check-log.query';
import { CheckService, type CheckContext, type CheckOutcome } from '../check/check.service';
import { ProfileService, visibleProfile, type ProfileView } from './profile.service';
import { ReportGradeRpc } from '../report/report-grade.rpc';

@Controller()
@CreditCheckServiceControllerMethods()
export class ProfileGrpcController implements CreditCheckServiceController {
  constructor(
    private readonly profiles: ProfileService,
    private readonly checks: CheckService,
    private readonly checkLog: CheckLogQueryService,
    private readonly reportsAndGrades: ReportGradeRpc,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  // Reports and grades (信用报告, 分级分类): delegated to ReportGradeRpc.
  issueCreditReport(r: Parameters<ReportGradeRpc['issueCreditReport']>[0]) { return this.reportsAndGrades.issueCreditReport(r); }
  getCreditReport(r: Parameters<ReportGradeRpc['getCreditReport']>[0]) { return this.reportsAndGrades.getCreditReport(r); }
  verifyCreditReport(r: Parameters<ReportGradeRpc['verifyCreditReport']>[0]) { return this.reportsAndGrades.verifyCreditReport(r); }
  getReportPublicKey() { return this.reportsAndGrades.getReportPublicKey(); }
  getSubjectGrade(r: Parameters<ReportGradeRpc['getSubjectGrade']>[0]) { return this.reportsAndGrades.getSubjectGrade(r); }
  sampleForInspection(r: Parameters<ReportGradeRpc['sampleForInspection']>[0]) { return this.reportsAndGrades.sampleForInspection(r); }

  async getSubjectProfile(request: GetSubjectProfileRequest): Promise<SubjectProfile> {
    return toProfile(visibleProfile(await this.profiles.profileOf(subjectFromProto(request.subject)), request.authorisedRestricted));
  }

  async check(request: CheckRequest): Promise<CheckResult> {
    return toCheckResult(await this.checks.check(subjectFromProto(request.subject), contextOf(request)));
  }

  async checkMany(request: CheckManyRequest): Promise<CheckManyResult> {
    const outcomes = await this.checks.checkMany(
      request.checks.map((c) => ({ subject: subjectFromProto(c.request?.subject), context: contextOf(c.request ?? EMPTY_CHECK), trace: parseTraceparent(c.traceparent || undefined) })),
    );
    return {
      outcomes: outcomes.map((o) => ('outcome' in o ? { result: toCheckResult(o.outcome), error: '' } : { result: undefined, error: normalizeError(o.error, this.log).toGrpcMessage() })),
    };
  }

  async checkBatch(request: CheckBatchRequest): Promise<CheckBatchResult> {
    const result = await this.checks.checkBatch(request.subjects.map(subjectFromProto), contextOf(request));
    return {
      batchId: result.batchId,
      items: result.items.map((item) => ({
        index: item.index,
        result: item.outcome ? toCheckResult(item.outcome) : undefined,
        errors: (item.errors ?? []).map((e) => ({ code: e.code, field: e.field ?? '', messageZh: e.message.zh, messageEn: e.message.en })),
      })),
    };
  }

  async getPublicRecords(request: GetPublicRecordsRequest): Promise<PublicRecords> {
    const today = chinaDateOf(new Date());
    const result = await this.profiles.publicRecords(request.uscc, today);
    return {
      found: result.found,
      name: result.name,
      uscc: result.uscc,
      asOf: today,
      records: result.records.map((r) => ({
        recordId: r.recordId,
        catalogueItemCode: r.catalogueItemCode,
        category: r.category,
        decisionNumber: r.decisionNumber,
        decisionDate: r.decisionDate,
        providerDepartmentId: r.providerDepartmentId,
        severity: severityToProto(r.severity),
        publicityEnd: r.publicityEnd ?? '',
        fieldsJson: JSON.stringify(r.fields),
      })),
    };
  }

  async queryCheckLog(request: QueryCheckLogRequest): Promise<CheckLogPage> {
    const page = await this.checkLog.query({
      requesterDepartmentId: request.requesterDepartmentId,
      allDepartments: request.allDepartments,
      departmentId: request.departmentId || undefined,
      subject: request.subject && (request.subject.uscc || request.subject.idNumber) ? subjectFromProto(request.subject) : undefined,
      matterReference: request.matterReference || undefined,
      from: request.from || undefined,
      to: request.to || undefined,
      cursor: request.cursor || undefined,
      pageSize: request.pageSize,
    });
    return {
      entries: page.entries.map((e) => ({
        checkId: e.checkId,
        sequence: e.seq,
        checkedAt: e.checkedAt.toISOString(),
        requesterDepartmentId: e.requesterDepartmentId,
        operator: e.operator,
        subjectKey: e.subjectKey,
        matterType: e.matterType,
        matterReference: e.matterReference,
        purpose: e.purpose,
        verdict: e.verdict,
        measureCodes: e.measureCodes,
        evidenceIds: e.evidenceIds,
        policyVersion: e.policyVersion,
        batchId: e.batchId ?? '',
        hash: e.hash,
      })),
      nextCursor: page.nextCursor,
    };
  }
}

const EMPTY_CHECK: CheckRequest = {
  subject: undefined,
  matterType: '',
  matterReference: '',
  purpose: '',
  operator: '',
  requesterDepartmentId: '',
  requesterClientId: '',
  authorisedRestricted: false,
};

function contextOf(request: CheckRequest | CheckBatchRequest): CheckContext {
  return {
    matterType: request.matterType,
    matterReference: request.matterReference,
    purpose: request.purpose,
    operator: request.operator,
    requesterDepartmentId: request.requesterDepartmentId,
    requesterClientId: request.requesterClientId,
    authorisedRestricted: request.authorisedRestricted,
  };
}

function toCheckResult(outcome: CheckOutcome): CheckResult {
  const { verdict, profile } = outcome;
  const profileMessage = toProfile(profile);
  return {
    checkId: outcome.checkId,
    found: profile.found,
    subject: profileMessage.subject,
    verdict: verdict.verdict,
    reason: verdict.reason,
    measures: verdict.measures.map((a) => ({
      code: a.measure.code,
      content: a.measure.content,
      type: a.measure.type,
      class: a.measure.class,
      effect: a.measure.effect,
      status: a.status,
      legalBasis: [...a.measure.legalBasis],
      implementingBody: a.measure.implementingBody,
      evidenceIds: [...a.evidenceIds],
      targetGroups: [...a.groups],
    })),
    evidence: verdict.evidence.map((e) => ({
      id: e.id,
      kind: e.kind,
      underObjection: e.underObjection,
      providerDepartmentId: e.providerDepartmentId,
      description: e.description,
    })),
    noticeText: verdict.noticeText ?? '',
    policyVersion: outcome.policyVersion,
    checkedAt: outcome.checkedAt.toISOString(),
    logSequence: outcome.logSequence,
    matterType: outcome.matterType,
    matterReference: outcome.matterReference,
    subjectGroups: [...verdict.groups],
    profile: profileMessage,
  };
}

function toProfile(view: ProfileView): SubjectProfile {
  return {
    found: view.found,
    subject: {
      key: view.subject.key,
      type: subjectTypeToProto(view.subject.type),
      name: view.subject.name,
      uscc: view.subject.uscc ?? '',
      maskedIdNumber: view.subject.maskedIdNumber ?? '',
    },
    records: view.records.map((r) => ({
      recordId: r.recordId,
      version: r.version,
      catalogueItemCode: r.catalogueItemCode,
      category: r.category,
      providerDepartmentId: r.providerDepartmentId,
      decisionNumber: r.decisionNumber,
      decisionDate: r.decisionDate,
      adverse: r.adverse,
      severity: severityToProto(r.severity),
      publicityStart: r.publicityStart ?? '',
      publicityEnd: r.publicityEnd ?? '',
      fieldsJson: JSON.stringify(r.fields),
      status: r.status,
      objectionId: r.objectionId ?? '',
      disclosure: r.disclosure,
      withheld: r.withheld === true,
    })),
    lists: view.lists.map((e) => ({
      entryId: e.entryId,
      listType: e.listType,
      status: e.status,
      periodStart: e.periodStart ?? '',
      periodEnd: e.periodEnd ?? '',
      identifyingDepartmentId: e.identifyingDepartmentId,
      basisText: e.basisText,
      relatedToEntryId: e.relatedToEntryId ?? '',
      relation: e.relation ?? '',
      objectionId: e.objectionId ?? '',
    })),
    adverseCount: view.adverseCount,
    updatedAt: view.updatedAt?.toISOString() ?? '',
  };
}
