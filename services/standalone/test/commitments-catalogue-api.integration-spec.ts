/**
 * Through the gateway: credit commitments (信用承诺) made at a department's window and their breach becoming an
 * adverse record; catalogue item versions and the 双公示 timeliness scorecard; a new edition of the measures list
 * imported from the exported CSV; the written notice of an applied measure as PDF.
 */
import { chinaDateOf } from '@credit/domain';
import { ClientsService } from '@credit/service-gateway';
import { eventually, obtainToken, penaltyRecord, uniqueUscc } from '@credit/testing';
import request from 'supertest';
import { standaloneOnPostgres } from './support';

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('commitments, catalogue versions, scorecards, measures editions and notice PDFs (standalone, PostgreSQL)', () => {
  const pg = standaloneOnPostgres('commitments_catalogue_api');
  const api = () => request(pg.platform.baseUrl);
  let other = '';
  let office = '';
  const today = chinaDateOf(new Date());
  const getPdf = (path: string, auth: string) =>
    api()
      .get(path)
      .set('authorization', auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    const clients = pg.platform.services.gateway.get(ClientsService);
    const o = await clients.createClient({ departmentId: 'B-ZJJ', departmentName: 'B-ZJJ', name: 'other', scopes: ['commitments:write', 'commitments:read', 'records:write', 'checks:read'] });
    other = `Bearer ${await obtainToken(pg.platform.baseUrl, o.clientId, o.clientSecret)}`;
    const c = await clients.createClient({ departmentId: 'CREDIT-OFFICE', departmentName: 'CREDIT-OFFICE', name: 'office', scopes: ['admin'] });
    office = `Bearer ${await obtainToken(pg.platform.baseUrl, c.clientId, c.clientSecret)}`;
  });

  it('makes a commitment idempotently, and turns a breach recorded by the receiving department into an adverse record', async () => {
    const subject = { type: 'LEGAL_PERSON', name: '湖南承诺网关测试有限公司', uscc: uniqueUscc() };
    const body = {
      type: 'NOTIFICATION_APPROVAL',
      subject,
      content: '本单位承诺所提交的资质材料真实有效，如有虚假愿承担相应责任',
      matter: '建筑业企业资质审批（告知承诺制）',
      deadline: today,
      idempotencyKey: `commit-${Date.now()}`,
    };
    const { body: made } = await api().post('/api/v1/commitments').set('authorization', pg.auth).send(body).expect(201);
    expect(made).toMatchObject({ type: 'NOTIFICATION_APPROVAL', status: 'PENDING', receivingDepartmentId: 'DEMO-SCJGJ', subject: { uscc: subject.uscc } });
    expect(made.commitmentCode).toMatch(/^\d{6}\d{8}\d{6}$/);
    const { body: again } = await api().post('/api/v1/commitments').set('authorization', pg.auth).send(body).expect(201);
    expect(again.commitmentId).toBe(made.commitmentId);
    const reused = await api().post('/api/v1/commitments').set('authorization', pg.auth).send({ ...body, content: '另一份承诺' }).expect(409);
    expect(reused.body.error.details[0].code).toBe('IDEMPOTENCY_KEY_REUSED');

    // another department neither sees nor settles it
    await api().get(`/api/v1/commitments/${made.commitmentId}`).set('authorization', other).expect(404);
    const bySubject = await api().get('/api/v1/commitments').query({ subjectKey: made.subject.key }).set('authorization', other).expect(200);
    expect(bySubject.body.commitments).toEqual([]);
    const notTheirs = await api().get('/api/v1/commitments').query({ departmentId: 'DEMO-SCJGJ' }).set('authorization', other).expect(403);
    expect(notTheirs.body.error.details[0].code).toBe('DEPARTMENT_NOT_ALLOWED');
    const breach = { status: 'BREACHED', fulfilmentDate: today, note: '核查发现承诺材料不实', severity: 'SERIOUS' };
    const refused = await api().post(`/api/v1/commitments/${made.commitmentId}/fulfilment`).set('authorization', other).send(breach).expect(403);
    expect(refused.body.error.details[0].code).toBe('COMMITMENT_NOT_RECEIVED');

    const { body: breached } = await api().post(`/api/v1/commitments/${made.commitmentId}/fulfilment`).set('authorization', pg.auth).send(breach).expect(200);
    expect(breached).toMatchObject({ status: 'BREACHED', fulfilmentDate: today });
    expect(breached.breachRecordId).toMatch(/^[0-9a-f-]{36}$/);
    // the identical request again changes nothing
    const { body: repeated } = await api().post(`/api/v1/commitments/${made.commitmentId}/fulfilment`).set('authorization', pg.auth).send(breach).expect(200);
    expect(repeated.breachRecordId).toBe(breached.breachRecordId);

    const mine = await api().get('/api/v1/commitments').set('authorization', pg.auth).expect(200);
    expect(mine.body.commitments.map((c: { commitmentId: string }) => c.commitmentId)).toContain(made.commitmentId);
    const all = await api().get('/api/v1/commitments').query({ subjectKey: made.subject.key }).set('authorization', office).expect(200);
    expect(all.body.commitments).toHaveLength(1);
    await api().get(`/api/v1/commitments/${made.commitmentCode}`).set('authorization', office).expect(200);
    const gql = await api()
      .post('/graphql')
      .set('authorization', pg.auth)
      .send({ query: 'query ($id: String!) { commitment(commitmentId: $id) { commitmentCode type status breachRecordId } }', variables: { id: made.commitmentId } })
      .expect(200);
    expect(gql.body.data.commitment).toEqual({ commitmentCode: made.commitmentCode, type: 'NOTIFICATION_APPROVAL', status: 'BREACHED', breachRecordId: breached.breachRecordId });

    const check = await eventually('the breach record in a check', async () => {
      const { body: result } = await api().post('/api/v1/checks').set('authorization', pg.auth).send({ subject, matterType: 'ADMIN_LICENSING', matterReference: 'XK-CN-001' });
      return result.found && result.records.some((r: { recordId: string }) => r.recordId === breached.breachRecordId) ? result : undefined;
    });
    expect(check.records.find((r: { recordId: string }) => r.recordId === breached.breachRecordId)).toMatchObject({ catalogueItemCode: 'COMMITMENT_BREACH' });
  });

  it('publishes a catalogue item version as the credit office only', async () => {
    const { body: items } = await api().get('/api/v1/catalogue').set('authorization', pg.auth).expect(200);
    const item = items.find((i: { code: string }) => !['ADMIN_PENALTY', 'COMMITMENT_BREACH'].includes(i.code));
    expect(item).toBeDefined();
    const effectiveFrom = addDays(today, 3);
    const version = { optionalFields: item.optionalFields, effectiveFrom };
    const refused = await api().post(`/api/v1/catalogue/${item.code}/versions`).set('authorization', pg.auth).send(version).expect(403);
    expect(refused.body.error.details[0].code).toBe('SCOPE_MISSING');
    const { body: published } = await api().post(`/api/v1/catalogue/${item.code}/versions`).set('authorization', office).send(version).expect(201);
    expect(published).toMatchObject({ code: item.code, version: item.version + 1, name: item.name, effectiveFrom });
    expect(published.fieldSchema).toEqual(item.fieldSchema);
  });

  it('gives a department its own timeliness scorecard, and every department to the credit office', async () => {
    const record = penaltyRecord({ uscc: uniqueUscc(), name: '湖南及时性测试有限公司' });
    await api().post('/api/v1/records').set('authorization', pg.auth).send(record).expect(201);
    const period = { periodStart: record.decisionDate, periodEnd: today };
    const { body: card } = await api().get('/api/v1/timeliness').query(period).set('authorization', pg.auth).expect(200);
    expect(card.limitWorkingDays).toBeGreaterThan(0);
    expect(card.departments).toHaveLength(1);
    expect(card.departments[0]).toMatchObject({ departmentId: 'DEMO-SCJGJ' });
    expect(card.departments[0].records).toBeGreaterThanOrEqual(1);
    expect(card.departments[0].rowsReceived).toBeGreaterThanOrEqual(1);
    const refused = await api().get('/api/v1/timeliness').query({ ...period, departmentId: 'DEMO-SCJGJ' }).set('authorization', other).expect(403);
    expect(refused.body.error.details[0].code).toBe('DEPARTMENT_NOT_ALLOWED');
    const { body: every } = await api().get('/api/v1/timeliness').query(period).set('authorization', office).expect(200);
    expect(every.departments.map((d: { departmentId: string }) => d.departmentId)).toContain('DEMO-SCJGJ');
  });

  it('imports the exported measures list unchanged as a new edition, as the credit office only', async () => {
    const exported = await api().get('/api/v1/lists/measures/csv').set('authorization', pg.auth).expect(200);
    const { body: current } = await api().get('/api/v1/lists/measures').set('authorization', pg.auth).expect(200);
    const edition = { editionId: 'M-2026.9', effectiveFrom: addDays(today, 5), basis: ['湘信用办〔2026〕9号'], csv: exported.text };
    await api().post('/api/v1/lists/measures/editions').set('authorization', pg.auth).send(edition).expect(403);
    const { body: imported } = await api().post('/api/v1/lists/measures/editions').set('authorization', office).send(edition).expect(201);
    expect(imported).toMatchObject({ editionId: 'M-2026.9', effectiveFrom: edition.effectiveFrom, basis: edition.basis });
    expect(imported.measures.map((m: { code: string }) => m.code)).toEqual(current.measures.map((m: { code: string }) => m.code));
    const { body: stored } = await api().get('/api/v1/lists/measures').query({ editionId: 'M-2026.9' }).set('authorization', pg.auth).expect(200);
    expect(stored.measures).toHaveLength(current.measures.length);
    // an edition never changes
    const again = await api().post('/api/v1/lists/measures/editions').set('authorization', office).send({ ...edition, effectiveFrom: addDays(today, 6) }).expect(409);
    expect(again.body.error.details[0].code).toBe('EDITION_EXISTS');
  });

  it('serves the written notice of an applied measure as PDF to the checking department', async () => {
    const uscc = uniqueUscc();
    const subject = { type: 'LEGAL_PERSON', name: '湖南告知书测试有限公司', uscc };
    await api().post('/api/v1/records').set('authorization', pg.auth).send(penaltyRecord({ uscc, name: subject.name, severity: 'SERIOUS' })).expect(201);
    const check = await eventually('the record in checks', async () => {
      const { body } = await api().post('/api/v1/checks').set('authorization', pg.auth).send({ subject, matterType: 'ADMIN_LICENSING', matterReference: 'XK-PDF-001' });
      return body.found && body.measures.some((m: { status: string }) => m.status === 'APPLIES') ? body : undefined;
    });
    const applying = check.measures.filter((m: { status: string }) => m.status === 'APPLIES').map((m: { code: string }) => m.code) as string[];
    await eventually('the case', async () => {
      const r = await api().get(`/api/v1/checks/${check.checkId}/case`).set('authorization', pg.auth);
      return r.status === 200 ? r.body : undefined;
    });
    const [first, ...rest] = applying;
    await api()
      .post(`/api/v1/checks/${check.checkId}/feedback`)
      .set('authorization', pg.auth)
      .send({
        measures: [
          { measureCode: first, decision: 'APPLIED', startDate: today, content: '列为重点审查对象', outcome: '加强审查后办结' },
          ...rest.map((code) => ({ measureCode: code, decision: 'NOT_APPLIED', reasonCode: 'OTHER', reason: '本事项不涉及' })),
        ],
      })
      .expect(200);

    const { body: notice } = await api().get(`/api/v1/checks/${check.checkId}/notices/${first}`).set('authorization', pg.auth).expect(200);
    expect(notice).toMatchObject({ status: 'ISSUED', measureCode: first });
    expect(notice.withdrawnOn).toBeUndefined();
    const pdf = await getPdf(`/api/v1/checks/${check.checkId}/notices/${first}/pdf`, pg.auth).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    await api().get(`/api/v1/checks/${check.checkId}/notices/${first}/pdf`).set('authorization', other).expect(403);
    await api().get(`/api/v1/checks/${check.checkId}/notices/${first}/pdf`).set('authorization', office).expect(200);
  });

  it('serves the notice (告知书) of a list entry as PDF', async () => {
    const subject = { type: 'LEGAL_PERSON', name: '湖南名单告知测试有限公司', uscc: uniqueUscc() };
    const { body: proposed } = await api()
      .post('/api/v1/lists')
      .set('authorization', pg.auth)
      .send({ listType: 'KEY_ATTENTION', subject, reason: '多次违法', basisText: '告知书 PDF 测试' })
      .expect(201);
    const entryId = proposed.entry.entryId as string;
    const { body: text } = await eventually('the notice', async () => {
      const r = await api().get(`/api/v1/lists/${entryId}/notice`).set('authorization', pg.auth);
      return r.status === 200 ? r : undefined;
    });
    const pdf = await getPdf(`/api/v1/lists/${entryId}/notice/pdf`, pg.auth).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(encodeURIComponent(text.noticeNumber));
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    await api().get(`/api/v1/lists/${entryId}/notice/pdf`).expect(401);
  });
});
