import { Injectable } from '@nestjs/common';
import {
  subjectFromProto,
  type CreditReport,
  type GetCreditReportRequest,
  type GetSubjectGradeRequest,
  type InspectionSample,
  type IssueCreditReportRequest,
  type ReportPublicKeys,
  type SampleForInspectionRequest,
  type SubjectGrade,
  type VerifyCreditReportRequest,
  type VerifyCreditReportResult,
} from '@credit/contracts';
import { GradeService } from '../grade/grade.service';
import { ReportKeys } from './report-keys.service';
import { ReportService, type StoredReport } from './report.service';

/** The report and grade rpcs of CreditCheckService: proto ↔ services (ProfileGrpcController delegates here). */
@Injectable()
export class ReportGradeRpc {
  constructor(
    private readonly reports: ReportService,
    private readonly keys: ReportKeys,
    private readonly grades: GradeService,
  ) {}

  async issueCreditReport(request: IssueCreditReportRequest): Promise<CreditReport> {
    return toReport(
      await this.reports.issue({
        subject: subjectFromProto(request.subject),
        requesterDepartmentId: request.requesterDepartmentId,
        requesterClientId: request.requesterClientId,
        purpose: request.purpose,
      }),
    );
  }

  async getCreditReport(request: GetCreditReportRequest): Promise<CreditReport> {
    return toReport(await this.reports.get(request.reportNumber));
  }

  async verifyCreditReport(request: VerifyCreditReportRequest): Promise<VerifyCreditReportResult> {
    const result = await this.reports.verify({
      reportNumber: request.reportNumber,
      pdf: request.pdf?.length ? Buffer.from(request.pdf) : undefined,
      json: request.json?.length ? Buffer.from(request.json) : undefined,
      asOf: request.asOf || undefined,
    });
    return { ...result, majorEventSinceIssue: result.majorEventSinceIssue };
  }

  async getReportPublicKey(): Promise<ReportPublicKeys> {
    const keys = await this.keys.publicKeys();
    return { keys: keys.map((k) => ({ keyId: k.keyId, algorithm: k.algorithm, publicKeyPem: k.publicKeyPem, createdAt: k.createdAt.toISOString(), active: k.active })) };
  }

  async getSubjectGrade(request: GetSubjectGradeRequest): Promise<SubjectGrade> {
    const grade = await this.grades.gradeOf(subjectFromProto(request.subject));
    const policy = this.grades.samplingPolicy(grade.asOf);
    return {
      subjectKey: grade.subjectKey,
      found: grade.found,
      grade: grade.grade,
      score: grade.score,
      modelVersion: grade.modelVersion,
      asOf: grade.asOf,
      factors: grade.factors,
      samplingRatio: policy.grades[grade.grade].ratio,
      allKeyItems: policy.grades[grade.grade].allKeyItems,
      samplingPolicyVersion: policy.id,
    };
  }

  async sampleForInspection(request: SampleForInspectionRequest): Promise<InspectionSample> {
    const sample = await this.grades.sample({ departmentId: request.requesterDepartmentId, seed: request.seed, subjectKeys: request.subjectKeys });
    return {
      seed: sample.seed,
      asOf: sample.asOf,
      modelVersion: sample.modelVersion,
      samplingPolicyVersion: sample.policy.id,
      population: sample.population,
      strata: sample.strata,
      subjects: sample.subjects,
    };
  }
}

function toReport(r: StoredReport): CreditReport {
  return {
    reportNumber: r.reportNumber,
    subjectKey: r.subjectKey,
    issuedAt: r.issuedAt.toISOString(),
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    json: r.json,
    pdf: r.pdf,
    jsonSha256: r.jsonSha256,
    pdfSha256: r.pdfSha256,
    signature: r.signature,
    signatureAlgorithm: r.signatureAlgorithm,
    keyId: r.keyId,
    grade: r.grade,
    policyVersion: r.policyVersion,
  };
}

/** Providers of reports and grades, for the module's provider list. */
export const REPORT_GRADE_PROVIDERS = [ReportService, ReportKeys, GradeService, ReportGradeRpc];
