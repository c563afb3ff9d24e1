import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  addCalendarDays,
  addMonths,
  canonicalJson,
  chinaDateOf,
  compareDates,
  defaultPolicyRegistry,
  gradeSubject,
  isValidIsoDate,
  resolveSubject,
  type IsoDate,
  type LocalizedMessage,
  type SubjectType,
} from '@credit/domain';
import { UnitOfWork } from '@credit/messaging';
import { AppError, SERVICE_DEPS, type ServiceDeps } from '@credit/runtime';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { factsOf } from '../check/check.service';
import { ProfileService } from '../profile/profile.service';
import { buildReportContent, type CreditReportContent } from './report-content';
import { renderReportPdf } from './report-pdf';
import { REPORT_SIGNATURE_ALGORITHM, ReportKeys } from './report-keys.service';

export interface StoredReport {
  reportNumber: string;
  subjectKey: string;
  issuedAt: Date;
  validFrom: IsoDate;
  validUntil: IsoDate;
  json: string;
  pdf: Buffer;
  jsonSha256: string;
  pdfSha256: string;
  signature: string;
  signatureAlgorithm: string;
  keyId: string;
  grade: string;
  policyVersion: string;
}

export type VerifyStatus = 'VALID' | 'EXPIRED' | 'ALTERED' | 'SIGNATURE_INVALID' | 'NOT_FOUND' | 'MALFORMED';

export interface VerifyOutcome {
  valid: boolean;
  status: VerifyStatus;
  reason: LocalizedMessage;
  authentic: boolean;
  validUntil: IsoDate | '';
  subjectKey: string;
  keyId: string;
  majorEventSinceIssue: boolean;
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** The bytes signed: the report number and the hashes of the canonical JSON and of the PDF. */
export function signedMessage(reportNumber: string, jsonSha256: string, pdfSha256: string): Buffer {
  return Buffer.from(`${reportNumber}\n${jsonSha256}\n${pdfSha256}`, 'utf8');
}

interface ReportRow {
  report_number: string;
  subject_key: string;
  issued_at: Date;
  valid_from: string;
  valid_until: string;
  json: string;
  pdf: Buffer;
  json_sha256: string;
  pdf_sha256: string;
  signature: string;
  key_id: string;
  grade: string;
  policy_version: string;
}

const SELECT_REPORT = `SELECT report_number, subject_key, issued_at, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
  to_char(valid_until, 'YYYY-MM-DD') AS valid_until, json, pdf, json_sha256, pdf_sha256, signature, key_id, grade, policy_version
  FROM credit_check.credit_report WHERE report_number = $1`;

function toStored(r: ReportRow): StoredReport {
  return {
    reportNumber: r.report_number,
    subjectKey: r.subject_key,
    issuedAt: r.issued_at,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    json: r.json,
    pdf: r.pdf,
    jsonSha256: r.json_sha256,
    pdfSha256: r.pdf_sha256,
    signature: r.signature,
    signatureAlgorithm: REPORT_SIGNATURE_ALGORITHM,
    keyId: r.key_id,
    grade: r.grade,
    policyVersion: r.policy_version,
  };
}

const outcome = (status: VerifyStatus, zh: string, en: string, extra: Partial<VerifyOutcome> = {}): VerifyOutcome => ({
  valid: status === 'VALID',
  status,
  reason: { zh, en },
  authentic: status === 'VALID' || status === 'EXPIRED',
  validUntil: '',
  subjectKey: '',
  keyId: '',
  majorEventSinceIssue: false,
  ...extra,
});

/**
 * 信用报告: content per RULES §2 from the subject's profile, as canonical JSON and a PDF, numbered, valid
 * `creditReport.validityMonths`, signed with Ed25519 over the report number and both hashes, stored
 * (append-only), and verifiable from the number and the bytes a holder presents.
 */
@Injectable()
export class ReportService {
  private readonly policies = defaultPolicyRegistry();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly profiles: ProfileService,
    private readonly keys: ReportKeys,
    @Inject(SERVICE_DEPS) private readonly deps: ServiceDeps,
  ) {}

