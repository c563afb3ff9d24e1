import { randomUUID } from 'node:crypto';
import { Events, ProtoFiles, type CheckPerformed, type SubjectRef } from '@credit/contracts';
import { JOINT_MEASURES } from '@credit/domain';
import { eventually, type ServiceUnderTest, startServiceUnderTest } from '@credit/testing';
import { JointRewardPunishmentModule } from '../src';
import { JrpClock } from '../src/lists/clock';
import { JrpGrpcController } from '../src/lists/jrp.grpc.controller';
import { at, company, penalty } from './jrp-fixtures';

let sut: ServiceUnderTest;
let api: JrpGrpcController;

const TRADING_BAR = 'P-NO-PUBLIC-RESOURCE-TRADING';
const KEY_REVIEW = 'R-KEY-LICENSING-REVIEW';

function checkPerformed(subject: SubjectRef, options: { department: string; day: string; measureCodes: string[]; evidenceIds?: string[]; matterType?: string }): CheckPerformed {
  return {
    checkId: randomUUID(),
    subject,
    matterType: options.matterType ?? 'PUBLIC_BIDDING_FISCAL',
    matterReference: `BJ-${randomUUID().slice(0, 8)}`,
    requesterDepartmentId: options.department,
    operator: 'operator-1',
    purpose: '招标投标资格审查',
    verdict: options.measureCodes.length ? 'REJECT' : 'PROCEED',
    measureCodes: options.measureCodes,
    evidenceIds: options.evidenceIds ?? [],
    policyVersion: 'CN-2025.1+M-2026.1',
    checkedAt: at(options.day),
    batchId: '',
    logSequence: 1,
  };
}

/** Publishes a check and waits until the service has handled it (its inbox row). */
async function deliver(check: CheckPerformed): Promise<void> {
  const id = `check-${check.checkId}`;
  await sut.publish(Events.CheckPerformed, check.subject!.key, check, id);
  await eventually('check handled', async () => {
    const rows = await sut.db.query(`SELECT 1 FROM joint_reward_punishment.inbox WHERE event_id = $1`, [id]);
    return rows.length === 1 ? true : undefined;
  });
}

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as { kind: string; errors: { code: string; field?: string }[] };
  }
  throw new Error('expected a failure');
};

beforeAll(async () => {
  sut = await startServiceUnderTest('jrp-feedback', (deps) => JointRewardPunishmentModule.forRoot(deps, { dailySweepTimer: false, feedbackWorkingDays: 5 }), {
    serviceName: 'joint-reward-punishment',
    protoFile: ProtoFiles.jointRewardPunishment,
    env: { JURISDICTION: '430923' },
  });
  api = sut.app.get(JrpGrpcController);
  sut.app.get(JrpClock).fix('2026-10-08');
});

afterAll(async () => {
  await sut?.stop();
});

