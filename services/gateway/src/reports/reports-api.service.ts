import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import { CREDIT_CHECK_SERVICE_NAME, type CreditCheckServiceClient, type CreditReport } from '@credit/contracts';
import { AppError } from '@credit/runtime';
import { call, CREDIT_CHECK_CLIENT, traceMetadata } from '../api/backends';
import { subjectIn } from '../api/platform-api.service';
import { isCreditOffice } from '../api/request-context';
import type { Caller } from '../auth/clients.service';
import type { CreditReportView, GradeDto, InspectionSampleDto, InspectionSampleView, IssueReportDto, ReportPublicKeyView, ReportVerificationView, SubjectGradeView, VerifyReportDto } from './reports.dto';

/** Credit reports (信用报告), their public verification, grades (分级分类) and 双随机 sampling, from credit-check. */
@Injectable()
export class ReportsApi implements OnModuleInit {
  private checks!: CreditCheckServiceClient;

  constructor(@Inject(CREDIT_CHECK_CLIENT) private readonly client: ClientGrpc) {}

  onModuleInit(): void {
    this.checks = this.client.getService<CreditCheckServiceClient>(CREDIT_CHECK_SERVICE_NAME);
  }

  async issue(caller: Caller, input: IssueReportDto): Promise<CreditReportView> {
    const report = await call(
      this.checks.issueCreditReport({ subject: subjectIn(input.subject), requesterDepartmentId: caller.departmentId, requesterClientId: caller.clientId, purpose: input.purpose ?? '' }, traceMetadata()),
    );
    caller.subjectKey = report.subjectKey;
    return toView(report);
  }

  async get(caller: Caller, reportNumber: string): Promise<CreditReportView> {
    return toView(await this.fetch(caller, reportNumber));
  }

  async pdf(caller: Caller, reportNumber: string): Promise<Buffer> {
    return Buffer.from((await this.fetch(caller, reportNumber)).pdf);
  }

  /**
   * A report is the requesting department's: another department gets the same 404 as for an unknown number
   * (credit-check returns any report by number); the credit office reads every one.
   */
  private async fetch(caller: Caller, reportNumber: string): Promise<CreditReport> {
    const report = await call(this.checks.getCreditReport({ reportNumber, requesterDepartmentId: caller.departmentId }, traceMetadata()));
    if (!isCreditOffice(caller) && requesterOf(report) !== caller.departmentId) {
      throw AppError.one('NOT_FOUND', 'REPORT_NOT_FOUND', `信用报告 ${reportNumber} 不存在`, `No credit report ${reportNumber}`, 'reportNumber');
    }
    caller.subjectKey = report.subjectKey;
    return report;
  }

  async verify(input: VerifyReportDto): Promise<ReportVerificationView> {
    if (!input.pdfBase64 === !input.json) {
      throw AppError.one('VALIDATION', 'REPORT_CONTENT_REQUIRED', '须提供 PDF 或 JSON 之一', 'Send exactly one of pdfBase64 and json', 'pdfBase64');
    }
    const result = await call(
      this.checks.verifyCreditReport(
        {
          reportNumber: input.reportNumber,
          pdf: input.pdfBase64 ? Buffer.from(input.pdfBase64, 'base64') : Buffer.alloc(0),
          json: input.json ? Buffer.from(input.json, 'utf8') : Buffer.alloc(0),
          asOf: input.asOf ?? '',
        },
        traceMetadata(),
      ),
    );
    return {
      valid: result.valid,
      status: result.status,
      reason: result.reason ?? { zh: '', en: '' },
      authentic: result.authentic,
      validUntil: result.validUntil || undefined,
      majorEventSinceIssue: result.majorEventSinceIssue,
    };
  }

  async publicKeys(): Promise<ReportPublicKeyView[]> {
    return (await call(this.checks.getReportPublicKey({}, traceMetadata()))).keys;
  }

  async grade(caller: Caller, input: GradeDto): Promise<SubjectGradeView> {
    const grade = await call(this.checks.getSubjectGrade({ subject: subjectIn(input.subject), requesterDepartmentId: caller.departmentId }, traceMetadata()));
    caller.subjectKey = grade.subjectKey;
    return grade;
  }

  async sample(caller: Caller, input: InspectionSampleDto): Promise<InspectionSampleView> {
    return call(this.checks.sampleForInspection({ requesterDepartmentId: caller.departmentId, seed: input.seed ?? '', subjectKeys: input.subjectKeys ?? [] }, traceMetadata()));
  }
}

function toView(r: CreditReport): CreditReportView {
  return {
    reportNumber: r.reportNumber,
    subjectKey: r.subjectKey,
    issuedAt: r.issuedAt,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    json: r.json,
    jsonSha256: r.jsonSha256,
    pdfSha256: r.pdfSha256,
    signature: r.signature,
    signatureAlgorithm: r.signatureAlgorithm,
    keyId: r.keyId,
    grade: r.grade,
    policyVersion: r.policyVersion,
  };
}

/** The department a report was issued to, from its signed content. */
function requesterOf(report: CreditReport): string | undefined {
  try {
    return (JSON.parse(report.json) as { requesterDepartmentId?: string }).requesterDepartmentId;
  } catch {
    return undefined;
  }
}
