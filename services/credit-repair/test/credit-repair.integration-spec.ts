import { randomUUID } from 'node:crypto';
import {
  Events,
  ListEntryStatus,
  ListType,
  RecordStatus,
  RepairTargetType,
  SeverityTier,
  SubjectType,
  type ApplyForRepairRequest,
  type SubjectInput,
  type SubjectRef,
} from '@credit/contracts';
import { isoWeekday, subjectKeyForUscc } from '@credit/domain';
import { AppError, LOGGER } from '@credit/runtime';
import { DataSource } from 'typeorm';
import { eventually, startServiceUnderTest, uniqueUscc, type ServiceUnderTest } from '@credit/testing';
import { CreditRepairModule } from '../src/credit-repair.module';
import { RepairGrpcController } from '../src/repair/repair.grpc.controller';
import { RepairSweepService } from '../src/repair/repair-sweep.service';

/** The clock is the one thing swapped: each test sets "today". */
const clock = { day: '2026-11-23', today: () => clock.day, now: () => new Date(`${clock.day}T10:00:00+08:00`) };

const PROVIDER = 'DEPT-SCJGJ';
const OTHER = 'DEPT-ZJJ';
let sut: ServiceUnderTest;
let grpc: RepairGrpcController;

beforeAll(async () => {
  sut = await startServiceUnderTest('credit_repair', (deps) => CreditRepairModule.forRoot(deps, { clock, sweepCheckIntervalMs: 0 }), {
    serviceName: 'credit-repair',
  });
  grpc = sut.app.get(RepairGrpcController);
});

afterAll(async () => {
  await sut?.stop();
});

interface Company {
  input: SubjectInput;
  ref: SubjectRef;
}

function company(name = '湖南修复测试建设有限公司'): Company {
  const uscc = uniqueUscc();
  return {
    input: { type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON, name, uscc, idNumber: '' },
    ref: { key: subjectKeyForUscc(uscc), type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON, name, uscc, maskedIdNumber: '' },
  };
}

async function collect(
  subject: Company,
  opts: { decisionDate: string; severity: SeverityTier; content?: string; provider?: string; recordId?: string; version?: number },
): Promise<string> {
  const recordId = opts.recordId ?? randomUUID();
  const version = opts.version ?? 1;
  await sut.publish(Events.RecordCollected, subject.ref.key, {
    recordId,
    version,
    subject: subject.ref,
    catalogueItemCode: 'ADMIN_PENALTY',
    catalogueItemVersion: 1,
    category: 'PENALTY',
    providerDepartmentId: opts.provider ?? PROVIDER,
    decisionNumber: `湘市监罚〔2026〕${recordId.slice(0, 6)}号`,
    decisionDate: opts.decisionDate,
    adverse: true,
    severity: opts.severity,
    disclosure: 'PUBLIC',
    publicityStart: opts.decisionDate,
    publicityEnd: '',
    fieldsJson: JSON.stringify({ authority: '长沙市市场监督管理局', basis: '《产品质量法》第四十九条', content: opts.content ?? '责令改正' }),
    jurisdiction: '430100',
    policyVersion: 'CN-2025.1',
    collectedAt: new Date().toISOString(),
    relatedPersons: [],
    submittedByDepartmentId: opts.provider ?? PROVIDER,
    objectionId: '',
  });
  await eventually(`record ${recordId} in the read model`, async () => {
    const rows = await sut.db.query<{ n: number }>('SELECT count(*)::int AS n FROM credit_repair.repair_record WHERE record_id = $1 AND version = $2', [recordId, version]);
    return rows[0].n === 1 ? true : undefined;
  });
  return recordId;
}

function application(subject: Company, target: { type: RepairTargetType; id: string }, patch: Partial<ApplyForRepairRequest> = {}): ApplyForRepairRequest {
  return {
    idempotencyKey: randomUUID(),
    subject: subject.input,
    target,
    methods: ['COMMITMENT', 'RECTIFICATION'],
    statement: '已缴纳罚款并完成整改。',
    evidence: {
      finePaid: true,
      rectificationDone: true,
      attachments: [{ fileName: '缴款凭证.pdf', mediaType: 'application/pdf', sizeBytes: 20480, sha256: 'a'.repeat(64), kind: 'FINE_RECEIPT' }],
    },
    commitment: { commitmentId: '430100202609300000001', text: '本单位承诺依法诚信经营……', type: '信用修复' },
    requesterDepartmentId: 'DEPT-XYB',
    ...patch,
  };
}

