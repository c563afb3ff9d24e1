import {
  Events,
  ObjectionOutcome,
  ObjectionTargetType,
  RecordStatus,
  RepairTargetType,
  SubjectType,
  type ObjectionResolved,
  type SubjectRef,
} from '@credit/contracts';
import { eventually } from '@credit/testing';
import { penaltyRow, settledEvents, SEVERITY, startRecordCollection, type RecordCollectionUnderTest } from './record-collection.fixtures';

describe('record-collection: publicity end, objection outcomes and repairs', () => {
  let t: RecordCollectionUnderTest;

  beforeAll(async () => {
    t = await startRecordCollection('rc_lifecycle');
  });

  afterAll(async () => {
    await t?.sut.stop();
  });

  const submit = (row: Parameters<typeof penaltyRow>[0]) => t.rpc.submitRecord({ providerDepartmentId: 'SCJGJ', ...penaltyRow(row) });
  const statusChanges = async (recordId: string) =>
    (await settledEvents(t, Events.RecordStatusChanged)).filter((e) => e.payload.recordId === recordId).map((e) => e.payload);
  const collected = async (recordId: string) =>
    (await settledEvents(t, Events.RecordCollected)).filter((e) => e.payload.recordId === recordId).map((e) => e.payload);
  const subjectRef = (subjectKey: string): SubjectRef => ({
    key: subjectKey,
    type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON,
    name: '湖南测试建设有限公司',
    uscc: subjectKey.slice(4),
    maskedIdNumber: '',
  });

  it('ends publicity at the maximum period of each tier, from the policy in force at the decision date', async () => {
    // 一般 decided before 国办发〔2025〕22号 (in force 2025-06-22): policy CN-2023.1, 1 year.
    const general = await submit({ severity: SEVERITY.GENERAL, decisionDate: '2025-06-21' });
    // 轻微 decided on the last day of August: 3 months, clamped to the end of November.
    const minor = await submit({ severity: SEVERITY.MINOR, decisionDate: '2026-08-31' });
    // 严重 decided on a leap day: 3 years, clamped to 2027-02-28.
    const serious = await submit({ severity: SEVERITY.SERIOUS, decisionDate: '2024-02-29' });
    // Positive information has no period and never ends.
    const licence = await t.rpc.submitRecord({
      providerDepartmentId: 'SCJGJ',
      ...penaltyRow({ catalogueItemCode: 'ADMIN_LICENSING', severity: 0, decisionDate: '2020-01-02', fields: { authority: 'a', content: 'b' } }),
    });

    const [g] = await collected(general.recordId);
    expect(g).toMatchObject({ publicityStart: '2025-06-21', publicityEnd: '2026-06-21', policyVersion: 'CN-2023.1' });
    expect((await collected(minor.recordId))[0]).toMatchObject({ publicityEnd: '2026-11-30', policyVersion: 'CN-2025.1' });
    expect((await collected(serious.recordId))[0]).toMatchObject({ publicityEnd: '2027-02-28', policyVersion: 'CN-2023.1' });

    const cases = [
      { id: general.recordId, end: '2026-06-21', before: '2026-06-20' },
      { id: minor.recordId, end: '2026-11-30', before: '2026-11-29' },
      { id: serious.recordId, end: '2027-02-28', before: '2027-02-27' },
    ];
    for (const { id, end, before } of cases) {
      await t.sweep.runDailySweep(before);
      expect(await statusChanges(id)).toEqual([]);
      expect((await t.rpc.getRecord({ recordId: id })).status).toBe(RecordStatus.RECORD_STATUS_ACTIVE);

      await t.sweep.runDailySweep(end);
      const changes = await statusChanges(id);
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({ status: RecordStatus.RECORD_STATUS_PUBLICITY_ENDED, cause: 'EXPIRED', effectiveDate: end, publicityEnd: end, version: 1 });
      expect(await t.rpc.getRecord({ recordId: id })).toMatchObject({ status: RecordStatus.RECORD_STATUS_PUBLICITY_ENDED, statusCause: 'EXPIRED' });
    }
    // Sweeping again changes nothing.
    await t.sweep.runDailySweep('2027-03-01');
    for (const { id } of cases) expect(await statusChanges(id)).toHaveLength(1);
    expect(await statusChanges(licence.recordId)).toEqual([]);
  });

  it('applies an objection outcome once: CORRECTED → version 2 with the corrected field; REVOKED → revoked; MAINTAINED → nothing', async () => {
    const record = await submit({ decisionDate: '2026-10-01' });
    const resolved = (outcome: ObjectionOutcome, objectionId: string, correctedFieldsJson = ''): ObjectionResolved => ({
      objectionId,
      subject: subjectRef(record.subjectKey),
      targetType: ObjectionTargetType.OBJECTION_TARGET_TYPE_RECORD,
      targetId: record.recordId,
      targetVersion: 1,
      outcome,
      reasons: '罚款金额有误',
      correctedFieldsJson,
      providerDepartmentId: 'SCJGJ',
      filedAt: '2026-11-10T02:00:00Z',
      resolvedAt: '2026-11-20T02:00:00Z',
    });

    const corrected = resolved(ObjectionOutcome.OBJECTION_OUTCOME_CORRECTED, 'obj-1', JSON.stringify({ content: '罚款人民币贰仟元' }));
    await t.sut.publish(Events.ObjectionResolved, record.subjectKey, corrected, 'evt-obj-1');
    const versions = await eventually('version 2', async () => {
      const view = await t.rpc.getRecord({ recordId: record.recordId });
      return view.currentVersion === 2 ? view.versions : undefined;
    });
    expect(versions[1]).toMatchObject({ changeKind: 'OBJECTION_CORRECTED', objectionId: 'obj-1' });
    expect(JSON.parse(versions[1].fieldsJson)).toMatchObject({ content: '罚款人民币贰仟元', authority: '长沙市市场监督管理局' });
    expect(JSON.parse(versions[0].fieldsJson).content).toBe('罚款人民币伍仟元');
    const events = await collected(record.recordId);
    expect(events.map((e) => [e.version, e.objectionId])).toEqual([
      [1, ''],
      [2, 'obj-1'],
    ]);

    // Redelivery of the same event, then a maintained objection: nothing changes.
    await t.sut.publish(Events.ObjectionResolved, record.subjectKey, corrected, 'evt-obj-1');
    await t.sut.publish(Events.ObjectionResolved, record.subjectKey, resolved(ObjectionOutcome.OBJECTION_OUTCOME_MAINTAINED, 'obj-2'), 'evt-obj-2');
    const revoked = resolved(ObjectionOutcome.OBJECTION_OUTCOME_REVOKED, 'obj-3');
    await t.sut.publish(Events.ObjectionResolved, record.subjectKey, revoked, 'evt-obj-3');
    await eventually('the record revoked', async () =>
      (await t.rpc.getRecord({ recordId: record.recordId })).status === RecordStatus.RECORD_STATUS_REVOKED ? true : undefined,
    );
    expect((await t.rpc.getRecord({ recordId: record.recordId })).currentVersion).toBe(2);
    expect((await collected(record.recordId)).map((e) => e.version)).toEqual([1, 2]);
    expect(await statusChanges(record.recordId)).toEqual([
      expect.objectContaining({ status: RecordStatus.RECORD_STATUS_REVOKED, cause: 'OBJECTION_REVOKED', causeId: 'obj-3', effectiveDate: '2026-11-20', version: 2 }),
    ]);
  });

  it('RepairApproved stops publicity at the effective date; RepairRevoked shows the record again until its maximum end', async () => {
    const record = await submit({ severity: SEVERITY.SERIOUS, decisionDate: '2025-01-10' });
    const other = await submit({ severity: SEVERITY.GENERAL, decisionDate: '2026-09-01' });
    expect(record).toMatchObject({ outcome: 'CREATED' });
    await t.sut.publish(
      Events.RepairApproved,
      record.subjectKey,
      {
        applicationId: 'rep-1',
        subject: subjectRef(record.subjectKey),
        targetType: RepairTargetType.REPAIR_TARGET_TYPE_RECORD,
        targetId: record.recordId,
        recordIds: [record.recordId],
        decidingDepartmentId: 'SCJGJ',
        commitmentId: 'c-1',
        effectiveDate: '2026-11-23',
        decidedAt: '2026-11-20T08:00:00Z',
      },
      'evt-rep-1',
    );
    const [repaired] = await eventually('RecordStatusChanged REPAIRED', async () => {
      const changes = await statusChanges(record.recordId);
      return changes.length > 0 ? changes : undefined;
    });
    expect(repaired).toMatchObject({ status: RecordStatus.RECORD_STATUS_REPAIRED, cause: 'REPAIRED', causeId: 'rep-1', publicityEnd: '2026-11-23', effectiveDate: '2026-11-23' });
    expect(await t.rpc.getRecord({ recordId: record.recordId })).toMatchObject({ status: RecordStatus.RECORD_STATUS_REPAIRED, publicityEnd: '2026-11-23' });
    // A repaired record is not ended again by the sweep.
    await t.sweep.runDailySweep('2028-01-10');
    expect(await statusChanges(record.recordId)).toHaveLength(1);
    expect(await statusChanges(other.recordId)).toHaveLength(1); // the other one ran its course

    await t.sut.publish(
      Events.RepairRevoked,
      record.subjectKey,
      {
        applicationId: 'rep-1',
        subject: subjectRef(record.subjectKey),
        targetType: RepairTargetType.REPAIR_TARGET_TYPE_RECORD,
        targetId: record.recordId,
        recordIds: [record.recordId],
        reason: '未履行信用修复承诺',
        actorDepartmentId: 'FGW',
        revokedAt: '2026-12-01T03:00:00Z',
      },
      'evt-rep-revoked-1',
    );
    const changes = await eventually('RecordStatusChanged ACTIVE', async () => {
      const all = await statusChanges(record.recordId);
      return all.length === 2 ? all : undefined;
    });
    // Decided 2025-01-10, SERIOUS: displayed for the full 3 years.
    expect(changes[1]).toMatchObject({
      status: RecordStatus.RECORD_STATUS_ACTIVE,
      cause: 'REPAIR_COMMITMENT_BREACHED',
      causeId: 'rep-1',
      publicityEnd: '2028-01-10',
      effectiveDate: '2026-12-01',
      actorDepartmentId: 'FGW',
    });
    expect(await t.rpc.getRecord({ recordId: record.recordId })).toMatchObject({ status: RecordStatus.RECORD_STATUS_ACTIVE, publicityEnd: '2028-01-10' });
    // And the sweep ends it at that maximum.
    await t.sweep.runDailySweep('2028-01-09');
    expect(await statusChanges(record.recordId)).toHaveLength(2);
    await t.sweep.runDailySweep('2028-01-10');
    expect((await statusChanges(record.recordId))[2]).toMatchObject({ status: RecordStatus.RECORD_STATUS_PUBLICITY_ENDED, effectiveDate: '2028-01-10' });
  });
});

