import { SeverityTier } from '@credit/contracts';
import { CollectionClock } from '../src/collection-clock';
import { penaltyRow, startRecordCollection, type RecordCollectionUnderTest } from './record-collection.fixtures';

describe('record-collection: 双公示 timeliness scorecards', () => {
  let t: RecordCollectionUnderTest;
  let clock: CollectionClock;
  const realToday = CollectionClock.prototype.today;

  beforeAll(async () => {
    t = await startRecordCollection('rc_timeliness');
    clock = t.sut.app.get(CollectionClock);
  });

  afterAll(async () => {
    await t?.sut.stop();
  });

  /** Submissions received on `day` (the service's clock; decision dates stay in the past). */
  const on = (day: string) => {
    clock.today = () => day;
  };
  afterEach(() => {
    clock.today = realToday;
  });

  const stored = async (recordId: string) =>
    (
      await t.sut.db.query<{ submitted_on: string; working_days: number; on_time: boolean; days_late: number; complete: boolean; limit_working_days: number }>(
        'SELECT submitted_on::text, working_days, on_time, days_late, complete, limit_working_days FROM record_collection.record_timeliness WHERE record_id = $1',
        [recordId],
      )
    )[0];

  const licence = (decisionDate: string, fields: Record<string, unknown>) =>
    penaltyRow({ catalogueItemCode: 'ADMIN_LICENSING', severity: SeverityTier.SEVERITY_TIER_UNSPECIFIED, decisionDate, fields });

  it('counts working days across the 2026 National Day holiday and its adjusted working weekends', async () => {
    // (09-30, 10-10]: 10-01..07 holiday; 10-08, 10-09 and the adjusted working Saturday 10-10 → 3.
    on('2026-10-10');
    const quick = await t.rpc.submitRecord({ providerDepartmentId: 'TL-A', ...penaltyRow({ decisionDate: '2026-09-30' }) });
    expect(await stored(quick.recordId)).toEqual({ submitted_on: '2026-10-10', working_days: 3, on_time: true, days_late: 0, complete: false, limit_working_days: 7 });

    // (09-18, 10-12]: the adjusted working Sunday 09-20, 09-21..24, 09-28..30, 10-08..10, 10-12 → 12, 5 late.
    on('2026-10-12');
    const late = await t.rpc.submitRecord({ providerDepartmentId: 'TL-A', ...penaltyRow({ decisionDate: '2026-09-18' }) });
    expect(await stored(late.recordId)).toMatchObject({ working_days: 12, on_time: false, days_late: 5 });

    // A licence carrying every optional standard field is complete.
    const full = await t.rpc.submitRecord({
      providerDepartmentId: 'TL-A',
      ...licence('2026-10-09', {
        authority: '长沙市住房和城乡建设局',
        content: '准予建筑业企业资质',
        licenceName: '建筑业企业资质证书',
        licenceNumber: 'D243000001',
        licensingType: '普通',
        validFrom: '2026-10-09',
        validTo: '2031-10-08',
        authorityUscc: '11430100006192391N',
      }),
    });
    expect(await stored(full.recordId)).toMatchObject({ working_days: 2, on_time: true, complete: true });

    // The same department's batch with a rejected row counts toward the rejected-row rate.
    const batch = await t.rpc.submitRecords({ providerDepartmentId: 'TL-A', records: [penaltyRow({ decisionDate: '2026-10-09' }), penaltyRow({ decisionDate: '2026-10-09', fields: { authority: 'x' } })] });
    expect(batch).toMatchObject({ created: 1, rejected: 1 });
    on('2026-10-13');
    await t.rpc.submitRecord({ providerDepartmentId: 'TL-B', ...penaltyRow({ decisionDate: '2026-10-12' }) });

    const card = await t.rpc.timelinessScorecard({ callerDepartmentId: 'TL-A', creditOffice: false, departmentId: '', periodStart: '2026-09-01', periodEnd: '2026-10-31', overdueLimit: 0 });
    expect(card).toMatchObject({ limitWorkingDays: 7 });
    expect(card.departments).toHaveLength(1);
    const a = card.departments[0];
    expect(a).toMatchObject({ departmentId: 'TL-A', records: 4, onTime: 3, overdue: 1, unmeasured: 0, rowsReceived: 5, rowsRejected: 1 });
    expect(a.onTimeRate).toBeCloseTo(0.75);
    expect(a.completeness).toBeCloseTo(0.25);
    expect(a.rejectedRowRate).toBeCloseTo(0.2);
    expect(a.overdueRecords).toEqual([expect.objectContaining({ recordId: late.recordId, decisionDate: '2026-09-18', submittedOn: '2026-10-12', workingDays: 12, daysLate: 5 })]);
  });

  it('shows a department only its own scorecard; the credit office sees every department', async () => {
    const period = { periodStart: '2026-09-01', periodEnd: '2026-10-31', overdueLimit: 5 };
    await expect(t.rpc.timelinessScorecard({ callerDepartmentId: 'TL-B', creditOffice: false, departmentId: 'TL-A', ...period })).rejects.toMatchObject({
      kind: 'FORBIDDEN',
      errors: [expect.objectContaining({ code: 'SCORECARD_OTHER_DEPARTMENT' })],
    });
    const all = await t.rpc.timelinessScorecard({ callerDepartmentId: 'XYB', creditOffice: true, departmentId: '', ...period });
    expect(all.departments.map((d) => d.departmentId)).toEqual(['TL-A', 'TL-B']);
    expect(all.departments[1]).toMatchObject({ records: 1, onTime: 1, onTimeRate: 1, rowsReceived: 1, rowsRejected: 0 });
    const one = await t.rpc.timelinessScorecard({ callerDepartmentId: 'XYB', creditOffice: true, departmentId: 'TL-B', ...period });
    expect(one.departments.map((d) => d.departmentId)).toEqual(['TL-B']);
    await expect(t.rpc.timelinessScorecard({ callerDepartmentId: 'TL-A', creditOffice: false, departmentId: '', periodStart: '2026-10-31', periodEnd: '2026-09-01', overdueLimit: 0 })).rejects.toMatchObject({
      kind: 'VALIDATION',
    });
  });
});