const recordTarget = (id: string) => ({ type: RepairTargetType.REPAIR_TARGET_TYPE_RECORD, id });

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('credit-repair', () => {
  it('issues a reminder letter with the earliest repair date when an adverse record is first collected (两书同达)', async () => {
    const subject = company();
    const recordId = await collect(subject, { decisionDate: '2026-09-30', severity: SeverityTier.SEVERITY_TIER_GENERAL, content: '警告，并处罚款5000元' });

    const letter = await grpc.getReminderLetter({ recordId, requesterDepartmentId: PROVIDER });
    expect(letter).toMatchObject({
      recordId,
      decidingDepartmentId: PROVIDER,
      decisionDate: '2026-09-30',
      severity: SeverityTier.SEVERITY_TIER_GENERAL,
      // 一般失信: minimum 3 months, maximum 1 year from the decision date.
      earliestRepairDate: '2026-12-30',
      publicityMaxEnd: '2027-09-30',
      routes: [RepairTargetType.REPAIR_TARGET_TYPE_RECORD],
      obligations: ['FINE_PAYMENT', 'RECTIFICATION', 'REPAIR_COMMITMENT'],
      acceptanceFeedbackWorkingDays: 10,
      decisionWorkingDays: 3,
      policyVersion: 'CN-2025.1',
    });
    expect(letter.subject?.key).toBe(subject.ref.key);
    expect(letter.methods).toEqual(['COMMITMENT', 'RECTIFICATION', 'VERIFICATION', 'TRAINING', 'CREDIT_REPORT']);
    expect(letter.textZh).toContain('自2026-12-30起');
    expect(letter.textZh).toContain('信用修复不收取任何费用');

    // A later version of the record does not issue a second letter.
    await collect(subject, { decisionDate: '2026-09-30', severity: SeverityTier.SEVERITY_TIER_GENERAL, content: '警告，并处罚款6000元', recordId, version: 2 });
    const [{ n }] = await sut.db.query<{ n: number }>('SELECT count(*)::int AS n FROM credit_repair.reminder_letter WHERE record_id = $1', [recordId]);
    expect(n).toBe(1);
    await expect(grpc.getReminderLetter({ recordId: randomUUID(), requesterDepartmentId: PROVIDER })).rejects.toMatchObject({ kind: 'NOT_FOUND' });
  });

  it('refuses an application before the minimum publicity end, stores it with the reasons and the earliest date', async () => {
    const subject = company();
    const recordId = await collect(subject, { decisionDate: '2026-09-30', severity: SeverityTier.SEVERITY_TIER_GENERAL, content: '罚款5000元' });
    clock.day = '2026-11-23';

    const eligibility = await grpc.checkRepairEligibility({
      requesterDepartmentId: 'DEPT-XYB',
      subject: subject.input,
      target: recordTarget(recordId),
      evidence: { finePaid: false, rectificationDone: true, attachments: [] },
      commitment: undefined,
    });
    expect(eligibility).toMatchObject({ eligible: false, earliestEligibleDate: '2026-12-30', decidingDepartmentId: PROVIDER, asOf: '2026-11-23' });
    expect(eligibility.unmet.map((u) => u.code)).toEqual(['MIN_PUBLICITY_NOT_ELAPSED', 'FINE_NOT_PAID', 'COMMITMENT_MISSING']);

    const refused = await grpc.applyForRepair(application(subject, recordTarget(recordId)));
    expect(refused).toMatchObject({ status: 'REFUSED', earliestEligibleDate: '2026-12-30', appliedOn: '2026-11-23', decisionDue: '', feedbackDue: '' });
    expect(refused.refusalReasons).toEqual([
      expect.objectContaining({ code: 'MIN_PUBLICITY_NOT_ELAPSED', messageZh: expect.stringContaining('2026-12-30'), messageEn: expect.stringContaining('2026-12-30') }),
    ]);
    // Stored: the subject sees it later; nothing to decide.
    await expect(grpc.getRepairApplication({ applicationId: refused.applicationId, requesterDepartmentId: '', creditOffice: true })).resolves.toMatchObject({ status: 'REFUSED' });
    const notAccepted = await rejection(grpc.decideRepair({ applicationId: refused.applicationId, departmentId: PROVIDER, outcome: 'APPROVED', reasons: [], idempotencyKey: randomUUID() }));
    expect(notAccepted.errors[0].code).toBe('REPAIR_NOT_ACCEPTED');

    // From the earliest date on, the same record is eligible.
    clock.day = '2026-12-30';
    const later = await grpc.checkRepairEligibility({
      requesterDepartmentId: '',
      subject: subject.input,
      target: recordTarget(recordId),
      evidence: { finePaid: true, rectificationDone: true, attachments: [] },
      commitment: { commitmentId: '', text: '本单位承诺……', type: '信用修复' },
    });
    expect(later).toMatchObject({ eligible: true, unmet: [], earliestEligibleDate: '2026-12-30' });
  });

  it('accepts an eligible application with working-day deadlines across the National Day holiday and its 调休 Saturday; only the provider decides; approval emits RepairApproved; a breach emits RepairRevoked', async () => {
    const subject = company();
    const recordId = await collect(subject, { decisionDate: '2026-05-20', severity: SeverityTier.SEVERITY_TIER_GENERAL, content: '罚款3000元' });
    clock.day = '2026-09-30';

    const accepted = await grpc.applyForRepair(application(subject, recordTarget(recordId)));
    expect(accepted).toMatchObject({ status: 'ACCEPTED', appliedOn: '2026-09-30', decidingDepartmentId: PROVIDER, recordIds: [recordId], refusalReasons: [] });
    // 3 working days: 10-01..10-07 are holidays, then Thu 10-08, Fri 10-09 and Saturday 10-10 (调休上班).
    expect(accepted.decisionDue).toBe('2026-10-10');
    expect(isoWeekday(accepted.decisionDue)).toBe(6);
    // 10 working days: 10-08, 09, 10, 12, 13, 14, 15, 16, 19, 20.
    expect(accepted.feedbackDue).toBe('2026-10-20');
    expect(accepted.evidence?.attachments[0]).toMatchObject({ sha256: 'a'.repeat(64), sizeBytes: 20480 });

    // A second application for the same record while this one is pending is refused as a conflict.
    const pending = await rejection(grpc.applyForRepair(application(subject, recordTarget(recordId))));
    expect(pending.errors[0].code).toBe('REPAIR_ALREADY_PENDING');

    clock.day = '2026-10-09';
    const forbidden = await rejection(grpc.decideRepair({ applicationId: accepted.applicationId, departmentId: OTHER, outcome: 'APPROVED', reasons: [], idempotencyKey: randomUUID() }));
    expect(forbidden.kind).toBe('FORBIDDEN');
    expect(forbidden.errors[0].code).toBe('NOT_DECIDING_DEPARTMENT');
    expect(await sut.events(Events.RepairApproved)).not.toContainEqual(expect.objectContaining({ subjectKey: subject.ref.key }));

    const approved = await grpc.decideRepair({ applicationId: accepted.applicationId, departmentId: PROVIDER, outcome: 'APPROVED', reasons: [], idempotencyKey: randomUUID() });
    expect(approved).toMatchObject({ status: 'APPROVED', decidedOn: '2026-10-09', effectiveDate: '2026-10-09', decidedOnTime: true });
    const approvals = await eventually('RepairApproved', async () => {
      const events = (await sut.events(Events.RepairApproved)).filter((e) => e.subjectKey === subject.ref.key);
      return events.length > 0 ? events : undefined;
    });
    expect(approvals).toHaveLength(1);
    expect(approvals[0].payload).toMatchObject({
      applicationId: accepted.applicationId,
      targetType: RepairTargetType.REPAIR_TARGET_TYPE_RECORD,
      targetId: recordId,
      recordIds: [recordId],
      decidingDepartmentId: PROVIDER,
      commitmentId: '430100202609300000001',
      effectiveDate: '2026-10-09',
    });
    expect(approvals[0].payload.subject).toMatchObject({ key: subject.ref.key, uscc: subject.ref.uscc });

    // Once only.
    const again = await rejection(grpc.decideRepair({ applicationId: accepted.applicationId, departmentId: PROVIDER, outcome: 'REJECTED', reasons: ['x'], idempotencyKey: randomUUID() }));
    expect(again.errors[0].code).toBe('REPAIR_ALREADY_DECIDED');

    // The subject breaks its repair commitment: the repair is undone (record-collection restores the maximum period).
    clock.day = '2026-11-02';
    const breach = { applicationId: accepted.applicationId, departmentId: PROVIDER, creditOffice: false, reason: '修复后再次发生同类违法行为', idempotencyKey: randomUUID() };
    // Only the deciding department (or the credit office) may report it.
    const stranger = await rejection(grpc.reportCommitmentBreach({ ...breach, departmentId: OTHER }));
    expect([stranger.kind, stranger.errors[0].code]).toEqual(['FORBIDDEN', 'NOT_DECIDING_DEPARTMENT']);
    await expect(grpc.getRepairApplication({ applicationId: accepted.applicationId, requesterDepartmentId: PROVIDER, creditOffice: false })).resolves.toMatchObject({
      status: 'APPROVED',
    });
    const revoked = await grpc.reportCommitmentBreach(breach);
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedOn: '2026-11-02', revocationReason: '修复后再次发生同类违法行为' });
    const revocations = await eventually('RepairRevoked', async () => {
      const events = (await sut.events(Events.RepairRevoked)).filter((e) => e.subjectKey === subject.ref.key);
      return events.length > 0 ? events : undefined;
    });
    expect(revocations[0].payload).toMatchObject({
      applicationId: accepted.applicationId,
      targetId: recordId,
      recordIds: [recordId],
      actorDepartmentId: PROVIDER,
      reason: '修复后再次发生同类违法行为',
    });
    const twice = await rejection(grpc.reportCommitmentBreach({ ...breach, reason: 'again', idempotencyKey: randomUUID() }));
    expect(twice.errors[0].code).toBe('REPAIR_ALREADY_REVOKED');
    // The record is shown for the full maximum period again: no second repair.
    const barred = await grpc.applyForRepair(application(subject, recordTarget(recordId)));
    expect(barred).toMatchObject({ status: 'REFUSED', earliestEligibleDate: '' });
    expect(barred.refusalReasons.map((r) => r.code)).toEqual(['REPAIR_BARRED_AFTER_BREACH']);
  });

  it('creates one application for retries with the same idempotency key, and refuses the key for another request', async () => {
    const subject = company();
    const recordId = await collect(subject, { decisionDate: '2026-09-30', severity: SeverityTier.SEVERITY_TIER_MINOR });
    clock.day = '2026-10-12';
    const request = application(subject, recordTarget(recordId));

    const results = await Promise.all([grpc.applyForRepair(request), grpc.applyForRepair(request), grpc.applyForRepair(request)]);
    const again = await grpc.applyForRepair(request);
    expect(new Set([...results, again].map((r) => r.applicationId)).size).toBe(1);
    // A minor record may be repaired at once.
    expect(again.status).toBe('ACCEPTED');
    const [{ n }] = await sut.db.query<{ n: number }>('SELECT count(*)::int AS n FROM credit_repair.repair_application WHERE subject_key = $1', [subject.ref.key]);
    expect(n).toBe(1);

    const reused = await rejection(grpc.applyForRepair({ ...request, statement: '另一份申请' }));
    expect(reused.errors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('validates the application: public-interest service is for natural persons only; a rejection needs reasons', async () => {
    const subject = company();
    const recordId = await collect(subject, { decisionDate: '2026-05-20', severity: SeverityTier.SEVERITY_TIER_GENERAL });
    clock.day = '2026-10-12';
    const invalid = await rejection(grpc.applyForRepair(application(subject, recordTarget(recordId), { methods: ['PUBLIC_SERVICE'] })));
    expect(invalid.kind).toBe('VALIDATION');
    expect(invalid.errors.map((e) => e.code)).toEqual(['REPAIR_METHOD_NOT_ALLOWED']);

    // Another subject cannot apply for this record (nor learn that it exists).
    const stranger = company('湖南另一家有限公司');
    await expect(grpc.applyForRepair(application(stranger, recordTarget(recordId)))).rejects.toMatchObject({ kind: 'NOT_FOUND' });

    const accepted = await grpc.applyForRepair(application(subject, recordTarget(recordId)));
    const noReasons = await rejection(grpc.decideRepair({ applicationId: accepted.applicationId, departmentId: PROVIDER, outcome: 'REJECTED', reasons: ['  '], idempotencyKey: randomUUID() }));
    expect(noReasons.errors[0].code).toBe('REJECTION_REASONS_REQUIRED');
    const rejected = await grpc.decideRepair({ applicationId: accepted.applicationId, departmentId: PROVIDER, outcome: 'REJECTED', reasons: ['整改材料不完整'], idempotencyKey: randomUUID() });
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReasons: ['整改材料不完整'] });
    expect((await sut.events(Events.RepairApproved)).filter((e) => e.payload.applicationId === accepted.applicationId)).toEqual([]);
  });

  it('follows record status changes: a revoked record cannot be repaired', async () => {
    const subject = company();
    const recordId = await collect(subject, { decisionDate: '2026-05-20', severity: SeverityTier.SEVERITY_TIER_GENERAL });
    await sut.publish(Events.RecordStatusChanged, subject.ref.key, {
      recordId,
      subject: subject.ref,
      version: 1,
      status: RecordStatus.RECORD_STATUS_REVOKED,
      reason: '提供单位撤销',
      cause: 'PROVIDER_REVOKED',
      causeId: '',
      publicityEnd: '',
      effectiveDate: '2026-10-01',
      actorDepartmentId: PROVIDER,
      changedAt: new Date().toISOString(),
      catalogueItemCode: 'ADMIN_PENALTY',
      adverse: true,
      severity: SeverityTier.SEVERITY_TIER_GENERAL,
    });
    clock.day = '2026-10-12';
    const answer = await eventually('revoked status applied', async () => {
      const a = await grpc.checkRepairEligibility({ requesterDepartmentId: '', subject: subject.input, target: recordTarget(recordId), evidence: undefined, commitment: undefined });
      return a.unmet.some((u) => u.code === 'TARGET_REVOKED') ? a : undefined;
    });
    expect(answer).toMatchObject({ eligible: false, earliestEligibleDate: '' });
  });

  it('repairs a serious-dishonesty list entry once ACTIVE, decided by the identifying department, releasing its basis records', async () => {
    const subject = company();
    const basis = await collect(subject, { decisionDate: '2025-06-01', severity: SeverityTier.SEVERITY_TIER_SERIOUS });
    const entryId = randomUUID();
    const entry = (status: ListEntryStatus, sequence: number) =>
      sut.publish(Events.ListEntryChanged, subject.ref.key, {
        entryId,
        subject: subject.ref,
        listType: ListType.LIST_TYPE_SERIOUS_DISHONESTY,
        status,
        sequence,
        basisRecordIds: [basis],
        ruleCode: '',
        identifyingDepartmentId: 'DEPT-FGW',
        periodStart: '2025-07-01',
        periodEnd: '2028-07-01',
        reason: '',
        actor: 'DEPT-FGW',
        relatedToEntryId: '',
        relation: '',
        basisText: '',
        objectionWindowEnd: '',
        endReason: '',
        changedAt: new Date().toISOString(),
        causeId: '',
      });
    const target = { type: RepairTargetType.REPAIR_TARGET_TYPE_LIST_ENTRY, id: entryId };
    clock.day = '2026-10-12';
    await entry(ListEntryStatus.LIST_ENTRY_STATUS_NOTIFIED, 1);
    const refused = await eventually('entry known', async () => {
      try {
        return await grpc.applyForRepair(application(subject, target));
      } catch {
        return undefined;
      }
    });
    expect(refused.status).toBe('REFUSED');
    expect(refused.refusalReasons.map((r) => r.code)).toEqual(['LIST_ENTRY_NOT_ACTIVE']);

    await entry(ListEntryStatus.LIST_ENTRY_STATUS_ACTIVE, 2);
    const accepted = await eventually('entry active', async () => {
      const a = await grpc.applyForRepair(application(subject, target));
      return a.status === 'ACCEPTED' ? a : undefined;
    });
    expect(accepted).toMatchObject({ decidingDepartmentId: 'DEPT-FGW', recordIds: [basis], earliestEligibleDate: '2026-06-01' });
    await expect(grpc.decideRepair({ applicationId: accepted.applicationId, departmentId: PROVIDER, outcome: 'APPROVED', reasons: [], idempotencyKey: randomUUID() })).rejects.toMatchObject({ kind: 'FORBIDDEN' });
    await grpc.decideRepair({ applicationId: accepted.applicationId, departmentId: 'DEPT-FGW', outcome: 'APPROVED', reasons: [], idempotencyKey: randomUUID() });
    const approval = await eventually('RepairApproved for the entry', async () =>
      (await sut.events(Events.RepairApproved)).find((e) => e.payload.applicationId === accepted.applicationId),
    );
    expect(approval.payload).toMatchObject({ targetType: RepairTargetType.REPAIR_TARGET_TYPE_LIST_ENTRY, targetId: entryId, recordIds: [basis] });
  });

  it('escalates undecided applications after the decision deadline and reports supervision figures', async () => {
    const subject = company('湖南督办测试有限公司');
    const first = await collect(subject, { decisionDate: '2026-05-20', severity: SeverityTier.SEVERITY_TIER_GENERAL, provider: 'DEPT-SWJ' });
    const second = await collect(subject, { decisionDate: '2026-05-21', severity: SeverityTier.SEVERITY_TIER_GENERAL, provider: 'DEPT-SWJ' });
    const third = await collect(subject, { decisionDate: '2026-05-22', severity: SeverityTier.SEVERITY_TIER_GENERAL, provider: 'DEPT-SWJ' });
    clock.day = '2026-09-30';
    const late = await grpc.applyForRepair(application(subject, recordTarget(first)));
    const onTime = await grpc.applyForRepair(application(subject, recordTarget(second)));
    const tardy = await grpc.applyForRepair(application(subject, recordTarget(third)));
    expect(late.decisionDue).toBe('2026-10-10');

    const sweeps = sut.app.get(RepairSweepService);
    // The deadline day itself is not overdue (10-10 is a working Saturday).
    expect((await sweeps.runDailySweep('2026-10-10')).escalated).not.toContain(late.applicationId);
    clock.day = '2026-10-10';
    await grpc.decideRepair({ applicationId: onTime.applicationId, departmentId: 'DEPT-SWJ', outcome: 'APPROVED', reasons: [], idempotencyKey: randomUUID() });
    const sweep = await sweeps.runDailySweep('2026-10-12');
    expect(sweep.ran).toBe(true);
    expect(sweep.escalated).toEqual(expect.arrayContaining([late.applicationId, tardy.applicationId]));
    expect(sweep.escalated).not.toContain(onTime.applicationId);
    await expect(grpc.getRepairApplication({ applicationId: late.applicationId, requesterDepartmentId: '', creditOffice: true })).resolves.toMatchObject({ escalatedOn: '2026-10-12' });
    // A second sweep (another replica, or the next day) does not escalate again.
    expect((await sweeps.runDailySweep('2026-10-13')).escalated).toEqual([]);

    clock.day = '2026-10-13';
    await grpc.decideRepair({ applicationId: tardy.applicationId, departmentId: 'DEPT-SWJ', outcome: 'APPROVED', reasons: [], idempotencyKey: randomUUID() });
    const stats = await grpc.repairStatistics({ decidingDepartmentId: 'DEPT-SWJ', from: '', to: '' });
    expect(stats.byStatus).toEqual([
      { status: 'ACCEPTED', count: 1 },
      { status: 'APPROVED', count: 2 },
    ]);
    expect(stats).toMatchObject({ decided: 2, decidedOnTime: 1, onTimeRate: 0.5, overdueOpen: 1 });
    expect(stats.repeatSubjects).toEqual([{ subjectKey: subject.ref.key, name: '湖南督办测试有限公司', approvedRepairs: 2 }]);
  });

  it('runs the daily sweep from a timer once per new day (today by the service clock)', async () => {
    const subject = company();
    const recordId = await collect(subject, { decisionDate: '2026-05-20', severity: SeverityTier.SEVERITY_TIER_GENERAL, provider: 'DEPT-TIMER' });
    clock.day = '2026-09-30';
    const accepted = await grpc.applyForRepair(application(subject, recordTarget(recordId)));
    clock.day = '2026-10-14';
    const timed = new RepairSweepService(sut.app.get(DataSource), clock, { sweepCheckIntervalMs: 20 }, sut.app.get(LOGGER));
    timed.onApplicationBootstrap();
    try {
      const escalated = await eventually('escalated by the timer', async () => {
        const a = await grpc.getRepairApplication({ applicationId: accepted.applicationId, requesterDepartmentId: '', creditOffice: true });
        return a.escalatedOn ? a : undefined;
      });
      expect(escalated.escalatedOn).toBe('2026-10-14');
    } finally {
      await timed.onModuleDestroy();
    }
  });

  it('shows an application only to the department that filed it, the deciding department and the credit office (others: NOT_FOUND)', async () => {
    const subject = company();
    const recordId = await collect(subject, { decisionDate: '2026-09-30', severity: SeverityTier.SEVERITY_TIER_MINOR, provider: 'DEPT-READ-P' });
    clock.day = '2026-10-12';
    const missing = await rejection(grpc.applyForRepair(application(subject, recordTarget(recordId), { requesterDepartmentId: ' ' })));
    expect([missing.kind, missing.errors.map((e) => e.code)]).toEqual(['VALIDATION', ['REQUESTER_DEPARTMENT_REQUIRED']]);

    const filed = await grpc.applyForRepair(application(subject, recordTarget(recordId), { requesterDepartmentId: 'DEPT-READ-W' }));
    expect(filed).toMatchObject({ status: 'ACCEPTED', requesterDepartmentId: 'DEPT-READ-W', decidingDepartmentId: 'DEPT-READ-P' });
    const read = (requesterDepartmentId: string, creditOffice = false) =>
      grpc.getRepairApplication({ applicationId: filed.applicationId, requesterDepartmentId, creditOffice });

    await expect(read('DEPT-READ-W')).resolves.toMatchObject({ applicationId: filed.applicationId, requesterDepartmentId: 'DEPT-READ-W' });
    await expect(read('DEPT-READ-P')).resolves.toMatchObject({ applicationId: filed.applicationId });
    await expect(read('CREDIT-OFFICE', true)).resolves.toMatchObject({ applicationId: filed.applicationId });
    for (const outsider of ['DEPT-READ-OTHER', '']) {
      const hidden = await rejection(read(outsider));
      // The same answer as for an application that does not exist.
      expect([hidden.kind, hidden.errors[0].code]).toEqual(['NOT_FOUND', 'REPAIR_APPLICATION_NOT_FOUND']);
    }
  });

  it('lists applications by role (REQUESTED / TO_DECIDE), status and subject, newest first, with a cursor and a capped page size', async () => {
    const [s1, s2] = [company('湖南列表测试甲有限公司'), company('湖南列表测试乙有限公司')];
    const r1 = await collect(s1, { decisionDate: '2026-09-30', severity: SeverityTier.SEVERITY_TIER_MINOR, provider: 'DEPT-LIST-P1' });
    const r2 = await collect(s1, { decisionDate: '2026-09-30', severity: SeverityTier.SEVERITY_TIER_MINOR, provider: 'DEPT-LIST-P2' });
    const r3 = await collect(s2, { decisionDate: '2026-09-30', severity: SeverityTier.SEVERITY_TIER_MINOR, provider: 'DEPT-LIST-P1' });
    clock.day = '2026-10-12';
    const a1 = await grpc.applyForRepair(application(s1, recordTarget(r1), { requesterDepartmentId: 'DEPT-LIST-WA' }));
    clock.day = '2026-10-13';
    const a2 = await grpc.applyForRepair(application(s1, recordTarget(r2), { requesterDepartmentId: 'DEPT-LIST-WB' }));
    clock.day = '2026-10-14';
    const a3 = await grpc.applyForRepair(application(s2, recordTarget(r3), { requesterDepartmentId: 'DEPT-LIST-WA' }));
    await grpc.decideRepair({ applicationId: a3.applicationId, departmentId: 'DEPT-LIST-P1', outcome: 'APPROVED', reasons: [], idempotencyKey: randomUUID() });

    const list = (patch: { requesterDepartmentId: string; creditOffice?: boolean; role?: string; departmentId?: string; status?: string; subjectKey?: string; pageSize?: number; cursor?: string }) =>
      grpc.listRepairApplications({ creditOffice: false, role: '', departmentId: '', status: '', subjectKey: '', pageSize: 0, cursor: '', ...patch });
    const ids = async (patch: Parameters<typeof list>[0]) => (await list(patch)).applications.map((a) => a.applicationId);

    expect(await ids({ requesterDepartmentId: 'DEPT-LIST-WA', role: 'REQUESTED' })).toEqual([a3.applicationId, a1.applicationId]);
    expect(await ids({ requesterDepartmentId: 'DEPT-LIST-P1', role: 'TO_DECIDE' })).toEqual([a3.applicationId, a1.applicationId]);
    expect(await ids({ requesterDepartmentId: 'DEPT-LIST-P1', role: 'TO_DECIDE', status: 'ACCEPTED' })).toEqual([a1.applicationId]);
    expect(await ids({ requesterDepartmentId: 'DEPT-LIST-P2', role: 'TO_DECIDE' })).toEqual([a2.applicationId]);
    expect(await ids({ requesterDepartmentId: 'DEPT-LIST-P2', role: 'REQUESTED' })).toEqual([]);
    expect(await ids({ requesterDepartmentId: 'DEPT-LIST-WA', role: 'REQUESTED', subjectKey: s1.ref.key })).toEqual([a1.applicationId]);
    // Without a role: everything the department filed or decides.
    expect(await ids({ requesterDepartmentId: 'DEPT-LIST-WB' })).toEqual([a2.applicationId]);

    // Pages of one: newest first, then the cursor to the end.
    const first = await list({ requesterDepartmentId: 'DEPT-LIST-WA', role: 'REQUESTED', pageSize: 1 });
    expect(first.applications.map((a) => a.applicationId)).toEqual([a3.applicationId]);
    expect(first.applications[0]).toMatchObject({ status: 'APPROVED', requesterDepartmentId: 'DEPT-LIST-WA', decidingDepartmentId: 'DEPT-LIST-P1' });
    const second = await list({ requesterDepartmentId: 'DEPT-LIST-WA', role: 'REQUESTED', pageSize: 1, cursor: first.nextCursor });
    expect(second.applications.map((a) => a.applicationId)).toEqual([a1.applicationId]);
    expect(second.nextCursor).toBe('');

    // The credit office sees every department's, or the one it names.
    expect(await ids({ requesterDepartmentId: 'CREDIT-OFFICE', creditOffice: true, subjectKey: s1.ref.key })).toEqual([a2.applicationId, a1.applicationId]);
    expect(await ids({ requesterDepartmentId: 'CREDIT-OFFICE', creditOffice: true, role: 'REQUESTED', departmentId: 'DEPT-LIST-WB' })).toEqual([a2.applicationId]);

    // A department cannot ask for another's queue; the page size is capped; cursors and roles are checked.
    const foreign = await rejection(list({ requesterDepartmentId: 'DEPT-LIST-WA', role: 'TO_DECIDE', departmentId: 'DEPT-LIST-P1' }));
    expect([foreign.kind, foreign.errors[0].code]).toEqual(['FORBIDDEN', 'DEPARTMENT_NOT_ALLOWED']);
    expect((await rejection(list({ requesterDepartmentId: 'DEPT-LIST-WA', pageSize: 101 }))).errors[0].code).toBe('PAGE_SIZE_INVALID');
    expect((await list({ requesterDepartmentId: 'DEPT-LIST-WA', pageSize: 100 })).applications).toHaveLength(2);
    expect((await rejection(list({ requesterDepartmentId: 'DEPT-LIST-WA', cursor: 'not-a-cursor' }))).errors[0].code).toBe('CURSOR_INVALID');
    expect((await rejection(list({ requesterDepartmentId: 'DEPT-LIST-WA', role: 'DECIDED' }))).errors[0].code).toBe('ROLE_INVALID');
    expect((await rejection(list({ requesterDepartmentId: '' }))).errors[0].code).toBe('DEPARTMENT_REQUIRED');
  });

  it('returns the first decision to a retry with the same idempotency key (no second event), and refuses the key for another decision', async () => {
    const subject = company();
    const recordId = await collect(subject, { decisionDate: '2026-09-30', severity: SeverityTier.SEVERITY_TIER_MINOR, provider: 'DEPT-IDEM' });
    clock.day = '2026-10-12';
    const accepted = await grpc.applyForRepair(application(subject, recordTarget(recordId)));
    const decision = { applicationId: accepted.applicationId, departmentId: 'DEPT-IDEM', outcome: 'APPROVED', reasons: [], idempotencyKey: 'decide-once-0001' };

    const concurrent = await Promise.all([grpc.decideRepair(decision), grpc.decideRepair(decision), grpc.decideRepair(decision)]);
    clock.day = '2026-10-13';
    const retried = await grpc.decideRepair(decision);
    for (const r of [...concurrent, retried]) expect(r).toMatchObject({ applicationId: accepted.applicationId, status: 'APPROVED', decidedOn: '2026-10-12' });
    await eventually('RepairApproved', async () => ((await sut.events(Events.RepairApproved)).some((e) => e.payload.applicationId === accepted.applicationId) ? true : undefined));
    expect((await sut.events(Events.RepairApproved)).filter((e) => e.payload.applicationId === accepted.applicationId)).toHaveLength(1);

    const reused = await rejection(grpc.decideRepair({ ...decision, outcome: 'REJECTED', reasons: ['材料不全'] }));
    expect([reused.kind, reused.errors[0].code]).toEqual(['CONFLICT', 'IDEMPOTENCY_KEY_REUSED']);
    const another = await rejection(grpc.decideRepair({ ...decision, idempotencyKey: 'decide-once-0002' }));
    expect(another.errors[0].code).toBe('REPAIR_ALREADY_DECIDED');
    // Another department's retry with the key is still not its decision to make.
    expect((await rejection(grpc.decideRepair({ ...decision, departmentId: OTHER }))).errors[0].code).toBe('NOT_DECIDING_DEPARTMENT');
    const noKey = await rejection(grpc.decideRepair({ ...decision, idempotencyKey: ' ' }));
    expect(noKey.errors.map((e) => e.code)).toEqual(['IDEMPOTENCY_KEY_REQUIRED']);
  });

  it('lets the credit office report a breach; a retry with the same key returns the revoked repair (one RepairRevoked), another body with the key is refused', async () => {
    const subject = company();
    const recordId = await collect(subject, { decisionDate: '2026-09-30', severity: SeverityTier.SEVERITY_TIER_MINOR, provider: 'DEPT-BREACH' });
    clock.day = '2026-10-12';
    const accepted = await grpc.applyForRepair(application(subject, recordTarget(recordId)));
    await grpc.decideRepair({ applicationId: accepted.applicationId, departmentId: 'DEPT-BREACH', outcome: 'APPROVED', reasons: [], idempotencyKey: randomUUID() });

    clock.day = '2026-11-02';
    const report = { applicationId: accepted.applicationId, departmentId: 'CREDIT-OFFICE', creditOffice: true, reason: '未履行信用修复承诺', idempotencyKey: 'breach-once-0001' };
    const [first, second] = await Promise.all([grpc.reportCommitmentBreach(report), grpc.reportCommitmentBreach(report)]);
    const retried = await grpc.reportCommitmentBreach(report);
    for (const r of [first, second, retried]) expect(r).toMatchObject({ status: 'REVOKED', revokedOn: '2026-11-02', revocationReason: '未履行信用修复承诺' });
    const revocations = await eventually('RepairRevoked', async () => {
      const events = (await sut.events(Events.RepairRevoked)).filter((e) => e.payload.applicationId === accepted.applicationId);
      return events.length > 0 ? events : undefined;
    });
    expect(revocations).toHaveLength(1);
    expect(revocations[0].payload.actorDepartmentId).toBe('CREDIT-OFFICE');

    const reused = await rejection(grpc.reportCommitmentBreach({ ...report, reason: '另一情况' }));
    expect([reused.kind, reused.errors[0].code]).toEqual(['CONFLICT', 'IDEMPOTENCY_KEY_REUSED']);
    // The same office, a new report: the repair is already revoked.
    expect((await rejection(grpc.reportCommitmentBreach({ ...report, idempotencyKey: 'breach-once-0002' }))).errors[0].code).toBe('REPAIR_ALREADY_REVOKED');
  });
});