  async issue(request: {
    subject: { type: string; name: string; uscc?: string; idNumber?: string };
    requesterDepartmentId: string;
    requesterClientId: string;
    purpose: string;
  }): Promise<StoredReport> {
    const resolved = resolveSubject({ type: request.subject.type as SubjectType, name: request.subject.name, uscc: request.subject.uscc, idNumber: request.subject.idNumber });
    if (!resolved.ok) throw AppError.validation(resolved.errors.map((e) => ({ ...e, field: `subject.${e.field ?? 'type'}` })));
    if ((request.purpose ?? '').length > 500) throw AppError.one('VALIDATION', 'TOO_LONG', '报告用途不得超过 500 个字符', 'purpose is longer than 500 characters', 'purpose');
    const subject = resolved.subject;
    const profile = await this.profiles.profileOfResolved(subject);
    const issuedAt = new Date();
    const validFrom = chinaDateOf(issuedAt);
    const jurisdiction = this.deps.config.jurisdiction;
    const policy = this.policies.resolve(jurisdiction, validFrom);
    const validityMonths = policy.parameters.creditReport.validityMonths;
    const validUntil = addCalendarDays(addMonths(validFrom, validityMonths), -1);
    const grade = gradeSubject(factsOf(profile, subject), validFrom);
    const { keyId } = await this.keys.activeKey();

    // The number comes first (sequences are not transactional anyway); rendering stays outside the transaction.
    const [{ serial }] = await this.dataSource.query<{ serial: string }[]>(`SELECT nextval('credit_check.credit_report_serial')::text AS serial`);
    const reportNumber = `XYBG-${jurisdiction}-${validFrom.replaceAll('-', '')}-${serial.padStart(8, '0')}`;
    const content: CreditReportContent = buildReportContent({
      reportNumber,
      issuer: `公共信用信息平台（${jurisdiction}）`,
      jurisdiction,
      issuedAt,
      validFrom,
      validUntil,
      validityMonths,
      policyVersion: [...policy.versionIds, grade.modelVersion].join('+'),
      purpose: request.purpose ?? '',
      requesterDepartmentId: request.requesterDepartmentId,
      profile,
      grade,
    });
    const json = canonicalJson(content);
    const jsonSha256 = sha256(json);
    const pdf = await renderReportPdf(content, { jsonSha256, keyId });
    const pdfSha256 = sha256(pdf);
    const { signature } = await this.keys.sign(signedMessage(reportNumber, jsonSha256, pdfSha256));
    await this.uow.run((tx) => tx.manager.query(
      `INSERT INTO credit_check.credit_report (report_number, subject_key, issued_at, valid_from, valid_until, requester_department_id,
         requester_client_id, purpose, grade, policy_version, json, pdf, json_sha256, pdf_sha256, key_id, signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [reportNumber, subject.key, issuedAt, validFrom, validUntil, request.requesterDepartmentId, request.requesterClientId ?? '', request.purpose ?? '',
        grade.grade, content.policyVersion, json, pdf, jsonSha256, pdfSha256, keyId, signature],
    ));
    return {
      reportNumber,
      subjectKey: subject.key,
      issuedAt,
      validFrom,
      validUntil,
      json,
      pdf,
      jsonSha256,
      pdfSha256,
      signature,
      signatureAlgorithm: REPORT_SIGNATURE_ALGORITHM,
      keyId,
      grade: grade.grade,
      policyVersion: content.policyVersion,
    };
  }

  async get(reportNumber: string): Promise<StoredReport> {
    const [row] = await this.dataSource.query<ReportRow[]>(SELECT_REPORT, [reportNumber]);
    if (!row) throw AppError.one('NOT_FOUND', 'REPORT_NOT_FOUND', `信用报告 ${reportNumber} 不存在`, `No credit report ${reportNumber}`, 'reportNumber');
    return toStored(row);
  }

  /**
   * Checks presented bytes (the PDF, or the JSON — reformatted JSON is accepted: it is compared in canonical
   * form) against the signature made at issue. A valid signature proves the bytes unaltered; the report is then
   * VALID until its last valid day, EXPIRED after.
   */
  async verify(request: { reportNumber: string; pdf?: Buffer; json?: Buffer; asOf?: string }): Promise<VerifyOutcome> {
    const asOf = request.asOf || chinaDateOf(new Date());
    if (!isValidIsoDate(asOf)) throw AppError.one('VALIDATION', 'DATE_INVALID', '核验日期格式应为 YYYY-MM-DD', 'asOf must be YYYY-MM-DD', 'asOf');
    const hasPdf = !!request.pdf && request.pdf.length > 0;
    const hasJson = !!request.json && request.json.length > 0;
    if (!hasPdf && !hasJson) return outcome('MALFORMED', '未提供报告文件（PDF 或 JSON）', 'Neither the PDF nor the JSON was given');
    const [row] = await this.dataSource.query<ReportRow[]>(SELECT_REPORT, [request.reportNumber]);
    if (!row) return outcome('NOT_FOUND', `报告编号 ${request.reportNumber} 不存在`, `No report numbered ${request.reportNumber}`);
    const extra = { validUntil: row.valid_until, subjectKey: row.subject_key, keyId: row.key_id };

    let jsonSha256 = row.json_sha256;
    if (hasJson) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(request.json!.toString('utf8'));
      } catch {
        return outcome('ALTERED', 'JSON 无法解析，内容已被改动', 'The JSON does not parse: it was altered', extra);
      }
      jsonSha256 = sha256(canonicalJson(parsed));
    }
    const pdfSha256 = hasPdf ? sha256(request.pdf!) : row.pdf_sha256;
    const signed = await this.keys.verify(row.key_id, signedMessage(row.report_number, jsonSha256, pdfSha256), row.signature);
    if (!signed) {
      if (jsonSha256 !== row.json_sha256 || pdfSha256 !== row.pdf_sha256) {
        return outcome('ALTERED', '报告内容与出具时签名的内容不一致，已被篡改', 'The content differs from what was signed at issue: it was altered', extra);
      }
      return outcome('SIGNATURE_INVALID', '报告签名无效', 'The report signature does not verify', extra);
    }
    const majorEventSinceIssue = await this.majorEventSince(row.subject_key, row.issued_at, row.valid_from);
    if (compareDates(asOf, row.valid_until) > 0) {
      return outcome('EXPIRED', `报告真实未被篡改，但已于 ${row.valid_until} 过期`, `Authentic, but expired after ${row.valid_until}`, { ...extra, majorEventSinceIssue });
    }
    return outcome(
      'VALID',
      majorEventSinceIssue ? '报告真实有效；出具后主体发生重大信用事件，不宜继续使用' : '报告真实有效，未被篡改',
      majorEventSinceIssue ? 'Authentic and within validity; a major credit event happened since issue, do not reuse it' : 'Authentic, unaltered and within validity',
      { ...extra, majorEventSinceIssue },
    );
  }

  /** A serious record decided, or a serious-dishonesty listing in force, after the report was issued. */
  private async majorEventSince(subjectKey: string, issuedAt: Date, validFrom: string): Promise<boolean> {
    const [row] = await this.dataSource.query<{ major: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM credit_check.profile_record WHERE subject_key = $1 AND adverse AND severity = 'SERIOUS' AND status = 'ACTIVE' AND decision_date >= $3::date)
           OR EXISTS (SELECT 1 FROM credit_check.profile_list_entry WHERE subject_key = $1 AND list_type = 'SERIOUS_DISHONESTY' AND status = 'ACTIVE' AND updated_at > $2) AS major`,
      [subjectKey, issuedAt, validFrom],
    );
    return row.major;
  }
}