describe('cases from checks (CheckPerformed) and the feedback deadline', () => {
  it('stores a case per check with measures, due N working days later across the National Day holiday', async () => {
    const department = `dept-${randomUUID().slice(0, 8)}`;
    const org = company('安化某某建筑有限公司');
    const check = checkPerformed(org, { department, day: '2026-09-30', measureCodes: [TRADING_BAR, KEY_REVIEW] });
    await deliver(check);

    const found = await api.getCheckCase({ checkId: check.checkId });
    // Wednesday 30 Sept + 5 working days: 1–7 Oct off, Thu 8 (1), Fri 9 (2), Sat 10 worked under 调休 (3), Mon 12 (4), Tue 13 (5).
    expect(found).toMatchObject({
      checkDay: '2026-09-30',
      feedbackDue: '2026-10-13',
      feedbackWorkingDays: 5,
      feedbackStatus: 'PENDING',
      departmentId: department,
      policyVersion: 'CN-2025.1+M-2026.1',
    });
    const trading = JOINT_MEASURES.find((m) => m.code === TRADING_BAR)!;
    expect(found.measures.map((m) => [m.code, m.decision])).toEqual([
      [TRADING_BAR, ''],
      [KEY_REVIEW, ''],
    ]);
    expect(found.measures[0]).toMatchObject({ type: 'PUNISHMENT', class: trading.class });
    expect(found.measures[0].legalBasis.length).toBeGreaterThan(0);

    const onDue = await api.listPendingFeedback({ departmentId: department, asOf: '2026-10-13', limit: 0 });
    expect(onDue.cases).toEqual([]);
    const dayAfter = await api.listPendingFeedback({ departmentId: department, asOf: '2026-10-14', limit: 0 });
    expect(dayAfter.cases).toHaveLength(1);
    expect(dayAfter.cases[0]).toMatchObject({
      checkId: check.checkId,
      feedbackDue: '2026-10-13',
      workingDaysOverdue: 1,
      missingMeasureCodes: [TRADING_BAR, KEY_REVIEW],
    });

    // The same event again (redelivery under another id) makes no second case.
    await sut.publish(Events.CheckPerformed, org.key, check, `check-${check.checkId}-again`);
    await deliver({ ...checkPerformed(org, { department, day: '2026-09-30', measureCodes: [] }) });
    const [{ n }] = await sut.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM joint_reward_punishment.case_measure WHERE check_id = $1`, [check.checkId]);
    expect(n).toBe(2);
  });

  it('makes no case for a check in which no measure applied', async () => {
    const check = checkPerformed(company(), { department: 'dept-none', day: '2026-10-08', measureCodes: [] });
    await deliver(check);
    expect((await errorOf(api.getCheckCase({ checkId: check.checkId }))).errors[0].code).toBe('CASE_NOT_FOUND');
  });
});

describe('feedback by the checking department, notices of measures applied, statistics', () => {
  const department = `dept-${randomUUID().slice(0, 8)}`;
  const org = company('安化某某食品有限公司');
  const record = penalty(org, { severity: 'SERIOUS', decisionDate: '2026-09-01', collectedOn: '2026-09-02' });
  let bidding: CheckPerformed;
  let licensing: CheckPerformed;

  beforeAll(async () => {
    await sut.publish(Events.RecordCollected, org.key, record, `record-${record.recordId}-v1`);
    bidding = checkPerformed(org, { department, day: '2026-09-30', measureCodes: [TRADING_BAR, KEY_REVIEW], evidenceIds: [record.recordId] });
    licensing = checkPerformed(org, { department, day: '2026-10-09', measureCodes: [KEY_REVIEW], evidenceIds: [record.recordId], matterType: 'ADMIN_LICENSING' });
    await deliver(bidding);
    await deliver(licensing);
  });

  it('accepts feedback only from the checking department, and validates each measure', async () => {
    const other = await errorOf(
      api.submitFeedback({ checkId: bidding.checkId, departmentId: 'another-dept', operator: 'x', conduct: '', measures: [{ measureCode: TRADING_BAR, decision: 'APPLIED', reasonCode: '', reason: '', startDate: '2026-10-08', endDate: '', content: '', outcome: '不予受理投标' }] }),
    );
    expect([other.kind, other.errors[0].code]).toEqual(['FORBIDDEN', 'NOT_CHECKING_DEPARTMENT']);

    const invalid = await errorOf(
      api.submitFeedback({
        checkId: bidding.checkId,
        departmentId: department,
        operator: 'x',
        conduct: '',
        measures: [
          { measureCode: TRADING_BAR, decision: 'APPLIED', reasonCode: '', reason: '', startDate: '2026-09-29', endDate: '', content: '', outcome: '' },
          { measureCode: KEY_REVIEW, decision: 'NOT_APPLIED', reasonCode: '', reason: '', startDate: '', endDate: '', content: '', outcome: '' },
          { measureCode: 'P-NO-AWARDS', decision: 'APPLIED', reasonCode: '', reason: '', startDate: '2026-10-08', endDate: '', content: '', outcome: 'x' },
        ],
      }),
    );
    expect(invalid.kind).toBe('VALIDATION');
    expect(invalid.errors.map((e) => [e.code, e.field])).toEqual([
      ['START_BEFORE_CHECK', 'measures[0].startDate'],
      ['OUTCOME_REQUIRED', 'measures[0].outcome'],
      ['REASON_CODE_INVALID', 'measures[1].reasonCode'],
      ['MEASURE_NOT_TRIGGERED', 'measures[2].measureCode'],
    ]);
    expect((await api.getCheckCase({ checkId: bidding.checkId })).feedbackStatus).toBe('PENDING');
  });

  it('records APPLIED with its notice naming the information and its provider, idempotently; a different second feedback conflicts', async () => {
    const applied = {
      checkId: bidding.checkId,
      departmentId: department,
      operator: '张经办',
      conduct: '食品安全严重违法',
      measures: [{ measureCode: TRADING_BAR, decision: 'APPLIED', reasonCode: '', reason: '', startDate: '2026-10-08', endDate: '2029-10-07', content: '不予受理其投标', outcome: '已拒绝其参与本次招标' }],
    };
    const first = await api.submitFeedback(applied);
    expect(first).toMatchObject({ feedbackStatus: 'PARTIAL', conduct: '食品安全严重违法' });
    const measure = first.measures.find((m) => m.code === TRADING_BAR)!;
    expect(measure).toMatchObject({ decision: 'APPLIED', startDate: '2026-10-08', endDate: '2029-10-07', outcome: '已拒绝其参与本次招标' });
    expect(measure.noticeNumber).toMatch(/^XGTZ-2026-/);

    const again = await api.submitFeedback(applied);
    expect(again.measures.find((m) => m.code === TRADING_BAR)).toEqual(measure);
    const notices = await sut.db.query(`SELECT 1 FROM joint_reward_punishment.measure_notice WHERE check_id = $1`, [bidding.checkId]);
    expect(notices).toHaveLength(1);

    const changed = await errorOf(api.submitFeedback({ ...applied, measures: [{ ...applied.measures[0], outcome: '另一个结果' }] }));
    expect([changed.kind, changed.errors[0].code]).toEqual(['CONFLICT', 'FEEDBACK_ALREADY_SUBMITTED']);

    const notice = await api.getMeasureNotice({ checkId: bidding.checkId, measureCode: TRADING_BAR });
    expect(notice).toMatchObject({ noticeNumber: measure.noticeNumber, departmentId: department, issuedOn: '2026-10-08' });
    const trading = JOINT_MEASURES.find((m) => m.code === TRADING_BAR)!;
    expect(notice.textZh).toContain(org.name);
    expect(notice.textZh).toContain(org.uscc);
    expect(notice.textZh).toContain(trading.content.zh);
    expect(notice.textZh).toContain(`${record.decisionNumber}（决定日期 2026-09-01）（提供单位：anhua-samr）`);
    expect(notice.textZh).toContain(bidding.matterReference);
    expect(notice.textZh).toContain('自2026年10月8日起至2029年10月7日止');
    expect(notice.textZh).toContain('异议');
    expect((await errorOf(api.getMeasureNotice({ checkId: bidding.checkId, measureCode: KEY_REVIEW }))).errors[0].code).toBe('MEASURE_NOTICE_NOT_FOUND');
  });

  it('records NOT_APPLIED with its reason; a complete case leaves the pending list', async () => {
    expect((await api.listPendingFeedback({ departmentId: department, asOf: '2026-10-14', limit: 10 })).cases.map((c) => c.checkId)).toEqual([bidding.checkId]);
    const done = await api.submitFeedback({
      checkId: bidding.checkId,
      departmentId: department,
      operator: '张经办',
      conduct: '',
      measures: [{ measureCode: KEY_REVIEW, decision: 'NOT_APPLIED', reasonCode: 'DISCRETION_NOT_APPLIED', reason: '', startDate: '', endDate: '', content: '', outcome: '' }],
    });
    expect(done.feedbackStatus).toBe('COMPLETE');
    expect(done.measures.find((m) => m.code === KEY_REVIEW)).toMatchObject({ decision: 'NOT_APPLIED', reasonCode: 'DISCRETION_NOT_APPLIED', noticeNumber: '' });
    // The licensing check of Fri 9 Oct: Sat 10 worked under 调休 (1), 12 (2), 13 (3), 14 (4), Thu 15 (5): pending from the 16th.
    expect((await api.getCheckCase({ checkId: licensing.checkId })).feedbackDue).toBe('2026-10-15');
    expect((await api.listPendingFeedback({ departmentId: department, asOf: '2026-10-15', limit: 10 })).cases).toEqual([]);
    expect((await api.listPendingFeedback({ departmentId: department, asOf: '2026-10-16', limit: 10 })).cases.map((c) => c.checkId)).toEqual([licensing.checkId]);
  });

  it('counts per measure and per department, and the feedback rate per department and matter type', async () => {
    const stats = await api.getFeedbackStatistics({ from: '2026-09-01', to: '2026-11-01', departmentId: department, asOf: '2026-10-19' });
    const byMeasure = Object.fromEntries(stats.byMeasure.map((m) => [m.measureCode, m.counts]));
    expect(byMeasure[TRADING_BAR]).toEqual({ triggered: 1, applied: 1, declined: 0, pending: 0, overdue: 0, declineReasons: [] });
    expect(byMeasure[KEY_REVIEW]).toEqual({
      triggered: 2,
      applied: 0,
      declined: 1,
      pending: 1,
      overdue: 1,
      declineReasons: [{ reasonCode: 'DISCRETION_NOT_APPLIED', labelZh: '推荐性措施，经裁量不予实施', count: 1 }],
    });
    expect(stats.byDepartment).toEqual([
      {
        departmentId: department,
        counts: { triggered: 3, applied: 1, declined: 1, pending: 1, overdue: 1, declineReasons: [{ reasonCode: 'DISCRETION_NOT_APPLIED', labelZh: '推荐性措施，经裁量不予实施', count: 1 }] },
      },
    ]);
    expect(stats.byDepartmentMatter).toEqual([
      { departmentId: department, matterType: 'ADMIN_LICENSING', cases: 1, complete: 0, feedbackRate: 0 },
      { departmentId: department, matterType: 'PUBLIC_BIDDING_FISCAL', cases: 1, complete: 1, feedbackRate: 1 },
    ]);
    // Before the deadline nothing is overdue; a period without checks counts nothing.
    const early = await api.getFeedbackStatistics({ from: '', to: '', departmentId: department, asOf: '2026-10-15' });
    expect(early.byDepartment[0].counts?.overdue).toBe(0);
    expect((await api.getFeedbackStatistics({ from: '2026-11-01', to: '', departmentId: department, asOf: '' })).byMeasure).toEqual([]);
  });
});
