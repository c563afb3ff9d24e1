/**
 * Who may do what (issue 8): one table of (client — its scopes and department —, operation, whose target) →
 * allowed or denied, run through REST and GraphQL for every operation that exists in both. Every operation is
 * also tried without a token (401) and by a client holding none of its scopes (403 SCOPE_MISSING); the
 * department rules are rows of their own (403 / 404 for another department's target); the credit office
 * (`admin`) passes everywhere. No response may carry the full ID number of the natural person of the setup.
 */
import { chinaDateOf } from '@credit/domain';
import { ClientsService } from '@credit/service-gateway';
import { eventually, obtainToken, penaltyRecord, uniqueIdNumber, uniqueUscc } from '@credit/testing';
import request from 'supertest';
import { standaloneOnPostgres } from './support';

/** 'ok': served (2xx, no GraphQL error); 'passes': not refused for identity, scope or department (the operation may still fail on its own terms, e.g. 409 already decided). */
type Expected = 'ok' | 'passes' | { status: 401 | 403 | 404; code: string } | { sees: number };
type Ids = Record<string, string>;
interface RestCall {
  method: 'get' | 'post' | 'put' | 'patch';
  path: string;
  body?: unknown;
}
interface GqlCall {
  query: string;
  variables?: Record<string, unknown>;
}
interface Operation {
  name: string;
  /** Scopes any of which the operation needs; none: public (no token needed). */
  scopes: string[];
  rest?: (ids: Ids) => RestCall;
  gql?: (ids: Ids) => GqlCall;
  /** For `{ sees }` rows: the entries of a served list (the REST body, or the GraphQL operation's data). */
  entries?: (body: Record<string, unknown[]>) => unknown[];
  /** Who tries it and what they get, beyond the generated "no token" and "no scope" rows. */
  cases: [client: string | null, expected: Expected][];
}

const PDF_BASE64 = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');
const SCOPE_MISSING = { status: 403, code: 'SCOPE_MISSING' } as const;
const UNAUTHENTICATED = { status: 401, code: 'UNAUTHENTICATED' } as const;

/** The departments and clients: two providers with the same scopes, a window department, a lists department, a client with no operation scope, the credit office. */
const CLIENTS: Record<string, { department: string; scopes: string[] }> = {
  provider: { department: 'A-SCJGJ', scopes: ['records:write', 'checks:perform', 'objections:decide', 'repairs:decide', 'commitments:write', 'commitments:read'] },
  /** Same department as `provider`, read scopes only: the check log, cases, notices and commitments are the department's, not the client's. */
  reader: { department: 'A-SCJGJ', scopes: ['checks:read', 'commitments:read'] },
  other: {
    department: 'B-SWJ',
    scopes: [
      'records:write',
      'checks:perform',
      'checks:read',
      'objections:file',
      'objections:decide',
      'repairs:apply',
      'repairs:decide',
      'lists:read',
      'commitments:write',
      'commitments:read',
    ],
  },
  window: { department: 'W-ZWFW', scopes: ['objections:file', 'repairs:apply', 'lists:read'] },
  lists: { department: 'L-FGW', scopes: ['lists:write', 'lists:read'] },
  /** personal-data:read widens outputs only: it grants no operation. */
  bare: { department: 'N-XXX', scopes: ['personal-data:read'] },
  office: { department: 'CREDIT-OFFICE', scopes: ['admin'] },
};

