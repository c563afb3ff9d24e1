import { CommitmentType, Events, FulfilmentStatus, SeverityTier, SubjectType, type MakeCommitmentRequest } from '@credit/contracts';
import { chinaDateOf } from '@credit/domain';
import { uniqueIdNumber, uniqueUscc } from '@credit/testing';
import { CommitmentsGrpcController } from '../src/commitments/commitments.grpc.controller';
import { settledEvents, startRecordCollection, type RecordCollectionUnderTest } from './record-collection.fixtures';

describe('record-collection: credit commitments (信用承诺)', () => {
  let t: RecordCollectionUnderTest;
  let rpc: CommitmentsGrpcController;
  let serial = 0;

  beforeAll(async () => {
    t = await startRecordCollection('rc_commitments');
    rpc = t.sut.app.get(CommitmentsGrpcController);
  });

  afterAll(async () => {
    await t?.sut.stop();
  });

  const today = chinaDateOf(new Date());

  function commitment(overrides: Partial<MakeCommitmentRequest> = {}): MakeCommitmentRequest {
    serial += 1;
    return {
      receivingDepartmentId: 'ZJJ',
      idempotencyKey: `key-${Date.now()}-${serial}`,
      type: CommitmentType.COMMITMENT_TYPE_NOTIFICATION_APPROVAL,
      subject: { type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON, name: '湖南承诺建设有限公司', uscc: uniqueUscc(), idNumber: '' },
      content: '本单位承诺所提交的资质材料真实有效，如有虚假愿承担相应责任',
      matter: '建筑业企业资质审批（告知承诺制）',
      deadline: '',
      repairApplicationId: '',
      recordIds: [],
      ...overrides,
    };
  }

  it('gives codes region + date + serial without gaps or duplicates under concurrency', async () => {
    const made = await Promise.all(Array.from({ length: 25 }, () => rpc.makeCommitment(commitment())));
    const codes = made.map((c) => c.commitmentCode);
    expect(new Set(codes).size).toBe(25);
    for (const code of codes) expect(code).toMatch(new RegExp(`^430000${today.replaceAll('-', '')}\\d{6}$`));
    const serials = codes.map((c) => Number(c.slice(14))).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 25 }, (_, i) => serials[0] + i));
    const [{ last_serial }] = await t.sut.db.query<{ last_serial: number }>('SELECT last_serial FROM record_collection.commitment_serial WHERE day = $1', [today]);
    expect(Number(last_serial)).toBe(serials[24]);
  });

  it('answers a repeated request with the same commitment and refuses the key for other content', async () => {
    const request = commitment();
    const first = await rpc.makeCommitment(request);
    const again = await rpc.makeCommitment(request);
    expect(again).toMatchObject({ commitmentId: first.commitmentId, commitmentCode: first.commitmentCode });
    await expect(rpc.makeCommitment({ ...request, content: '另一份承诺' })).rejects.toMatchObject({
      kind: 'CONFLICT',
      errors: [expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' })],
    });
    const made = (await settledEvents(t, Events.CommitmentMade)).filter((e) => e.payload.commitmentId === first.commitmentId);
    expect(made).toHaveLength(1);
    expect(made[0].payload).toMatchObject({ commitmentCode: first.commitmentCode, type: CommitmentType.COMMITMENT_TYPE_NOTIFICATION_APPROVAL, receivingDepartmentId: 'ZJJ' });
  });

  it('refuses an invalid commitment with structured errors and stores nothing', async () => {
    const request = commitment({ type: CommitmentType.COMMITMENT_TYPE_UNSPECIFIED, content: '', deadline: '2020-01-01' });
    await expect(rpc.makeCommitment(request)).rejects.toMatchObject({
      kind: 'VALIDATION',
      errors: expect.arrayContaining([
        expect.objectContaining({ code: 'COMMITMENT_TYPE_INVALID', field: 'type' }),
        expect.objectContaining({ code: 'CONTENT_REQUIRED', field: 'content' }),
        expect.objectContaining({ code: 'DEADLINE_IN_PAST', field: 'deadline' }),
      ]),
    });
    const [{ n }] = await t.sut.db.query<{ n: string }>('SELECT count(*) AS n FROM record_collection.commitment WHERE idempotency_key = $1', [request.idempotencyKey]);
    expect(n).toBe('0');
  });

  it('turns a breach recorded by the receiving department into an adverse record, with events', async () => {
    const made = await rpc.makeCommitment(commitment({ deadline: today }));
    const fulfilment = { commitmentId: made.commitmentId, status: FulfilmentStatus.FULFILMENT_STATUS_BREACHED, fulfilmentDate: today, note: '核查发现承诺材料不实', severity: SeverityTier.SEVERITY_TIER_UNSPECIFIED };
    await expect(rpc.recordFulfilment({ ...fulfilment, departmentId: 'OTHER' })).rejects.toMatchObject({
      kind: 'FORBIDDEN',
      errors: [expect.objectContaining({ code: 'COMMITMENT_NOT_RECEIVED' })],
    });

    const breached = await rpc.recordFulfilment({ ...fulfilment, departmentId: 'ZJJ' });
    expect(breached).toMatchObject({ status: FulfilmentStatus.FULFILMENT_STATUS_BREACHED, fulfilmentDate: today, note: fulfilment.note });
    expect(breached.breachRecordId).toMatch(/^[0-9a-f-]{36}$/);
    const record = await t.rpc.getRecord({ recordId: breached.breachRecordId });
    expect(record).toMatchObject({ catalogueItemCode: 'COMMITMENT_BREACH', decisionNumber: made.commitmentCode, providerDepartmentId: 'ZJJ', subjectKey: made.subject!.key });
    expect(record.versions[0]).toMatchObject({ severity: SeverityTier.SEVERITY_TIER_GENERAL, decisionDate: today });
    expect(JSON.parse(record.versions[0].fieldsJson)).toMatchObject({ commitmentCode: made.commitmentCode, commitmentType: 'NOTIFICATION_APPROVAL', breachNote: fulfilment.note });

    const recorded = (await settledEvents(t, Events.CommitmentFulfilmentRecorded)).filter((e) => e.payload.commitmentId === made.commitmentId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ subjectKey: made.subject!.key });
    expect(recorded[0].payload).toMatchObject({ status: FulfilmentStatus.FULFILMENT_STATUS_BREACHED, breachRecordId: breached.breachRecordId });
    const collected = (await settledEvents(t, Events.RecordCollected)).filter((e) => e.payload.recordId === breached.breachRecordId);
    expect(collected).toHaveLength(1);
    expect(collected[0].payload).toMatchObject({ adverse: true, catalogueItemCode: 'COMMITMENT_BREACH', severity: SeverityTier.SEVERITY_TIER_GENERAL });

    // Recorded once: the same request is a no-op, another outcome a conflict; no second record.
    await expect(rpc.recordFulfilment({ ...fulfilment, departmentId: 'ZJJ' })).resolves.toMatchObject({ breachRecordId: breached.breachRecordId });
    await expect(
      rpc.recordFulfilment({ ...fulfilment, departmentId: 'ZJJ', status: FulfilmentStatus.FULFILMENT_STATUS_FULFILLED, note: '' }),
    ).rejects.toMatchObject({ kind: 'CONFLICT', errors: [expect.objectContaining({ code: 'FULFILMENT_ALREADY_RECORDED' })] });
    const [{ n }] = await t.sut.db.query<{ n: string }>("SELECT count(*) AS n FROM record_collection.credit_record WHERE catalogue_item_code = 'COMMITMENT_BREACH' AND subject_key = $1", [made.subject!.key]);
    expect(n).toBe('1');
  });

  it('records fulfilment without a record, and tells credit-repair when a repair commitment of a person is broken', async () => {
    const kept = await rpc.makeCommitment(commitment({ type: CommitmentType.COMMITMENT_TYPE_DEFERRED_DOCUMENTS }));
    const fulfilled = await rpc.recordFulfilment({
      departmentId: 'ZJJ',
      commitmentId: kept.commitmentId,
      status: FulfilmentStatus.FULFILMENT_STATUS_FULFILLED,
      fulfilmentDate: today,
      note: '',
      severity: SeverityTier.SEVERITY_TIER_UNSPECIFIED,
    });
    expect(fulfilled).toMatchObject({ status: FulfilmentStatus.FULFILMENT_STATUS_FULFILLED, breachRecordId: '' });

    const idNumber = uniqueIdNumber();
    const repairedRecordId = '0b6f3a52-2f1c-4c55-9d55-5c1b9a3f0e11';
    const repair = await rpc.makeCommitment(
      commitment({
        type: CommitmentType.COMMITMENT_TYPE_CREDIT_REPAIR,
        subject: { type: SubjectType.SUBJECT_TYPE_NATURAL_PERSON, name: '李四', uscc: '', idNumber },
        repairApplicationId: 'repair-app-1',
        recordIds: [repairedRecordId],
      }),
    );
    expect(repair.subject!.maskedIdNumber).not.toBe(idNumber);
    await rpc.recordFulfilment({
      departmentId: 'ZJJ',
      commitmentId: repair.commitmentCode,
      status: FulfilmentStatus.FULFILMENT_STATUS_BREACHED,
      fulfilmentDate: today,
      note: '修复后再次违法',
      severity: SeverityTier.SEVERITY_TIER_UNSPECIFIED,
    });
    const events = (await settledEvents(t, Events.CommitmentFulfilmentRecorded)).filter((e) => [kept.commitmentId, repair.commitmentId].includes(e.payload.commitmentId));
    expect(events.map((e) => e.payload.status).sort()).toEqual([FulfilmentStatus.FULFILMENT_STATUS_FULFILLED, FulfilmentStatus.FULFILMENT_STATUS_BREACHED].sort());
    const broken = events.find((e) => e.payload.commitmentId === repair.commitmentId)!;
    expect(broken.payload).toMatchObject({ type: CommitmentType.COMMITMENT_TYPE_CREDIT_REPAIR, repairApplicationId: 'repair-app-1', recordIds: [repairedRecordId] });
    const made = (await settledEvents(t, Events.CommitmentMade)).find((e) => e.payload.commitmentId === repair.commitmentId)!;
    expect(JSON.stringify([made.payload, broken.payload])).not.toContain(idNumber);
  });

  it('lists a subject’s and a department’s commitments newest first with a cursor', async () => {
    const subject = { type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON, name: '湖南分页商贸有限公司', uscc: uniqueUscc(), idNumber: '' };
    const made = [];
    for (let i = 0; i < 3; i += 1) made.push(await rpc.makeCommitment(commitment({ subject, receivingDepartmentId: 'PAGE-DEPT', type: CommitmentType.COMMITMENT_TYPE_VOLUNTARY })));
    const first = await rpc.listCommitments({ subjectKey: made[0].subject!.key, departmentId: '', pageSize: 2, cursor: '' });
    expect(first.commitments.map((c) => c.commitmentId)).toEqual([made[2].commitmentId, made[1].commitmentId]);
    const second = await rpc.listCommitments({ subjectKey: made[0].subject!.key, departmentId: '', pageSize: 2, cursor: first.nextCursor });
    expect(second).toMatchObject({ commitments: [expect.objectContaining({ commitmentId: made[0].commitmentId })], nextCursor: '' });
    const byDepartment = await rpc.listCommitments({ subjectKey: '', departmentId: 'PAGE-DEPT', pageSize: 1_000, cursor: '' });
    expect(byDepartment.commitments).toHaveLength(3);
    await expect(rpc.listCommitments({ subjectKey: '', departmentId: '', pageSize: 10, cursor: '' })).rejects.toMatchObject({ kind: 'VALIDATION' });
  });
});
