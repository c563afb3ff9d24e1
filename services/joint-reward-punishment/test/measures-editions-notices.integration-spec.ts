/**
 * The measures list as editions that reach checks (MeasuresEditionPublished), a new edition by CSV import,
 * notices as PDF, and measure notices withdrawn after an objection corrects the information they rested on.
 */
import { randomUUID } from 'node:crypto';
import { Events, ListType, ObjectionOutcome, ObjectionTargetType, ProtoFiles, SubjectType, type CheckPerformed, type SubjectRef } from '@credit/contracts';
import { pdfInfoString } from '@credit/documents';
import { JOINT_MEASURES } from '@credit/domain';
import { eventually, startServiceUnderTest, type ServiceUnderTest } from '@credit/testing';
import { JointRewardPunishmentModule } from '../src';
import { JrpClock } from '../src/lists/clock';
import { JrpGrpcController } from '../src/lists/jrp.grpc.controller';
import { MEASURE_CSV_HEADERS, parseCsvRows } from '../src/measures/measures-csv';
import { at, company, penalty } from './jrp-fixtures';

let sut: ServiceUnderTest;
let api: JrpGrpcController;
const TODAY = '2026-10-08';
const VETO = 'P-VETO-BLACKLISTED';
const TRADING_BAR = 'P-NO-PUBLIC-RESOURCE-TRADING';

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as { kind: string; errors: { code: string; field?: string; message: { zh: string } }[] };
  }
  throw new Error('expected a failure');
};

/** Replaces one cell of one data row of an exported CSV (`row` counted as in the error fields: data from 2). */
function editCsv(csv: string, edits: { code: string; column: (typeof MEASURE_CSV_HEADERS)[number]; value: string }[]): string {
  const rows = parseCsvRows(csv);
  for (const e of edits) {
    const row = rows.find((r) => r[1] === e.code)!;
    row[MEASURE_CSV_HEADERS.indexOf(e.column)] = e.value;
  }
  return rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
}

const rowOf = (csv: string, code: string) => parseCsvRows(csv).findIndex((r) => r[1] === code) + 1;

beforeAll(async () => {
  sut = await startServiceUnderTest('jrp-editions', (deps) => JointRewardPunishmentModule.forRoot(deps, { dailySweepTimer: false, feedbackWorkingDays: 5 }), {
    serviceName: 'joint-reward-punishment',
    protoFile: ProtoFiles.jointRewardPunishment,
    env: { JURISDICTION: '430923' },
  });
  api = sut.app.get(JrpGrpcController);
  sut.app.get(JrpClock).fix(TODAY);
});

afterAll(async () => {
  await sut?.stop();
});

