import { compareDates, CREDIT_GRADE_LABELS, SEVERITY_TIER_LABELS, SUBJECT_TYPE_LABELS, type CreditGrade, type GradeResult, type IsoDate, type SeverityTier, type SubjectType } from '@credit/domain';
import type { ProfileView } from '../profile/profile.service';

/** Version of the report's JSON layout. */
export const REPORT_SCHEMA = 'CR-2026.1';

const LIST_LABELS: Record<string, string> = { RED: '红名单（诚信典型）', SERIOUS_DISHONESTY: '严重失信主体名单', KEY_ATTENTION: '重点关注对象名单' };
const RISK: Record<CreditGrade, { level: string; zh: string }> = {
  A: { level: 'LOW', zh: '信用风险低：未发现有效失信信息。' },
  B: { level: 'NORMAL', zh: '信用风险一般。' },
  C: { level: 'HIGHER', zh: '信用风险较高：存在有效失信信息或被列入重点关注对象名单，建议在办理事项时重点审查。' },
  D: { level: 'HIGH', zh: '信用风险高：被列入严重失信主体名单或存在多条严重失信信息，依法依规实施联合惩戒。' },
};

/** The content of a credit report (RULES §2; seed 004 §二(三)): what is signed, as canonical JSON. */
export interface CreditReportContent {
  schema: string;
  reportNumber: string;
  title: string;
  issuer: string;
  jurisdiction: string;
  issuedAt: string;
  validFrom: IsoDate;
  validUntil: IsoDate;
  validityMonths: number;
  policyVersion: string;
  purpose: string;
  requesterDepartmentId: string;
  subject: { key: string; type: string; typeLabel: string; name: string; uscc: string | null; maskedIdNumber: string | null };
  records: {
    recordId: string;
    category: string;
    catalogueItemCode: string;
    decisionNumber: string;
    decisionDate: IsoDate;
    providerDepartmentId: string;
    adverse: boolean;
    severity: string | null;
    severityLabel: string | null;
    publicityEnd: IsoDate | null;
    content: string;
    underObjection: boolean;
  }[];
  lists: { entryId: string; listType: string; listLabel: string; status: string; periodStart: IsoDate | null; periodEnd: IsoDate | null; identifyingDepartmentId: string; basisText: string; underObjection: boolean }[];
  commitments: { recordId: string; decisionNumber: string; decisionDate: IsoDate; content: string; fulfilment: string }[];
  grade: { grade: CreditGrade; label: string; score: number; modelVersion: string; factors: string[] };
  riskWarning: { level: string; text: string };
  /** Parts of a full credit report this platform does not collect (business, finance, bank credit, …). */
  notCovered: string[];
}

function inPublicity(r: ProfileView['records'][number], asOf: IsoDate): boolean {
  if (r.status !== 'ACTIVE') return false;
  if (!r.adverse) return true;
  // Adverse records appear while publicly displayed (not-displayed ones have no publicity end).
  return r.publicityEnd !== null && compareDates(asOf, r.publicityEnd) < 0;
}

function textOf(fields: Record<string, unknown>, key: string): string {
  const v = fields[key];
  return typeof v === 'string' ? v : '';
}

export function buildReportContent(input: {
  reportNumber: string;
  issuer: string;
  jurisdiction: string;
  issuedAt: Date;
  validFrom: IsoDate;
  validUntil: IsoDate;
  validityMonths: number;
  policyVersion: string;
  purpose: string;
  requesterDepartmentId: string;
  profile: ProfileView;
  grade: GradeResult;
}): CreditReportContent {
  const { profile, grade, validFrom } = input;
  const isCommitment = (r: ProfileView['records'][number]) => r.category === 'COMMITMENT' || r.catalogueItemCode.includes('COMMITMENT');
  const shown = profile.records.filter((r) => inPublicity(r, validFrom));
  const lists = profile.lists.filter((e) => (e.status === 'ACTIVE' || e.status === 'SUSPENDED') && (e.periodEnd === null || compareDates(validFrom, e.periodEnd) < 0));
  const hasObjection = shown.some((r) => r.objectionId) || lists.some((e) => e.objectionId);
  const risk = RISK[grade.grade];
  return {
    schema: REPORT_SCHEMA,
    reportNumber: input.reportNumber,
    title: '信用报告',
    issuer: input.issuer,
    jurisdiction: input.jurisdiction,
    issuedAt: input.issuedAt.toISOString(),
    validFrom,
    validUntil: input.validUntil,
    validityMonths: input.validityMonths,
    policyVersion: input.policyVersion,
    purpose: input.purpose,
    requesterDepartmentId: input.requesterDepartmentId,
    subject: {
      key: profile.subject.key,
      type: profile.subject.type,
      typeLabel: SUBJECT_TYPE_LABELS[profile.subject.type as SubjectType]?.zh ?? profile.subject.type,
      name: profile.subject.name,
      uscc: profile.subject.uscc,
      maskedIdNumber: profile.subject.maskedIdNumber,
    },
    records: shown
      .filter((r) => !isCommitment(r))
      .map((r) => ({
        recordId: r.recordId,
        category: r.category,
        catalogueItemCode: r.catalogueItemCode,
        decisionNumber: r.decisionNumber,
        decisionDate: r.decisionDate,
        providerDepartmentId: r.providerDepartmentId,
        adverse: r.adverse,
        severity: r.severity,
        severityLabel: r.severity ? (SEVERITY_TIER_LABELS[r.severity as SeverityTier]?.zh ?? r.severity) : null,
        publicityEnd: r.publicityEnd,
        content: textOf(r.fields, 'content'),
        underObjection: r.objectionId !== null,
      })),
    lists: lists.map((e) => ({
      entryId: e.entryId,
      listType: e.listType,
      listLabel: LIST_LABELS[e.listType] ?? e.listType,
      status: e.status,
      periodStart: e.periodStart,
      periodEnd: e.periodEnd,
      identifyingDepartmentId: e.identifyingDepartmentId,
      basisText: e.basisText,
      underObjection: e.objectionId !== null || e.status === 'SUSPENDED',
    })),
    commitments: profile.records.filter(isCommitment).map((r) => ({
      recordId: r.recordId,
      decisionNumber: r.decisionNumber,
      decisionDate: r.decisionDate,
      content: textOf(r.fields, 'content'),
      fulfilment: textOf(r.fields, 'fulfilment'),
    })),
    grade: { grade: grade.grade, label: CREDIT_GRADE_LABELS[grade.grade].zh, score: grade.score, modelVersion: grade.modelVersion, factors: grade.factors.map((f) => f.zh) },
    riskWarning: { level: risk.level, text: hasObjection ? `${risk.zh}部分信息处于异议处理中，相关惩戒措施暂不执行。` : risk.zh },
    notCovered: ['经营信息', '财务信息', '银行信贷信息', '合同履约信息', '司法信息（本平台已归集者除外）', '网络信用信息'],
  };
}