describe('record-collection: publicity sweep on shutdown', () => {
  let t: RecordCollectionUnderTest;

  beforeAll(async () => {
    t = await startRecordCollection('rc_sweep_stop');
  });

  afterAll(async () => {
    await t?.sut.stop();
  });

  it('ends many records in one sweep, each keeping its own publicity end', async () => {
    const tiers = [
      { severity: SEVERITY.MINOR, decisionDate: '2025-03-10', end: '2025-06-10' },
      { severity: SEVERITY.GENERAL, decisionDate: '2024-05-20', end: '2025-05-20' },
      { severity: SEVERITY.SERIOUS, decisionDate: '2022-01-04', end: '2025-01-04' },
    ];
    const ids: string[] = [];
    for (const tier of tiers) ids.push((await t.rpc.submitRecord({ providerDepartmentId: 'SCJGJ', ...penaltyRow({ severity: tier.severity, decisionDate: tier.decisionDate }) })).recordId);
    expect(await t.sweep.runDailySweep('2025-07-01')).toBeGreaterThanOrEqual(3);
    for (const [i, recordId] of ids.entries()) {
      expect(await t.rpc.getRecord({ recordId })).toMatchObject({ status: RecordStatus.RECORD_STATUS_PUBLICITY_ENDED, statusCause: 'EXPIRED', publicityEnd: tiers[i].end });
    }
  });

  it('stops between batches when the service shuts down; the next sweeps go on from there', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await t.rpc.submitRecord({ providerDepartmentId: 'SCJGJ', ...penaltyRow({ severity: SEVERITY.MINOR, decisionDate: '2026-01-05' }) })).recordId);
    const active = async () => {
      const statuses = await Promise.all(ids.map(async (recordId) => (await t.rpc.getRecord({ recordId })).status));
      return statuses.filter((s) => s === RecordStatus.RECORD_STATUS_ACTIVE).length;
    };
    t.sweep.batchSize = 1;
    // Shutdown is signalled while the first batch is being written: the sweep ends that batch and no more.
    const sweeping = t.sweep.runDailySweep('2026-12-01');
    await t.sweep.onModuleDestroy();
    expect(await sweeping).toBe(1);
    expect(await active()).toBe(2);
    // (Still shutting down: one batch per sweep.)
    expect(await t.sweep.runDailySweep('2026-12-01')).toBe(1);
    expect(await t.sweep.runDailySweep('2026-12-01')).toBe(1);
    expect(await active()).toBe(0);
  });
});