describe('editions of the measures list', () => {
  it('publishes the seeded edition once at start with every field a verdict needs', async () => {
    const published = await eventually('the seeded edition published', async () => {
      const events = await sut.events(Events.MeasuresEditionPublished);
      return events.length > 0 ? events : undefined;
    });
    expect(published.map((e) => [e.id, e.subjectKey])).toEqual([['measures-edition:M-2026.1', 'MEASURES:M-2026.1']]);
    const edition = published[0].payload;
    expect(edition).toMatchObject({ editionId: 'M-2026.1', effectiveFrom: '2026-01-01' });
    expect(edition.measures.map((m) => m.code)).toEqual(JOINT_MEASURES.map((m) => m.code));
    const veto = edition.measures.find((m) => m.code === VETO)!;
    const seeded = JOINT_MEASURES.find((m) => m.code === VETO)!;
    expect(veto).toMatchObject({ class: seeded.class, effect: seeded.effect, type: seeded.type, targetLists: [...seeded.target.lists], matterTypes: [...seeded.matterTypes] });
    expect(veto.legalBasis).toEqual([...seeded.legalBasis]);
    expect(JSON.parse(veto.quotesJson)).toEqual(JSON.parse(JSON.stringify(seeded.quotes)));
  });

  it('imports an edition from the exported CSV: a new edition from its date, the past one unchanged, published to checks', async () => {
    const { csv } = await api.exportMeasuresCsv({ editionId: 'M-2026.1', matterType: '', targetList: '' });
    const changed = editCsv(csv, [{ code: VETO, column: 'class', value: 'MANDATORY' }]);
    const forbidden = await errorOf(api.importMeasuresEdition({ editionId: 'M-2026.2', effectiveFrom: '2026-10-09', basis: ['x'], csv: changed, creditOffice: false, requestedBy: 'dept' }));
    expect([forbidden.kind, forbidden.errors[0].code]).toEqual(['FORBIDDEN', 'CREDIT_OFFICE_ONLY']);

    const imported = await api.importMeasuresEdition({
      editionId: 'M-2026.2',
      effectiveFrom: '2026-10-09',
      basis: ['安化县社会信用体系建设领导小组办公室关于调整联合奖惩措施清单的通知'],
      csv: changed,
      creditOffice: true,
      requestedBy: '县信用办 李四',
    });
    expect(imported).toMatchObject({ editionId: 'M-2026.2', effectiveFrom: '2026-10-09' });
    expect(imported.measures).toHaveLength(JOINT_MEASURES.length);
    expect(imported.measures.find((m) => m.code === VETO)!.class).toBe('MANDATORY');

    // today the seeded edition is still in force, and it did not change
    expect((await api.listMeasures({ editionId: '', matterType: '', targetList: '' })).editionId).toBe('M-2026.1');
    expect((await api.listMeasures({ editionId: 'M-2026.1', matterType: '', targetList: '' })).measures.find((m) => m.code === VETO)!.class).toBe('RECOMMENDED');
    sut.app.get(JrpClock).fix('2026-10-09');
    try {
      expect((await api.listMeasures({ editionId: '', matterType: '', targetList: '' })).editionId).toBe('M-2026.2');
    } finally {
      sut.app.get(JrpClock).fix(TODAY);
    }
    // the new edition exports in the same format
    const again = await api.exportMeasuresCsv({ editionId: 'M-2026.2', matterType: '', targetList: '' });
    expect(again.csv.split('\r\n')[0]).toBe(MEASURE_CSV_HEADERS.join(','));

    const published = await eventually('the new edition published', async () => {
      const events = await sut.events(Events.MeasuresEditionPublished);
      return events.find((e) => e.payload.editionId === 'M-2026.2');
    });
    expect(published.id).toBe('measures-edition:M-2026.2');
    expect(published.payload.effectiveFrom).toBe('2026-10-09');
    expect(published.payload.measures.find((m) => m.code === VETO)).toMatchObject({ class: 'MANDATORY', effect: 'BAR' });
    // the class basis, which the CSV does not carry, says where the new class comes from
    expect(published.payload.measures.find((m) => m.code === VETO)!.classBasis).toContain('M-2026.2');

    // the same edition id again: refused, the edition stays as it was
    const twice = await errorOf(api.importMeasuresEdition({ editionId: 'M-2026.2', effectiveFrom: '2026-12-01', basis: ['x'], csv, creditOffice: true, requestedBy: '' }));
    expect([twice.kind, twice.errors[0].code]).toEqual(['CONFLICT', 'EDITION_EXISTS']);
    // an edition cannot take effect before the latest one
    const earlier = await errorOf(api.importMeasuresEdition({ editionId: 'M-2026.3', effectiveFrom: '2026-10-08', basis: ['x'], csv, creditOffice: true, requestedBy: '' }));
    expect(earlier.errors[0].code).toBe('EFFECTIVE_NOT_AFTER_LATEST');
  });

  it('refuses a CSV with unknown matter types, classes or effects, naming row and column, and stores nothing', async () => {
    const { csv } = await api.exportMeasuresCsv({ editionId: 'M-2026.1', matterType: '', targetList: '' });
    const bad = editCsv(csv, [
      { code: VETO, column: 'class', value: 'OPTIONAL' },
      { code: TRADING_BAR, column: 'effect', value: 'FINE' },
      { code: TRADING_BAR, column: 'matter_types', value: 'PUBLIC_BIDDING_FISCAL|LOTTERY' },
    ]);
    const failure = await errorOf(api.importMeasuresEdition({ editionId: 'M-2027.1', effectiveFrom: '2027-01-01', basis: ['x'], csv: bad, creditOffice: true, requestedBy: '' }));
    expect(failure.kind).toBe('VALIDATION');
    const trading = rowOf(bad, TRADING_BAR);
    const veto = rowOf(bad, VETO);
    // in row order, and within a row in column order
    const expected: [number, string][] = [
      [trading, 'effect'],
      [trading, 'matter_types'],
      [veto, 'class'],
    ];
    expected.sort((a, b) => a[0] - b[0]);
    expect(failure.errors.map((e) => [e.code, e.field])).toEqual(expected.map(([row, column]) => ['UNKNOWN_VALUE', `rows[${row}].${column}`]));
    expect(failure.errors.find((e) => e.field === `rows[${trading}].matter_types`)!.message.zh).toContain('LOTTERY');

    const header = await errorOf(api.importMeasuresEdition({ editionId: 'M-2027.1', effectiveFrom: '2027-01-01', basis: ['x'], csv: 'code,content\r\nP-X,y\r\n', creditOffice: true, requestedBy: '' }));
    expect(header.errors[0].code).toBe('CSV_HEADER');
    const date = await errorOf(api.importMeasuresEdition({ editionId: 'M-2027.1', effectiveFrom: '2026-10-01', basis: [], csv, creditOffice: true, requestedBy: '' }));
    expect(date.errors.map((e) => e.code)).toEqual(['EFFECTIVE_IN_PAST', 'REQUIRED']);

    await expect(api.listMeasures({ editionId: 'M-2027.1', matterType: '', targetList: '' })).rejects.toMatchObject({ kind: 'NOT_FOUND' });
    expect((await sut.events(Events.MeasuresEditionPublished)).map((e) => e.payload.editionId)).not.toContain('M-2027.1');
  });
});

