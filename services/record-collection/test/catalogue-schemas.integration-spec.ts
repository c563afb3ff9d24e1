import { SeverityTier } from '@credit/contracts';
import { addCalendarDays, chinaDateOf } from '@credit/domain';
import { penaltyRow, startRecordCollection, type RecordCollectionUnderTest } from './record-collection.fixtures';

describe('record-collection: versioned catalogue field schemas (JSON Schema, ajv)', () => {
  let t: RecordCollectionUnderTest;
  const today = chinaDateOf(new Date());

  beforeAll(async () => {
    t = await startRecordCollection('rc_schemas');
  });

  afterAll(async () => {
    await t?.sut.stop();
  });

  const recordsWith = async (decisionNumber: string) =>
    Number((await t.sut.db.query<{ n: string }>('SELECT count(*) AS n FROM record_collection.credit_record WHERE decision_number = $1', [decisionNumber]))[0].n);

  const baseFields = { authority: '长沙市市场监督管理局', basis: '《中华人民共和国产品质量法》第四十九条', content: '罚款人民币伍仟元' };

  it('seeds the national penalty and licence field sets as schemas', async () => {
    const { items } = await t.rpc.listCatalogueItems({ departmentId: '' });
    const penalty = items.find((i) => i.code === 'ADMIN_PENALTY')!;
    const schema = JSON.parse(penalty.fieldSchemaJson) as { properties: Record<string, { type?: string; enum?: string[] }> };
    expect(schema.properties.fineAmount.type).toBe('number');
    expect(schema.properties.penaltyType.enum).toContain('罚款');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['authority', 'basis', 'content', 'displayEndDate', 'authorityUscc', 'illegalFacts']));
    expect(penalty.optionalFields).toEqual(expect.arrayContaining(['penaltyType', 'displayEndDate']));
    expect(items.find((i) => i.code === 'ADMIN_LICENSING')!.fieldSchemaJson).toContain('licenceNumber');
  });

  it('rejects a schema violation with structured errors in zh and en and stores nothing', async () => {
    const row = penaltyRow({ fields: { ...baseFields, fineAmount: '五千元', penaltyType: '罚金', displayEndDate: '2027-02-30', basis: 'x'.repeat(2_001) } });
    await expect(t.rpc.submitRecord({ providerDepartmentId: 'SCHEMA-DEPT', ...row })).rejects.toMatchObject({
      kind: 'VALIDATION',
      errors: expect.arrayContaining([
        { code: 'FIELD_TYPE', field: 'fields.fineAmount', message: { zh: '信息项 fineAmount 须为数字', en: 'Field fineAmount must be of type number.' } },
        expect.objectContaining({ code: 'FIELD_NOT_IN_LIST', field: 'fields.penaltyType', message: expect.objectContaining({ zh: expect.stringContaining('罚款') }) }),
        expect.objectContaining({ code: 'FIELD_FORMAT', field: 'fields.displayEndDate' }),
        expect.objectContaining({ code: 'FIELD_TOO_LONG', field: 'fields.basis' }),
      ]),
    });
    expect(await recordsWith(row.decisionNumber)).toBe(0);

    const good = penaltyRow();
    const batch = await t.rpc.submitRecords({ providerDepartmentId: 'SCHEMA-DEPT', records: [good, row] });
    expect(batch).toMatchObject({ created: 1, rejected: 1 });
    expect(batch.results[1].errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'FIELD_TYPE', field: 'records[1].fields.fineAmount' })]));
    expect(await recordsWith(row.decisionNumber)).toBe(0);
  });

  it('stores a fine amount given as digits as a number (CSV columns are text)', async () => {
    const row = penaltyRow({ fields: { ...baseFields, fineAmount: '5000', penaltyType: '罚款' } });
    const created = await t.rpc.submitRecord({ providerDepartmentId: 'SCHEMA-DEPT', ...row });
    const view = await t.rpc.getRecord({ recordId: created.recordId });
    expect(JSON.parse(view.versions[0].fieldsJson)).toMatchObject({ fineAmount: 5000, penaltyType: '罚款' });
  });

  it('applies a new item version to submissions from its effective date; stored records keep theirs', async () => {
    const licence = (fields: Record<string, unknown>) => penaltyRow({ catalogueItemCode: 'ADMIN_LICENSING', severity: SeverityTier.SEVERITY_TIER_UNSPECIFIED, fields });
    const before = await t.rpc.submitRecord({ providerDepartmentId: 'LIC-DEPT', ...licence({ authority: '某局', content: '准予许可' }) });
    expect(before.version).toBe(1);

    const v2 = {
      creditOffice: true,
      catalogueItemCode: 'ADMIN_LICENSING',
      name: '',
      category: '',
      disclosure: '',
      subjectTypes: [],
      requiredFields: ['authority', 'content', 'licenceNumber'],
      optionalFields: [],
      fieldSchemaJson: JSON.stringify({
        type: 'object',
        properties: { authority: { type: 'string', maxLength: 200 }, content: { type: 'string' }, licenceNumber: { type: 'string', pattern: '^[A-Z0-9]{6,20}$' } },
      }),
      effectiveFrom: '',
    };
    await expect(t.rpc.publishCatalogueItemVersion({ ...v2, creditOffice: false })).rejects.toMatchObject({ kind: 'FORBIDDEN' });
    await expect(t.rpc.publishCatalogueItemVersion({ ...v2, fieldSchemaJson: '{"type":"object","properties":{"a":{"type":"strng"}}}' })).rejects.toMatchObject({
      kind: 'VALIDATION',
      errors: [expect.objectContaining({ code: 'FIELD_SCHEMA_INVALID', field: 'fieldSchemaJson' })],
    });
    const published = await t.rpc.publishCatalogueItemVersion(v2);
    expect(published).toMatchObject({ code: 'ADMIN_LICENSING', version: 2, effectiveFrom: today, requiredFields: ['authority', 'content', 'licenceNumber'], openSubmission: true });
    // A version for tomorrow does not apply yet.
    const v3 = await t.rpc.publishCatalogueItemVersion({ ...v2, requiredFields: ['authority', 'content', 'licenceNumber', 'validTo'], effectiveFrom: addCalendarDays(today, 1) });
    expect(v3.version).toBe(3);
    expect((await t.rpc.listCatalogueItems({ departmentId: '' })).items.find((i) => i.code === 'ADMIN_LICENSING')).toMatchObject({ version: 2 });

    const missing = licence({ authority: '某局', content: '准予许可' });
    await expect(t.rpc.submitRecord({ providerDepartmentId: 'LIC-DEPT', ...missing })).rejects.toMatchObject({
      kind: 'VALIDATION',
      errors: [expect.objectContaining({ code: 'FIELD_REQUIRED', field: 'fields.licenceNumber' })],
    });
    const badPattern = licence({ authority: '某局', content: '准予许可', licenceNumber: 'no!' });
    await expect(t.rpc.submitRecord({ providerDepartmentId: 'LIC-DEPT', ...badPattern })).rejects.toMatchObject({
      errors: [expect.objectContaining({ code: 'FIELD_PATTERN', field: 'fields.licenceNumber' })],
    });
    const after = await t.rpc.submitRecord({ providerDepartmentId: 'LIC-DEPT', ...licence({ authority: '某局', content: '准予许可', licenceNumber: 'D2430001' }) });

    const oldView = await t.rpc.getRecord({ recordId: before.recordId });
    const newView = await t.rpc.getRecord({ recordId: after.recordId });
    expect(oldView.versions.map((v) => v.catalogueItemVersion)).toEqual([1]);
    expect(newView.versions.map((v) => v.catalogueItemVersion)).toEqual([2]);
    await expect(t.rpc.publishCatalogueItemVersion({ ...v2, effectiveFrom: today })).rejects.toMatchObject({
      kind: 'CONFLICT',
      errors: [expect.objectContaining({ code: 'EFFECTIVE_FROM_BEFORE_LATEST' })],
    });
  });
});