const org = { type: 'LEGAL_PERSON', name: '湖南矩阵测试有限公司', uscc: uniqueUscc() };
const idNumber = uniqueIdNumber();
const person = { type: 'NATURAL_PERSON', name: '赵六', idNumber };
const serious = penaltyRecord({ uscc: org.uscc, name: org.name, severity: 'SERIOUS' });
const minor = penaltyRecord({ uscc: org.uscc, name: org.name, severity: 'MINOR' });
const personal = { ...penaltyRecord(), subject: person };
const spare = penaltyRecord();
const feedback = (measures: string[]) => ({
  operator: '王经办',
  measures: measures.map((code) => ({ measureCode: code, decision: 'NOT_APPLIED', reasonCode: 'OTHER', reason: '本事项不涉及' })),
});
const objection = (targetId: string) => ({
  targetType: 'RECORD',
  targetId,
  grounds: 'WRONG_CONTENT',
  statement: '罚款金额与决定书不符',
  contact: { name: '张三', phone: '0731-12345678' },
  attachments: [{ fileName: '决定书.pdf', mediaType: 'application/pdf', contentBase64: PDF_BASE64 }],
});
const repair = (recordId: string) => ({
  subject: org,
  target: { type: 'RECORD', id: recordId },
  methods: ['COMMITMENT', 'RECTIFICATION'],
  evidence: { finePaid: true, rectificationDone: true },
  commitment: { text: '本单位承诺依法诚信经营', type: '信用修复' },
});
const today = chinaDateOf(new Date());
const daysAfterToday = (days: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const commitment = (subject: object, idempotencyKey: string) => ({
  type: 'NOTIFICATION_APPROVAL',
  subject,
  content: '本单位承诺所提交的资质材料真实有效',
  matter: '建筑业企业资质审批（告知承诺制）',
  idempotencyKey,
});
/** The setup's commitment (by the natural person, received by A-SCJGJ); the "make" rows commit another subject so the subject rows count only this one. */
const received = commitment(person, 'matrix-received');
const madeInRow = commitment({ type: 'LEGAL_PERSON', name: '湖南矩阵承诺有限公司', uscc: uniqueUscc() }, 'matrix-made');
const fulfilment = { status: 'FULFILLED', fulfilmentDate: today, note: '按期履约' };
const timeliness = (departmentId?: string) => ({ periodStart: '2020-01-01', periodEnd: today, ...(departmentId ? { departmentId } : {}) });
const timelinessQuery = (departmentId?: string) => new URLSearchParams(timeliness(departmentId)).toString();
const timelinessGql = (departmentId?: string) => ({
  query: 'query ($f: TimelinessQuery!) { timelinessScorecard(filter: $f) { departments { departmentId } } }',
  variables: { f: timeliness(departmentId) },
});
const edition = (csv: string) => ({ editionId: `M-${today.slice(0, 4)}.9`, effectiveFrom: daysAfterToday(5), basis: ['湘信用办〔2026〕9号'], csv });
const eligibility = (recordId: string) => ({ subject: org, target: { type: 'RECORD', id: recordId }, evidence: { finePaid: true } });

const OPERATIONS: Operation[] = [
  // ---- records (records:write; only the provider corrects, revokes and reads its records; the catalogue's responsible departments submit)
  {
    name: 'submit a record',
    scopes: ['records:write'],
    rest: () => ({ method: 'post', path: '/api/v1/records', body: spare }),
    gql: () => ({ query: 'mutation ($i: SubmitRecordInput!) { submitRecord(input: $i) { recordId } }', variables: { i: spare } }),
    cases: [['provider', 'ok'], ['other', 'passes'], ['window', SCOPE_MISSING], ['office', 'passes']],
  },
  {
    name: 'submit to a catalogue item the department is not responsible for',
    scopes: ['records:write'],
    rest: (ids) => ({ method: 'post', path: '/api/v1/records', body: { ...penaltyRecord(), catalogueItemCode: ids.closedItem, severity: 'SERIOUS' } }),
    gql: (ids) => ({ query: 'mutation ($i: SubmitRecordInput!) { submitRecord(input: $i) { recordId } }', variables: { i: { ...penaltyRecord(), catalogueItemCode: ids.closedItem, severity: 'SERIOUS' } } }),
    cases: [['provider', { status: 403, code: 'CATALOGUE_ITEM_NOT_RESPONSIBLE' }]],
  },
  {
    name: 'submit a batch',
    scopes: ['records:write'],
    rest: () => ({ method: 'post', path: '/api/v1/records/batch', body: { records: [spare] } }),
    gql: () => ({ query: 'mutation ($i: SubmitRecordsInput!) { submitRecords(input: $i) { created unchanged rejected } }', variables: { i: { records: [spare] } } }),
    cases: [['provider', 'ok'], ['window', SCOPE_MISSING]],
  },
  {
    name: 'read a record with its history',
    scopes: ['records:write'],
    rest: (ids) => ({ method: 'get', path: `/api/v1/records/${ids.personalRecord}` }),
    gql: (ids) => ({ query: `{ record(recordId: "${ids.personalRecord}") { recordId providerDepartmentId } }` }),
    cases: [['provider', 'ok'], ['other', { status: 404, code: 'RECORD_NOT_FOUND' }], ['window', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'correct a record',
    scopes: ['records:write'],
    rest: (ids) => ({ method: 'post', path: `/api/v1/records/${ids.spareRecord}/corrections`, body: { fields: { content: '罚款人民币叁仟元' }, reason: '金额录入错误' } }),
    gql: (ids) => ({
      query: 'mutation ($id: String!, $i: CorrectRecordInput!) { correctRecord(recordId: $id, input: $i) { recordId } }',
      variables: { id: ids.spareRecord, i: { fields: { content: '罚款人民币叁仟元' }, reason: '金额录入错误' } },
    }),
    cases: [['other', { status: 403, code: 'RECORD_NOT_OWNED' }], ['window', SCOPE_MISSING], ['provider', 'passes']],
  },
  {
    name: 'revoke a record',
    scopes: ['records:write'],
    rest: (ids) => ({ method: 'post', path: `/api/v1/records/${ids.spareRecord}/revocation`, body: { reason: '行政复议撤销' } }),
    gql: (ids) => ({ query: 'mutation ($id: String!, $i: RevokeRecordInput!) { revokeRecord(recordId: $id, input: $i) { status } }', variables: { id: ids.spareRecord, i: { reason: '行政复议撤销' } } }),
    cases: [['other', { status: 403, code: 'RECORD_NOT_OWNED' }], ['window', SCOPE_MISSING], ['provider', 'passes']],
  },
  {
    name: 'read the catalogue',
    scopes: ['records:write'],
    rest: () => ({ method: 'get', path: '/api/v1/catalogue?mine=true' }),
    gql: () => ({ query: '{ catalogueItems(mine: true) { code } }' }),
    cases: [['provider', 'ok'], ['window', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'grant catalogue responsibility (REST only)',
    scopes: ['admin'],
    rest: (ids) => ({ method: 'put', path: `/api/v1/catalogue/${ids.closedItem}/responsibility`, body: { departmentId: 'W-ZWFW', responsible: false } }),
    cases: [['provider', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'publish a catalogue item version',
    scopes: ['admin'],
    rest: (ids) => ({ method: 'post', path: `/api/v1/catalogue/${ids.versionedItem}/versions`, body: { effectiveFrom: daysAfterToday(3) } }),
    gql: (ids) => ({
      query: 'mutation ($code: String!, $i: PublishCatalogueVersionInput!) { publishCatalogueVersion(code: $code, input: $i) { version } }',
      variables: { code: ids.versionedItem, i: { effectiveFrom: daysAfterToday(3) } },
    }),
    cases: [['provider', SCOPE_MISSING], ['other', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'the department’s own timeliness scorecard',
    scopes: ['records:write'],
    rest: () => ({ method: 'get', path: `/api/v1/timeliness?${timelinessQuery()}` }),
    gql: () => timelinessGql(),
    entries: (body) => body.departments,
    cases: [['provider', { sees: 1 }], ['reader', SCOPE_MISSING], ['window', SCOPE_MISSING]],
  },
  {
    name: 'another department’s timeliness scorecard',
    scopes: ['records:write'],
    rest: () => ({ method: 'get', path: `/api/v1/timeliness?${timelinessQuery('A-SCJGJ')}` }),
    gql: () => timelinessGql('A-SCJGJ'),
    entries: (body) => body.departments,
    cases: [['provider', { sees: 1 }], ['other', { status: 403, code: 'DEPARTMENT_NOT_ALLOWED' }], ['office', { sees: 1 }]],
  },
  {
    name: 'every department’s timeliness scorecard',
    scopes: ['records:write'],
    rest: () => ({ method: 'get', path: `/api/v1/timeliness?${timelinessQuery()}` }),
    gql: () => timelinessGql(),
    cases: [['office', 'ok']],
  },
  // ---- commitments (commitments:write to receive and settle, commitments:read to read; the receiving department's, the credit office reads all)
  {
    name: 'receive a commitment',
    scopes: ['commitments:write'],
    rest: () => ({ method: 'post', path: '/api/v1/commitments', body: madeInRow }),
    gql: () => ({ query: 'mutation ($i: MakeCommitmentInput!) { makeCommitment(input: $i) { commitmentId } }', variables: { i: madeInRow } }),
    cases: [['provider', 'ok'], ['reader', SCOPE_MISSING], ['window', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'record a commitment’s fulfilment',
    scopes: ['commitments:write'],
    rest: (ids) => ({ method: 'post', path: `/api/v1/commitments/${ids.commitmentId}/fulfilment`, body: fulfilment }),
    gql: (ids) => ({
      query: 'mutation ($id: String!, $i: RecordFulfilmentInput!) { recordFulfilment(commitmentId: $id, input: $i) { status } }',
      variables: { id: ids.commitmentId, i: fulfilment },
    }),
    cases: [
      ['other', { status: 403, code: 'COMMITMENT_NOT_RECEIVED' }],
      ['reader', SCOPE_MISSING],
      /** Only the receiving department settles a commitment, not even the credit office (the controller's documented rule). */
      ['office', { status: 403, code: 'COMMITMENT_NOT_RECEIVED' }],
      ['provider', 'ok'],
    ],
  },
  {
    name: 'read a commitment',
    scopes: ['commitments:read'],
    rest: (ids) => ({ method: 'get', path: `/api/v1/commitments/${ids.commitmentId}` }),
    gql: (ids) => ({ query: `{ commitment(commitmentId: "${ids.commitmentId}") { commitmentCode status } }` }),
    cases: [['provider', 'ok'], ['reader', 'ok'], ['other', { status: 404, code: 'COMMITMENT_NOT_FOUND' }], ['window', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'list the department’s commitments',
    scopes: ['commitments:read'],
    rest: () => ({ method: 'get', path: '/api/v1/commitments' }),
    gql: () => ({ query: '{ commitments { nextCursor } }' }),
    /** The credit office names a department or a subject (400 FILTER_REQUIRED, not a refusal). */
    cases: [['reader', 'ok'], ['other', 'ok'], ['window', SCOPE_MISSING], ['office', 'passes']],
  },
  {
    name: 'list another department’s commitments',
    scopes: ['commitments:read'],
    rest: () => ({ method: 'get', path: '/api/v1/commitments?departmentId=A-SCJGJ' }),
    gql: () => ({ query: '{ commitments(filter: { departmentId: "A-SCJGJ" }) { commitments { commitmentId } } }' }),
    cases: [['reader', 'ok'], ['other', { status: 403, code: 'DEPARTMENT_NOT_ALLOWED' }], ['office', 'ok']],
  },
  {
    name: 'a subject’s commitments (only the own department’s come back)',
    scopes: ['commitments:read'],
    rest: (ids) => ({ method: 'get', path: `/api/v1/commitments?subjectKey=${encodeURIComponent(ids.commitmentSubject)}` }),
    gql: (ids) => ({ query: `{ commitments(filter: { subjectKey: "${ids.commitmentSubject}" }) { commitments { commitmentId } } }` }),
    entries: (body) => body.commitments,
    cases: [['other', { sees: 0 }], ['reader', { sees: 1 }], ['office', { sees: 1 }]],
  },
  // ---- imports (REST only; the provider's own)
  {
    name: 'read an import (REST only)',
    scopes: ['records:write'],
    rest: (ids) => ({ method: 'get', path: `/api/v1/imports/${ids.importId}` }),
    cases: [['provider', 'ok'], ['other', { status: 404, code: 'IMPORT_NOT_FOUND' }], ['window', SCOPE_MISSING]],
  },
  {
    name: 'read an import’s errors (REST only)',
    scopes: ['records:write'],
    rest: (ids) => ({ method: 'get', path: `/api/v1/imports/${ids.importId}/errors?format=ndjson` }),
    cases: [['provider', 'ok'], ['other', { status: 404, code: 'IMPORT_NOT_FOUND' }], ['window', SCOPE_MISSING]],
  },
  // ---- checks (checks:perform to check; checks:read for the department's own log)
  {
    name: 'check a subject',
    scopes: ['checks:perform'],
    rest: () => ({ method: 'post', path: '/api/v1/checks', body: { subject: person, matterType: 'ADMIN_LICENSING', matterReference: 'XK-MATRIX' } }),
    gql: () => ({ query: 'mutation ($i: CheckInput!) { check(input: $i) { checkId found } }', variables: { i: { subject: person, matterType: 'ADMIN_LICENSING', matterReference: 'XK-MATRIX' } } }),
    cases: [['provider', 'ok'], ['reader', SCOPE_MISSING], ['window', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'check a batch',
    scopes: ['checks:perform'],
    rest: () => ({ method: 'post', path: '/api/v1/checks/batch', body: { subjects: [org, person], matterType: 'ADMIN_LICENSING' } }),
    gql: () => ({ query: 'mutation ($i: CheckBatchInput!) { checkBatch(input: $i) { __typename } }', variables: { i: { subjects: [org, person], matterType: 'ADMIN_LICENSING' } } }),
    cases: [['provider', 'ok'], ['reader', SCOPE_MISSING]],
  },
  {
    name: 'read the check log of the own department',
    scopes: ['checks:read'],
    rest: () => ({ method: 'post', path: '/api/v1/checks/log/search', body: { subject: org } }),
    gql: () => ({ query: '{ checkLog(filter: { pageSize: 5 }) { __typename } }' }),
    cases: [['reader', 'ok'], ['other', 'ok'], ['provider', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'read another department’s check log (only the own department’s entries come back)',
    scopes: ['checks:read'],
    rest: () => ({ method: 'post', path: '/api/v1/checks/log/search', body: { departmentId: 'A-SCJGJ', matterReference: 'XK-MATRIX-0' } }),
    gql: () => ({ query: '{ checkLog(filter: { departmentId: "A-SCJGJ", matterReference: "XK-MATRIX-0" }) { entries { checkId } } }' }),
    entries: (body) => body.entries,
    cases: [['other', { sees: 0 }], ['reader', { sees: 1 }], ['office', { sees: 1 }]],
  },
  // ---- feedback and cases (the checking department; the credit office)
  {
    name: 'give feedback on a check',
    scopes: ['checks:perform'],
    rest: (ids) => ({ method: 'post', path: `/api/v1/checks/${ids.checkId}/feedback`, body: feedback(ids.measures.split(',')) }),
    gql: (ids) => ({
      query: 'mutation ($id: String!, $i: FeedbackInput!) { submitFeedback(checkId: $id, input: $i) { feedbackStatus } }',
      variables: { id: ids.checkId, i: feedback(ids.measures.split(',')) },
    }),
    cases: [['other', { status: 403, code: 'NOT_CHECKING_DEPARTMENT' }], ['reader', SCOPE_MISSING], ['provider', 'ok']],
  },
  {
    name: 'read a check’s case',
    scopes: ['checks:read'],
    rest: (ids) => ({ method: 'get', path: `/api/v1/checks/${ids.checkId}/case` }),
    gql: (ids) => ({ query: `{ checkCase(checkId: "${ids.checkId}") { feedbackStatus } }` }),
    cases: [['reader', 'ok'], ['other', { status: 403, code: 'DEPARTMENT_NOT_ALLOWED' }], ['provider', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'read the written notice of an applied measure',
    scopes: ['checks:read'],
    rest: (ids) => ({ method: 'get', path: `/api/v1/checks/${ids.noticeCheckId}/notices/${ids.noticeMeasure}` }),
    gql: (ids) => ({ query: `{ measureNotice(checkId: "${ids.noticeCheckId}", measureCode: "${ids.noticeMeasure}") { noticeNumber } }` }),
    cases: [['reader', 'ok'], ['other', { status: 403, code: 'DEPARTMENT_NOT_ALLOWED' }], ['provider', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'download the written notice of an applied measure as PDF (REST only)',
    scopes: ['checks:read'],
    rest: (ids) => ({ method: 'get', path: `/api/v1/checks/${ids.noticeCheckId}/notices/${ids.noticeMeasure}/pdf` }),
    cases: [['reader', 'ok'], ['other', { status: 403, code: 'DEPARTMENT_NOT_ALLOWED' }], ['provider', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'read pending feedback of a department',
    scopes: ['checks:read'],
    rest: () => ({ method: 'get', path: '/api/v1/feedback/pending?departmentId=A-SCJGJ' }),
    gql: () => ({ query: '{ pendingFeedback(departmentId: "A-SCJGJ") { checkId } }' }),
    cases: [['reader', 'ok'], ['other', { status: 403, code: 'DEPARTMENT_NOT_ALLOWED' }], ['office', 'ok']],
  },
  {
    name: 'read feedback statistics of a department',
    scopes: ['checks:read'],
    rest: () => ({ method: 'post', path: '/api/v1/feedback/statistics', body: { from: '2026-01-01', to: '2026-12-31', departmentId: 'A-SCJGJ' } }),
    gql: () => ({ query: '{ feedbackStatistics(filter: { from: "2026-01-01", to: "2026-12-31", departmentId: "A-SCJGJ" }) { from } }' }),
    cases: [['reader', 'ok'], ['other', { status: 403, code: 'DEPARTMENT_NOT_ALLOWED' }], ['office', 'ok']],
  },
  {
    name: 'publish the quarterly lists',
    scopes: ['admin'],
    rest: () => ({ method: 'post', path: '/api/v1/lists/publications', body: { year: 2026, quarter: 3 } }),
    gql: () => ({ query: 'mutation { publishQuarterlyLists(input: { year: 2026, quarter: 3 }) { __typename } }' }),
    cases: [['provider', SCOPE_MISSING], ['other', SCOPE_MISSING], ['office', 'passes']],
  },
  // ---- reports and grades (checks:perform; a report is the requesting department's)
  {
    name: 'issue a credit report',
    scopes: ['checks:perform'],
    rest: () => ({ method: 'post', path: '/api/v1/reports', body: { subject: org, purpose: '招标投标' } }),
    gql: () => ({ query: 'mutation ($i: IssueReportInput!) { issueCreditReport(input: $i) { reportNumber } }', variables: { i: { subject: org, purpose: '招标投标' } } }),
    cases: [['provider', 'ok'], ['window', SCOPE_MISSING]],
  },
  {
    name: 'read a credit report',
    scopes: ['checks:perform'],
    rest: (ids) => ({ method: 'get', path: `/api/v1/reports/${ids.reportNumber}` }),
    gql: (ids) => ({ query: `{ creditReport(reportNumber: "${ids.reportNumber}") { reportNumber } }` }),
    cases: [['provider', 'ok'], ['other', { status: 404, code: 'REPORT_NOT_FOUND' }], ['window', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'download a credit report’s PDF (REST only)',
    scopes: ['checks:perform'],
    rest: (ids) => ({ method: 'get', path: `/api/v1/reports/${ids.reportNumber}/pdf` }),
    cases: [['provider', 'ok'], ['other', { status: 404, code: 'REPORT_NOT_FOUND' }], ['office', 'ok']],
  },
  {
    name: 'grade a subject',
    scopes: ['checks:perform'],
    rest: () => ({ method: 'post', path: '/api/v1/grades', body: { subject: person } }),
    gql: () => ({ query: 'query ($i: GradeInput!) { subjectGrade(input: $i) { grade } }', variables: { i: { subject: person } } }),
    cases: [['provider', 'ok'], ['window', SCOPE_MISSING]],
  },
  {
    name: 'sample for inspection',
    scopes: ['checks:perform'],
    rest: () => ({ method: 'post', path: '/api/v1/inspections/sample', body: { seed: 'matrix' } }),
    gql: () => ({ query: 'mutation { sampleForInspection(input: { seed: "matrix" }) { __typename } }' }),
    cases: [['provider', 'passes'], ['window', SCOPE_MISSING]],
  },
  // ---- public: no token
  {
    name: 'verify a credit report (public)',
    scopes: [],
    rest: (ids) => ({ method: 'post', path: '/api/v1/reports/verification', body: { reportNumber: ids.reportNumber, json: '{}' } }),
    gql: (ids) => ({ query: `{ verifyCreditReport(input: { reportNumber: "${ids.reportNumber}", json: "{}" }) { valid status } }` }),
    cases: [[null, 'ok'], ['bare', 'ok']],
  },
  {
    name: 'the report signing keys (public, REST only)',
    scopes: [],
    rest: () => ({ method: 'get', path: '/api/v1/reports/public-keys' }),
    cases: [[null, 'ok']],
  },
  {
    name: 'the public query of an organisation (REST only)',
    scopes: [],
    rest: () => ({ method: 'get', path: `/api/v1/public/organisations/${org.uscc}/records` }),
    cases: [[null, 'ok']],
  },
  {
    name: 'the token signing keys (JWKS, public, REST only)',
    scopes: [],
    rest: () => ({ method: 'get', path: '/.well-known/jwks.json' }),
    cases: [[null, 'ok']],
  },
  // ---- lists (lists:read, lists:write)
  {
    name: 'propose a list entry',
    scopes: ['lists:write'],
    rest: () => ({ method: 'post', path: '/api/v1/lists', body: { listType: 'KEY_ATTENTION', subject: org, reason: '多次违法', basisText: '矩阵测试' } }),
    gql: () => ({
      query: 'mutation ($i: ProposeListEntryInput!) { proposeListEntry(input: $i) { __typename } }',
      variables: { i: { listType: 'KEY_ATTENTION', subject: org, reason: '多次违法', basisText: '矩阵测试' } },
    }),
    cases: [['window', SCOPE_MISSING], ['provider', SCOPE_MISSING], ['lists', 'passes']],
  },
  {
    name: 'search a subject’s list entries',
    scopes: ['lists:read'],
    rest: () => ({ method: 'post', path: '/api/v1/lists/search', body: { subject: person } }),
    gql: () => ({ query: 'query ($q: ListEntriesQuery!) { listEntries(query: $q) { __typename } }', variables: { q: { subject: person } } }),
    cases: [['window', 'ok'], ['lists', 'ok'], ['provider', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'read the measures',
    scopes: ['lists:read'],
    rest: () => ({ method: 'get', path: '/api/v1/lists/measures' }),
    gql: () => ({ query: '{ measures { editionId } }' }),
    cases: [['window', 'ok'], ['provider', SCOPE_MISSING]],
  },
  {
    name: 'download the measures as CSV (REST only)',
    scopes: ['lists:read'],
    rest: () => ({ method: 'get', path: '/api/v1/lists/measures/csv' }),
    cases: [['window', 'ok'], ['provider', SCOPE_MISSING]],
  },
  {
    name: 'import a measures edition',
    scopes: ['admin'],
    rest: (ids) => ({ method: 'post', path: '/api/v1/lists/measures/editions', body: edition(ids.measuresCsv) }),
    gql: (ids) => ({ query: 'mutation ($i: ImportMeasuresEditionInput!) { importMeasuresEdition(input: $i) { editionId } }', variables: { i: edition(ids.measuresCsv) } }),
    /** The office's second import of the same edition (GraphQL after REST) is refused for the edition, not the caller. */
    cases: [['lists', SCOPE_MISSING], ['provider', SCOPE_MISSING], ['office', 'passes']],
  },
  {
    name: 'read a list entry’s notice',
    scopes: ['lists:read'],
    rest: (ids) => ({ method: 'get', path: `/api/v1/lists/${ids.entryId}/notice` }),
    gql: (ids) => ({ query: `{ listNotice(entryId: "${ids.entryId}") { noticeNumber } }` }),
    cases: [['window', 'ok'], ['lists', 'ok'], ['provider', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'download a list entry’s notice PDF (REST only)',
    scopes: ['lists:read'],
    rest: (ids) => ({ method: 'get', path: `/api/v1/lists/${ids.entryId}/notice/pdf` }),
    cases: [['window', 'ok'], ['other', 'ok'], ['provider', SCOPE_MISSING], ['office', 'ok']],
  },
  // ---- objections (objections:file to file; the verifying department decides; parties and the credit office read)
  {
    name: 'file an objection',
    scopes: ['objections:file'],
    rest: (ids) => ({ method: 'post', path: '/api/v1/objections', body: objection(ids.seriousRecord) }),
    gql: (ids) => ({ query: 'mutation ($i: FileObjectionInput!) { fileObjection(input: $i) { merged } }', variables: { i: objection(ids.seriousRecord) } }),
    cases: [['provider', SCOPE_MISSING], ['window', 'passes']],
  },
  {
    name: 'read an objection',
    scopes: ['objections:file', 'objections:decide'],
    rest: (ids) => ({ method: 'get', path: `/api/v1/objections/${ids.objectionId}` }),
    gql: (ids) => ({ query: `{ objection(id: "${ids.objectionId}") { objectionId } }` }),
    cases: [['window', 'ok'], ['provider', 'ok'], ['other', { status: 403, code: 'NOT_OBJECTION_PARTY' }], ['lists', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'list another department’s objections',
    scopes: ['objections:file', 'objections:decide'],
    rest: () => ({ method: 'get', path: '/api/v1/objections?role=VERIFYING&departmentId=A-SCJGJ' }),
    gql: () => ({ query: '{ objections(filter: { role: VERIFYING, departmentId: "A-SCJGJ" }) { nextCursor } }' }),
    cases: [['provider', 'ok'], ['other', { status: 403, code: 'DEPARTMENT_NOT_ALLOWED' }], ['window', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'objection statistics of a department',
    scopes: ['objections:decide'],
    rest: () => ({ method: 'get', path: '/api/v1/objections/statistics?departmentId=A-SCJGJ' }),
    gql: () => ({ query: '{ objectionStatistics(filter: { departmentId: "A-SCJGJ" }) { __typename } }' }),
    cases: [['provider', 'ok'], ['other', { status: 403, code: 'DEPARTMENT_NOT_ALLOWED' }], ['window', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'objection notifications',
    scopes: ['objections:decide'],
    rest: () => ({ method: 'get', path: '/api/v1/objections/notifications' }),
    gql: () => ({ query: '{ objectionNotifications { __typename } }' }),
    cases: [['provider', 'ok'], ['window', SCOPE_MISSING]],
  },
  {
    name: 'decide an objection',
    scopes: ['objections:decide'],
    rest: (ids) => ({ method: 'post', path: `/api/v1/objections/${ids.objectionId}/decision`, body: { outcome: 'MAINTAINED', reasons: '经核实无误' } }),
    gql: (ids) => ({
      query: 'mutation ($id: ID!, $i: DecideObjectionInput!) { decideObjection(id: $id, input: $i) { status } }',
      variables: { id: ids.objectionId, i: { outcome: 'MAINTAINED', reasons: '经核实无误' } },
    }),
    cases: [['other', { status: 403, code: 'NOT_VERIFYING_DEPARTMENT' }], ['window', SCOPE_MISSING], ['provider', 'passes']],
  },
  // ---- repairs (repairs:apply to apply; the deciding department decides; parties and the credit office read)
  {
    name: 'repair eligibility',
    scopes: ['repairs:apply'],
    rest: (ids) => ({ method: 'post', path: '/api/v1/repairs/eligibility', body: eligibility(ids.minorRecord) }),
    gql: (ids) => ({ query: 'query ($i: RepairEligibilityInput!) { repairEligibility(input: $i) { eligible } }', variables: { i: eligibility(ids.minorRecord) } }),
    cases: [['window', 'ok'], ['provider', SCOPE_MISSING]],
  },
  {
    name: 'apply for repair',
    scopes: ['repairs:apply'],
    rest: (ids) => ({ method: 'post', path: '/api/v1/repairs', body: repair(ids.seriousRecord) }),
    gql: (ids) => ({ query: 'mutation ($i: ApplyForRepairInput!) { applyForRepair(input: $i) { status } }', variables: { i: repair(ids.seriousRecord) } }),
    cases: [['provider', SCOPE_MISSING], ['window', 'passes']],
  },
  {
    name: 'read a repair application',
    scopes: ['repairs:apply', 'repairs:decide'],
    rest: (ids) => ({ method: 'get', path: `/api/v1/repairs/${ids.applicationId}` }),
    gql: (ids) => ({ query: `{ repairApplication(id: "${ids.applicationId}") { applicationId } }` }),
    cases: [['window', 'ok'], ['provider', 'ok'], ['other', { status: 404, code: 'REPAIR_APPLICATION_NOT_FOUND' }], ['lists', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'list another department’s repair applications',
    scopes: ['repairs:apply', 'repairs:decide'],
    rest: () => ({ method: 'get', path: '/api/v1/repairs?role=TO_DECIDE&departmentId=A-SCJGJ' }),
    gql: () => ({ query: '{ repairApplications(filter: { role: TO_DECIDE, departmentId: "A-SCJGJ" }) { nextCursor } }' }),
    cases: [['provider', 'ok'], ['other', { status: 403, code: 'DEPARTMENT_NOT_ALLOWED' }], ['window', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'a record’s reminder letter',
    scopes: ['repairs:apply', 'repairs:decide'],
    rest: (ids) => ({ method: 'get', path: `/api/v1/repairs/reminder-letters/${ids.minorRecord}` }),
    gql: (ids) => ({ query: `{ reminderLetter(recordId: "${ids.minorRecord}") { recordId } }` }),
    cases: [['window', 'ok'], ['lists', SCOPE_MISSING]],
  },
  {
    name: 'repair statistics of a department',
    scopes: ['repairs:decide'],
    rest: () => ({ method: 'get', path: '/api/v1/repairs/statistics?departmentId=A-SCJGJ' }),
    gql: () => ({ query: '{ repairStatistics(filter: { departmentId: "A-SCJGJ" }) { decided } }' }),
    cases: [['provider', 'ok'], ['other', { status: 403, code: 'DEPARTMENT_NOT_ALLOWED' }], ['window', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'decide a repair application',
    scopes: ['repairs:decide'],
    rest: (ids) => ({ method: 'post', path: `/api/v1/repairs/${ids.applicationId}/decision`, body: { outcome: 'APPROVED' } }),
    gql: (ids) => ({ query: 'mutation ($id: ID!, $i: DecideRepairInput!) { decideRepair(id: $id, input: $i) { status } }', variables: { id: ids.applicationId, i: { outcome: 'APPROVED' } } }),
    cases: [['other', { status: 403, code: 'NOT_DECIDING_DEPARTMENT' }], ['window', SCOPE_MISSING], ['provider', 'passes']],
  },
  {
    name: 'report a broken repair commitment',
    scopes: ['repairs:decide'],
    rest: (ids) => ({ method: 'post', path: `/api/v1/repairs/${ids.applicationId}/commitment-breach`, body: { reason: '再次违法' } }),
    gql: (ids) => ({
      query: 'mutation ($id: ID!, $i: CommitmentBreachInput!) { reportCommitmentBreach(id: $id, input: $i) { status } }',
      variables: { id: ids.applicationId, i: { reason: '再次违法' } },
    }),
    cases: [['other', { status: 403, code: 'NOT_DECIDING_DEPARTMENT' }], ['window', SCOPE_MISSING], ['office', 'passes']],
  },
  // ---- administration (admin only)
  {
    name: 'list departments',
    scopes: ['admin'],
    rest: () => ({ method: 'get', path: '/api/v1/admin/departments' }),
    gql: () => ({ query: '{ adminDepartments { code } }' }),
    cases: [['provider', SCOPE_MISSING], ['other', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'list clients',
    scopes: ['admin'],
    rest: () => ({ method: 'get', path: '/api/v1/admin/clients' }),
    gql: () => ({ query: '{ adminClients { clientId } }' }),
    cases: [['other', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'read the admin audit',
    scopes: ['admin'],
    rest: () => ({ method: 'get', path: '/api/v1/admin/audit' }),
    gql: () => ({ query: '{ adminAuditLog { action } }' }),
    cases: [['other', SCOPE_MISSING], ['office', 'ok']],
  },
  {
    name: 'update a department',
    scopes: ['admin'],
    rest: () => ({ method: 'patch', path: '/api/v1/admin/departments/B-SWJ', body: { name: '税务局' } }),
    gql: () => ({ query: 'mutation { updateDepartment(code: "B-SWJ", input: { name: "税务局" }) { code } }' }),
    cases: [['other', SCOPE_MISSING]],
  },
  {
    name: 'create a client',
    scopes: ['admin'],
    rest: () => ({ method: 'post', path: '/api/v1/admin/clients', body: { departmentCode: 'B-SWJ', name: 'escalation', scopes: ['admin'] } }),
    gql: () => ({ query: 'mutation { createApiClient(input: { departmentCode: "B-SWJ", name: "escalation", scopes: ["admin"] }) { clientId } }' }),
    cases: [['other', SCOPE_MISSING]],
  },
  {
    name: 'rotate the signing key',
    scopes: ['admin'],
    rest: () => ({ method: 'post', path: '/api/v1/admin/signing-keys/rotate' }),
    gql: () => ({ query: 'mutation { rotateSigningKey { kid } }' }),
    cases: [['other', SCOPE_MISSING]],
  },
];

interface Row {
  operation: Operation;
  client: string | null;
  expected: Expected;
}

/** The table: every operation's own cases, and for a scoped one: no token → 401, a client with none of its scopes → 403. */
const MATRIX: Row[] = OPERATIONS.flatMap((operation) => {
  const generated: Row[] = operation.scopes.length === 0 ? [] : [{ operation, client: null, expected: UNAUTHENTICATED }, { operation, client: 'bare', expected: SCOPE_MISSING }];
  return [...generated, ...operation.cases.map(([client, expected]) => ({ operation, client, expected }))];
});

/** Codes that mean "refused for who you are", never an operation's own failure. */
const DENIALS = new Set(['UNAUTHENTICATED', 'SCOPE_MISSING', 'FORBIDDEN', 'DEPARTMENT_NOT_ALLOWED', 'INTERNAL']);
for (const row of MATRIX) if (typeof row.expected === 'object' && 'code' in row.expected) DENIALS.add(row.expected.code);

interface ErrorBody {
  code?: string;
  details?: { code?: string }[];
}
const codesOf = (error: ErrorBody | undefined): string[] => (error ? [error.code ?? '(no code)', ...(error.details ?? []).map((d) => d.code ?? '(no code)')] : []);
/** Refusals of the request itself (GraphQL validation, input errors): an operation that "passes" must not end in one. */
const MALFORMED = /^(GRAPHQL_|BAD_USER_INPUT|VALIDATION|\(no code\))/;

describe('authorisation matrix (REST and GraphQL)', () => {
  const pg = standaloneOnPostgres('authorization_matrix');
  const tokens: Record<string, string> = {};
  const ids: Ids = {};
  /** Every response body of the run, for the ID-number check. */
  const seen: string[] = [];
  const api = () => request(pg.platform.baseUrl);
  const as = (client: string) => `Bearer ${tokens[client]}`;

  beforeAll(async () => {
    const clients = pg.platform.services.gateway.get(ClientsService);
    for (const [name, c] of Object.entries(CLIENTS)) {
      const issued = await clients.createClient({ departmentId: c.department, departmentName: c.department, name, scopes: c.scopes });
      tokens[name] = await obtainToken(pg.platform.baseUrl, issued.clientId, issued.clientSecret);
    }
    const submit = async (body: object) => (await api().post('/api/v1/records').set('authorization', as('provider')).send(body).expect(201)).body.recordId as string;
    ids.seriousRecord = await submit(serious);
    ids.minorRecord = await submit(minor);
    ids.personalRecord = await submit(personal);
    ids.spareRecord = await submit(spare);
    const { body: catalogue } = await api().get('/api/v1/catalogue').set('authorization', as('provider')).expect(200);
    ids.closedItem = catalogue.find((i: { openSubmission: boolean }) => !i.openSubmission).code;
    ids.versionedItem = catalogue.find((i: { code: string }) => ![ids.closedItem, 'ADMIN_PENALTY', 'COMMITMENT_BREACH'].includes(i.code)).code;
    const { body: made } = await api().post('/api/v1/commitments').set('authorization', as('provider')).send(received).expect(201);
    ids.commitmentId = made.commitmentId;
    ids.commitmentSubject = made.subject.key;
    ids.measuresCsv = (await api().get('/api/v1/lists/measures/csv').set('authorization', as('window')).expect(200)).text;

    const upload = await api()
      .post(`/api/v1/imports?batchKey=matrix-${Date.now()}`)
      .set('authorization', as('provider'))
      .set('content-type', 'application/x-ndjson')
      .send(`${JSON.stringify(penaltyRecord())}\n${JSON.stringify({ ...personal, decisionDate: '2026-02-30' })}\n`)
      .expect(201);
    ids.importId = upload.body.importId;

    const check = await eventually('the serious record in credit-check', async () => {
      const { body } = await api().post('/api/v1/checks').set('authorization', as('provider')).send({ subject: org, matterType: 'ADMIN_LICENSING', matterReference: 'XK-MATRIX-0' });
      return body.found && body.measures.some((m: { status: string }) => m.status === 'APPLIES') ? body : undefined;
    });
    ids.checkId = check.checkId;
    await eventually('the case', async () => ((await api().get(`/api/v1/checks/${check.checkId}/case`).set('authorization', as('reader'))).status === 200 ? true : undefined));
    const { body: kase } = await api().get(`/api/v1/checks/${check.checkId}/case`).set('authorization', as('reader')).expect(200);
    ids.measures = kase.measures.map((m: { code: string }) => m.code).join(',');
    await api().post(`/api/v1/checks/${ids.checkId}/feedback`).set('authorization', as('provider')).send(feedback(ids.measures.split(','))).expect(200);

    // a second check whose first measure is applied: its written notice
    const { body: noticed } = await api()
      .post('/api/v1/checks')
      .set('authorization', as('provider'))
      .send({ subject: org, matterType: 'ADMIN_LICENSING', matterReference: 'XK-MATRIX-NOTICE' })
      .expect(200);
    const { body: noticedCase } = await eventually('the second case', async () => {
      const r = await api().get(`/api/v1/checks/${noticed.checkId}/case`).set('authorization', as('reader'));
      return r.status === 200 ? r : undefined;
    });
    const [appliedMeasure, ...declined] = noticedCase.measures.map((m: { code: string }) => m.code) as string[];
    await api()
      .post(`/api/v1/checks/${noticed.checkId}/feedback`)
      .set('authorization', as('provider'))
      .send({ ...feedback(declined), measures: [{ measureCode: appliedMeasure, decision: 'APPLIED', startDate: today, content: '列为重点审查对象', outcome: '加强审查后办结' }, ...feedback(declined).measures] })
      .expect(200);
    ids.noticeCheckId = noticed.checkId;
    ids.noticeMeasure = appliedMeasure;
    await eventually('the measure notice', async () => ((await api().get(`/api/v1/checks/${noticed.checkId}/notices/${appliedMeasure}`).set('authorization', as('reader'))).status === 200 ? true : undefined));

    const { body: proposed } = await api()
      .post('/api/v1/lists')
      .set('authorization', as('lists'))
      .send({ listType: 'KEY_ATTENTION', subject: person, reason: '多次违法', basisText: '矩阵测试告知书' })
      .expect(201);
    ids.entryId = proposed.entry.entryId;
    await eventually('the list notice', async () => ((await api().get(`/api/v1/lists/${ids.entryId}/notice`).set('authorization', as('lists'))).status === 200 ? true : undefined));

    ids.reportNumber = (await api().post('/api/v1/reports').set('authorization', as('provider')).send({ subject: org, purpose: '招标投标' }).expect(201)).body.reportNumber;

    const filed = await eventually('the record in the objection service', async () => {
      const r = await api().post('/api/v1/objections').set('authorization', as('window')).send(objection(ids.seriousRecord));
      return r.status === 201 ? r.body : undefined;
    });
    ids.objectionId = filed.objection.objectionId;
    const applied = await eventually('the minor record in credit-repair', async () => {
      const r = await api().post('/api/v1/repairs').set('authorization', as('window')).send(repair(ids.minorRecord));
      return r.status === 201 ? r.body : undefined;
    });
    ids.applicationId = applied.applicationId;
  }, 60_000);

  it.each(MATRIX.map((row) => [`${row.operation.name} — ${row.client ?? 'no token'} → ${describeExpected(row.expected)}`, row] as const))('%s', async (_title, row) => {
    const { operation, client, expected } = row;
    const sees = typeof expected === 'object' && 'sees' in expected ? expected.sees : undefined;
    if (operation.rest) {
      const call = operation.rest(ids);
      const r = api()[call.method](call.path);
      if (client) void r.set('authorization', as(client));
      const response = await r.send(call.body as object);
      seen.push(response.text ?? '');
      const codes = codesOf(response.body?.error);
      const outcome = { transport: 'REST', status: response.status, codes };
      if (expected === 'ok' || sees !== undefined) {
        expect([outcome, response.status >= 200 && response.status < 300]).toEqual([outcome, true]);
        if (sees !== undefined) expect(operation.entries!(response.body)).toHaveLength(sees);
      } else if (expected === 'passes') {
        expect([outcome, response.status < 500 && ![401, 403, 404].includes(response.status) && !codes.some((c) => DENIALS.has(c))]).toEqual([outcome, true]);
      } else if ('code' in expected) expect(outcome).toEqual({ transport: 'REST', status: expected.status, codes: expect.arrayContaining([expected.code]) });
    }
    if (operation.gql) {
      const call = operation.gql(ids);
      const r = api().post('/graphql');
      if (client) void r.set('authorization', as(client));
      const response = await r.send({ query: call.query, variables: call.variables ?? {} });
      seen.push(response.text ?? '');
      const errors = (response.body?.errors ?? []) as { extensions?: ErrorBody }[];
      const codes = errors.flatMap((e) => codesOf(e.extensions ?? {}));
      const outcome = { transport: 'GraphQL', codes };
      if (expected === 'ok' || sees !== undefined) {
        expect(outcome).toEqual({ transport: 'GraphQL', codes: [] });
        if (sees !== undefined) expect(operation.entries!(Object.values(response.body.data)[0] as Record<string, unknown[]>)).toHaveLength(sees);
      } else if (expected === 'passes') {
        expect([outcome, codes.some((c) => DENIALS.has(c) || MALFORMED.test(c) || /NOT_FOUND$/.test(c))]).toEqual([outcome, false]);
      } else if ('code' in expected) expect(outcome).toEqual({ transport: 'GraphQL', codes: expect.arrayContaining([expected.code]) });
    }
  });

  it('never returns the full ID number of the natural person of the setup', () => {
    expect(seen.length).toBeGreaterThan(MATRIX.length);
    expect(seen.filter((text) => text.includes(idNumber))).toEqual([]);
  });
});

function describeExpected(expected: Expected): string {
  if (typeof expected === 'string') return expected;
  return 'sees' in expected ? `ok, ${expected.sees} entries` : `${expected.status} ${expected.code}`;
}