describe('notices as PDF, and withdrawn after a wrong check', () => {
  it('gives the list-entry notice (告知书) as PDF with its Chinese title', async () => {
    const org = company('安化某某茶业有限公司');
    const proposed = await api.proposeListEntry({
      identifyingDepartmentId: 'anhua-tax',
      listType: ListType.LIST_TYPE_RED,
      subject: { type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON, name: org.name, uscc: org.uscc, idNumber: '' },
      basisRecordIds: [],
      basisText: '2025年度纳税信用A级纳税人',
      reason: '纳税信用A级',
      idempotencyKey: '',
    });
    const entryId = proposed.entry!.entryId;
    const notice = await eventually('the notice', async () => api.getNotice({ entryId }).catch(() => undefined));
    const pdf = await api.getNoticePdf({ entryId });
    expect(pdf.noticeNumber).toBe(notice.noticeNumber);
    expect(pdf.fileName).toBe(`${notice.noticeNumber}.pdf`);
    expect(Buffer.from(pdf.pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const title = notice.textZh.split('\n').find((l) => l.trim())!.trim();
    expect(title).toMatch(/告知书$/);
    expect(pdfInfoString(Buffer.from(pdf.pdf), 'Title')).toBe(title);
  });

  it('withdraws the measure notices of checks that used a record when an objection corrects it, and shows them as withdrawn', async () => {
    const department = `dept-${randomUUID().slice(0, 8)}`;
    const org: SubjectRef = company('安化某某矿业有限公司');
    const record = penalty(org, { severity: 'SERIOUS', decisionDate: '2026-09-01', collectedOn: '2026-09-02' });
    const other = penalty(org, { severity: 'GENERAL', decisionDate: '2026-09-03', collectedOn: '2026-09-04' });
    await sut.publish(Events.RecordCollected, org.key, record, `record-${record.recordId}-v1`);
    const check = (evidenceIds: string[]): CheckPerformed => ({
      checkId: randomUUID(),
      subject: org,
      matterType: 'PUBLIC_BIDDING_FISCAL',
      matterReference: `BJ-${randomUUID().slice(0, 8)}`,
      requesterDepartmentId: department,
      operator: 'operator-1',
      purpose: '招标投标资格审查',
      verdict: 'REJECT',
      measureCodes: [TRADING_BAR],
      evidenceIds,
      policyVersion: 'CN-2025.1+M-2026.1',
      checkedAt: at('2026-09-30'),
      batchId: '',
      logSequence: 1,
    });
    const wrong = check([record.recordId]);
    const unrelated = check([other.recordId]);
    for (const c of [wrong, unrelated]) await sut.publish(Events.CheckPerformed, org.key, c, `check-${c.checkId}`);
    const apply = (c: CheckPerformed) =>
      eventually('the case', () =>
        api
          .submitFeedback({
            checkId: c.checkId,
            departmentId: department,
            operator: '张经办',
            conduct: '',
            measures: [{ measureCode: TRADING_BAR, decision: 'APPLIED', reasonCode: '', reason: '', startDate: TODAY, endDate: '', content: '不予受理其投标', outcome: '已拒绝其投标' }],
          })
          .catch(() => undefined),
      );
    await apply(wrong);
    await apply(unrelated);
    expect((await api.getMeasureNotice({ checkId: wrong.checkId, measureCode: TRADING_BAR })).status).toBe('ISSUED');

    const objectionId = randomUUID();
    await sut.publish(Events.ObjectionResolved, org.key, {
      objectionId,
      subject: org,
      targetType: ObjectionTargetType.OBJECTION_TARGET_TYPE_RECORD,
      targetId: record.recordId,
      targetVersion: 1,
      outcome: ObjectionOutcome.OBJECTION_OUTCOME_CORRECTED,
      reasons: '处罚决定书文号登记错误',
      correctedFieldsJson: '{"decisionNumber":"安市监罚〔2026〕99号"}',
      providerDepartmentId: 'anhua-samr',
      filedAt: at('2026-10-02'),
      resolvedAt: at('2026-10-12'),
    });
    const withdrawn = await eventually('the notice withdrawn', async () => {
      const n = await api.getMeasureNotice({ checkId: wrong.checkId, measureCode: TRADING_BAR });
      return n.status === 'WITHDRAWN' ? n : undefined;
    });
    expect(withdrawn).toMatchObject({ withdrawnByObjectionId: objectionId, withdrawnOn: '2026-10-12' });
    expect(withdrawn.withdrawalReason).toContain('更正');
    // a check that did not use the record keeps its notice
    expect((await api.getMeasureNotice({ checkId: unrelated.checkId, measureCode: TRADING_BAR })).status).toBe('ISSUED');

    const pdf = await api.getMeasureNoticePdf({ checkId: wrong.checkId, measureCode: TRADING_BAR });
    expect(pdf.status).toBe('WITHDRAWN');
    expect(Buffer.from(pdf.pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfInfoString(Buffer.from(pdf.pdf), 'Title')).toBe(withdrawn.textZh.split('\n').find((l) => l.trim())!.trim());
    expect(pdfInfoString(Buffer.from(pdf.pdf), 'Title')).toMatch(/告知书$/);
  });
});
