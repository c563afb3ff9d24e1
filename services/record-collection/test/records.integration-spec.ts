import { Events, RecordStatus, SubjectType } from '@credit/contracts';
import { uniqueIdNumber, uniqueUscc } from '@credit/testing';
import { penaltyRow, settledEvents, SEVERITY, startRecordCollection, type RecordCollectionUnderTest } from './record-collection.fixtures';

describe('record-collection: responsibility, batches, corrections, 落实到人, data quality', () => {
  let t: RecordCollectionUnderTest;

  beforeAll(async () => {
    t = await startRecordCollection('rc_records');
  });

  afterAll(async () => {
    await t?.sut.stop();
  });

  const recordCount = async (provider: string) =>
    Number((await t.sut.db.query<{ n: string }>('SELECT count(*) AS n FROM record_collection.credit_record WHERE provider_department_id = $1', [provider]))[0].n);

  describe('responsibility', () => {
    it('lists the catalogue: the 双公示 items open, the others closed to their responsible departments', async () => {
      const { items } = await t.rpc.listCatalogueItems({ departmentId: '' });
      const byCode = new Map(items.map((i) => [i.code, i]));
      expect(byCode.get('ADMIN_PENALTY')).toMatchObject({ openSubmission: true, adverse: true, category: 'PENALTY' });
      expect(byCode.get('ADMIN_LICENSING')).toMatchObject({ openSubmission: true, adverse: false });
      expect(byCode.get('JUDGMENT_DEFAULTER')).toMatchObject({ openSubmission: false, adverse: true, category: 'JUDGMENT_DEFAULTER', responsibleDepartmentIds: ['FY'] });
      expect(byCode.get('COMMITMENT_FULFILMENT')).toMatchObject({ openSubmission: false, category: 'COMMITMENT_FULFILMENT' });
      expect(byCode.get('COMMENDATION')).toMatchObject({ openSubmission: false, adverse: false, category: 'COMMENDATION' });
      expect(byCode.get('INSPECTION')).toMatchObject({ openSubmission: false, category: 'INSPECTION' });

      const court = await t.rpc.listCatalogueItems({ departmentId: 'FY' });
      expect(court.items.map((i) => i.code).sort()).toEqual(['ADMIN_LICENSING', 'ADMIN_PENALTY', 'COMMITMENT_BREACH', 'JUDGMENT_DEFAULTER']);
    });

    it('refuses a department that is not responsible for the item, and accepts it once granted', async () => {
      const row = penaltyRow({ catalogueItemCode: 'JUDGMENT_DEFAULTER', severity: SEVERITY.SERIOUS, fieldsJson: JSON.stringify({ court: '长沙市中级人民法院', obligation: '支付货款' }) });
      await expect(t.rpc.submitRecord({ providerDepartmentId: 'SCJGJ-RESP', ...row })).rejects.toMatchObject({
        kind: 'FORBIDDEN',
        errors: [{ code: 'CATALOGUE_ITEM_NOT_RESPONSIBLE', field: 'catalogueItemCode' }],
      });
      expect(await recordCount('SCJGJ-RESP')).toBe(0);

      await expect(t.rpc.submitRecord({ providerDepartmentId: 'FY', ...row })).resolves.toMatchObject({ outcome: 'CREATED', version: 1 });

      const granted = await t.rpc.setCatalogueResponsibility({ catalogueItemCode: 'JUDGMENT_DEFAULTER', departmentId: 'SCJGJ-RESP', responsible: true });
      expect(granted.responsibleDepartmentIds).toEqual(['FY', 'SCJGJ-RESP']);
      await expect(t.rpc.submitRecord({ providerDepartmentId: 'SCJGJ-RESP', ...row })).resolves.toMatchObject({ outcome: 'CREATED' });
      // Any department may publish its own penalties (双公示).
      await expect(t.rpc.submitRecord({ providerDepartmentId: 'ANY-DEPT', ...penaltyRow() })).resolves.toMatchObject({ outcome: 'CREATED' });
    });
  });

  describe('batch submit', () => {
    const provider = 'BATCH-DEPT';
    const batch = () => {
      const rows = [penaltyRow(), penaltyRow(), penaltyRow(), penaltyRow(), penaltyRow(), penaltyRow()];
      rows[1] = { ...rows[1], subject: { ...rows[1].subject!, uscc: '91430100MA4L16JQ9X' } }; // wrong check character
      rows[3] = { ...rows[3], fieldsJson: JSON.stringify({ authority: '长沙市市场监督管理局', basis: '《产品质量法》' }) }; // no content
      rows[4] = { ...rows[4], catalogueItemCode: 'COMMENDATION', severity: 0, fieldsJson: JSON.stringify({ authority: 'x', content: 'y' }) };
      return rows;
    };

    it('stores exactly the good rows, reports each bad row with its index and field, and a re-post creates nothing', async () => {
      const rows = batch();
      const before = (await settledEvents(t, Events.RecordCollected)).length;
      const response = await t.rpc.submitRecords({ providerDepartmentId: provider, records: rows });
      expect(response).toMatchObject({ created: 3, newVersions: 0, unchanged: 0, rejected: 3 });
      expect(response.results.map((r) => [r.index, r.outcome])).toEqual([
        [0, 'CREATED'],
        [1, 'REJECTED'],
        [2, 'CREATED'],
        [3, 'REJECTED'],
        [4, 'REJECTED'],
        [5, 'CREATED'],
      ]);
      expect(response.results[1].errors).toEqual([expect.objectContaining({ code: 'USCC_CHECK_DIGIT', field: 'records[1].subject.uscc' })]);
      expect(response.results[3].errors).toEqual([expect.objectContaining({ code: 'FIELD_REQUIRED', field: 'records[3].fields.content' })]);
      expect(response.results[4].errors).toEqual([expect.objectContaining({ code: 'CATALOGUE_ITEM_NOT_RESPONSIBLE', field: 'records[4].catalogueItemCode' })]);

      const stored = await t.sut.db.query<{ decision_number: string }>(
        'SELECT decision_number FROM record_collection.credit_record WHERE provider_department_id = $1 ORDER BY decision_number',
        [provider],
      );
      expect(stored.map((r) => r.decision_number).sort()).toEqual([rows[0], rows[2], rows[5]].map((r) => r.decisionNumber).sort());
      expect((await settledEvents(t, Events.RecordCollected)).length).toBe(before + 3);

      const again = await t.rpc.submitRecords({ providerDepartmentId: provider, records: rows });
      expect(again).toMatchObject({ created: 0, newVersions: 0, unchanged: 3, rejected: 3 });
      expect(again.results.filter((r) => r.outcome === 'UNCHANGED').map((r) => r.recordId)).toEqual(
        response.results.filter((r) => r.outcome === 'CREATED').map((r) => r.recordId),
      );
      expect(await recordCount(provider)).toBe(3);
      expect((await settledEvents(t, Events.RecordCollected)).length).toBe(before + 3);
    });

    it('takes 1,000 rows in one call and refuses more', async () => {
      const rows = Array.from({ length: 1_000 }, () => penaltyRow());
      const started = Date.now();
      const response = await t.rpc.submitRecords({ providerDepartmentId: 'BIG-BATCH', records: rows });
      expect(response.created).toBe(1_000);
      expect(Date.now() - started).toBeLessThan(10_000);
      await expect(t.rpc.submitRecords({ providerDepartmentId: 'BIG-BATCH', records: [...rows, penaltyRow()] })).rejects.toMatchObject({
        kind: 'VALIDATION',
        errors: [{ code: 'BATCH_TOO_LARGE', field: 'records' }],
      });
    });
  });

  describe('corrections and revocations', () => {
    it('lets only the provider correct: version 2 with the history kept, announced as RecordCollected v2', async () => {
      const created = await t.rpc.submitRecord({ providerDepartmentId: 'OWNER', ...penaltyRow() });
      await expect(
        t.rpc.correctRecord({ providerDepartmentId: 'OTHER', recordId: created.recordId, fieldsJson: '{"content":"x"}', severity: 0, decisionDate: '', reason: '笔误' }),
      ).rejects.toMatchObject({ kind: 'FORBIDDEN', errors: [{ code: 'RECORD_NOT_OWNED', field: 'recordId' }] });

      const corrected = await t.rpc.correctRecord({
        providerDepartmentId: 'OWNER',
        recordId: created.recordId,
        fieldsJson: JSON.stringify({ content: '罚款人民币叁仟元' }),
        severity: SEVERITY.MINOR,
        decisionDate: '',
        reason: '罚款金额笔误',
      });
      expect(corrected).toMatchObject({ recordId: created.recordId, version: 2, outcome: 'NEW_VERSION' });

      const view = await t.rpc.getRecord({ recordId: created.recordId });
      expect(view).toMatchObject({ currentVersion: 2, status: RecordStatus.RECORD_STATUS_ACTIVE, providerDepartmentId: 'OWNER' });
      expect(view.versions.map((v) => [v.version, v.changeKind, v.severity])).toEqual([
        [1, 'SUBMITTED', SEVERITY.GENERAL],
        [2, 'CORRECTED', SEVERITY.MINOR],
      ]);
      expect(JSON.parse(view.versions[0].fieldsJson).content).toBe('罚款人民币伍仟元');
      expect(JSON.parse(view.versions[1].fieldsJson)).toMatchObject({ content: '罚款人民币叁仟元', authority: '长沙市市场监督管理局' });
      expect(view.versions[1].reason).toBe('罚款金额笔误');
      // MINOR: at most 3 months from the decision date.
      expect(view.publicityEnd).toBe('2027-02-02');

      const events = (await settledEvents(t, Events.RecordCollected)).filter((e) => e.payload.recordId === created.recordId);
      expect(events.map((e) => e.payload.version)).toEqual([1, 2]);
      expect(events[1].payload).toMatchObject({ severity: SEVERITY.MINOR, publicityEnd: '2027-02-02', submittedByDepartmentId: 'OWNER' });
    });

    it('lets only the provider revoke: RecordStatusChanged REVOKED, cause PROVIDER_REVOKED; a revoked record cannot be corrected', async () => {
      const created = await t.rpc.submitRecord({ providerDepartmentId: 'OWNER', ...penaltyRow() });
      await expect(t.rpc.revokeRecord({ providerDepartmentId: 'OTHER', recordId: created.recordId, reason: '错报' })).rejects.toMatchObject({
        kind: 'FORBIDDEN',
        errors: [{ code: 'RECORD_NOT_OWNED' }],
      });
      expect((await t.rpc.getRecord({ recordId: created.recordId })).status).toBe(RecordStatus.RECORD_STATUS_ACTIVE);

      const view = await t.rpc.revokeRecord({ providerDepartmentId: 'OWNER', recordId: created.recordId, reason: '决定已被行政复议撤销' });
      expect(view).toMatchObject({ status: RecordStatus.RECORD_STATUS_REVOKED, statusCause: 'PROVIDER_REVOKED', publicityEnd: '' });
      await t.rpc.revokeRecord({ providerDepartmentId: 'OWNER', recordId: created.recordId, reason: '重复' });
      const changes = (await settledEvents(t, Events.RecordStatusChanged)).filter((e) => e.payload.recordId === created.recordId);
      expect(changes).toHaveLength(1);
      expect(changes[0].payload).toMatchObject({ status: RecordStatus.RECORD_STATUS_REVOKED, cause: 'PROVIDER_REVOKED', actorDepartmentId: 'OWNER', version: 1 });
      expect(changes[0].subjectKey).toBe(created.subjectKey);

      await expect(
        t.rpc.correctRecord({ providerDepartmentId: 'OWNER', recordId: created.recordId, fieldsJson: '{"content":"x"}', severity: 0, decisionDate: '', reason: 'r' }),
      ).rejects.toMatchObject({ kind: 'CONFLICT', errors: [{ code: 'RECORD_REVOKED' }] });
    });
  });

  describe('落实到人 and data quality', () => {
    it('attributes a SERIOUS record of an organisation to its legal representative and responsible persons, with masked IDs only', async () => {
      const repId = uniqueIdNumber('430102', 1975);
      const principalId = uniqueIdNumber('430103', 1980);
      const row = penaltyRow({
        severity: SEVERITY.SERIOUS,
        fields: {
          authority: '长沙市应急管理局',
          basis: '《安全生产法》',
          content: '吊销许可证',
          legalRepresentativeName: '张三',
          legalRepresentativeIdNumber: repId,
          responsiblePersons: [{ name: '李四', idNumber: principalId, role: 'PRINCIPAL' }],
        },
      });
      const created = await t.rpc.submitRecord({ providerDepartmentId: 'AJJ', ...row });
      const [event] = (await settledEvents(t, Events.RecordCollected)).filter((e) => e.payload.recordId === created.recordId);
      const persons = event.payload.relatedPersons;
      expect(persons.map((p) => [p.role, p.person!.name, p.person!.maskedIdNumber, p.person!.type])).toEqual([
        ['LEGAL_REPRESENTATIVE', '张三', `${repId.slice(0, 6)}********${repId.slice(14)}`, SubjectType.SUBJECT_TYPE_NATURAL_PERSON],
        ['PRINCIPAL', '李四', `${principalId.slice(0, 6)}********${principalId.slice(14)}`, SubjectType.SUBJECT_TYPE_NATURAL_PERSON],
      ]);
      expect(persons[0].person!.key).toMatch(/^NP:[0-9a-f]{32}$/);
      // The full numbers never leave in the event (neither in related_persons nor in fields_json).
      const raw = (await t.sut.db.query<{ payload: Buffer }>(`SELECT payload FROM bus.messages WHERE headers->>'ce_id' = $1`, [event.id]))[0].payload.toString('latin1');
      expect(raw).not.toContain(repId);
      expect(raw).not.toContain(principalId);
      expect(JSON.parse(event.payload.fieldsJson).legalRepresentativeIdNumber).toBe(`${repId.slice(0, 6)}********${repId.slice(14)}`);
      // The persons are subjects like any other; their full number is stored only with the record.
      const subjects = await t.sut.db.query<{ masked_id_number: string; type: string }>(
        'SELECT type, masked_id_number FROM record_collection.subject WHERE key = $1',
        [persons[0].person!.key],
      );
      expect(subjects).toEqual([{ type: 'NATURAL_PERSON', masked_id_number: `${repId.slice(0, 6)}********${repId.slice(14)}` }]);
      const stored = await t.sut.db.query<{ related_persons: { idNumber: string }[] }>(
        'SELECT related_persons FROM record_collection.credit_record_version WHERE record_id = $1',
        [created.recordId],
      );
      expect(stored[0].related_persons.map((p) => p.idNumber)).toEqual([repId, principalId]);
    });

    it('validates the legal representative’s ID number, and links nobody on a record below SERIOUS', async () => {
      const valid = uniqueIdNumber();
      const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
      const bad = penaltyRow({
        severity: SEVERITY.SERIOUS,
        fields: { authority: 'a', basis: 'b', content: 'c', legalRepresentativeName: '张三', legalRepresentativeIdNumber: wrongCheck },
      });
      const response = await t.rpc.submitRecords({ providerDepartmentId: 'AJJ', records: [bad] });
      expect(response.results[0]).toMatchObject({ outcome: 'REJECTED', errors: [expect.objectContaining({ code: 'ID_CHECK_DIGIT', field: 'records[0].fields.legalRepresentativeIdNumber' })] });

      const general = await t.rpc.submitRecord({
        providerDepartmentId: 'AJJ',
        ...penaltyRow({ fields: { authority: 'a', basis: 'b', content: 'c', legalRepresentativeName: '张三', legalRepresentativeIdNumber: uniqueIdNumber() } }),
      });
      const [event] = (await settledEvents(t, Events.RecordCollected)).filter((e) => e.payload.recordId === general.recordId);
      expect(event.payload.relatedPersons).toEqual([]);
    });

    it('accepts a known USCC under another name but flags it for data quality', async () => {
      const uscc = uniqueUscc();
      const first = await t.rpc.submitRecord({ providerDepartmentId: 'DQ', ...penaltyRow({ uscc, name: '湖南甲建设有限公司' }) });
      expect(first.nameMismatch).toBe(false);
      const second = await t.rpc.submitRecord({ providerDepartmentId: 'DQ', ...penaltyRow({ uscc, name: '湖南乙贸易有限公司' }) });
      expect(second).toMatchObject({ outcome: 'CREATED', nameMismatch: true });
      const issues = await t.sut.db.query('SELECT kind, record_id, known_name, submitted_name FROM record_collection.data_quality_issue WHERE subject_key = $1', [
        `ORG:${uscc}`,
      ]);
      expect(issues).toEqual([{ kind: 'NAME_MISMATCH', record_id: second.recordId, known_name: '湖南甲建设有限公司', submitted_name: '湖南乙贸易有限公司' }]);
    });
  });
});
