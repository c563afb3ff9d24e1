/**
 * The records API beyond single submission, through the gateway: batches with per-row errors, provider-only
 * corrections and revocations with full history, the catalogue and who may submit to it.
 */
import { ClientsService } from '@credit/service-gateway';
import { eventually, obtainToken, penaltyRecord, uniqueUscc } from '@credit/testing';
import request from 'supertest';
import { standaloneOnPostgres } from './support';

describe('records API (standalone, PostgreSQL)', () => {
  const pg = standaloneOnPostgres('records_api');
  const tokens: Record<string, string> = {};
  const api = () => request(pg.platform.baseUrl);
  const as = (name: string) => `Bearer ${tokens[name]}`;

  beforeAll(async () => {
    const admin = pg.platform.services.gateway.get(ClientsService);
    const make = async (name: string, departmentId: string, scopes: string[]) => {
      const c = await admin.createClient({ departmentId, departmentName: departmentId, name, scopes });
      tokens[name] = await obtainToken(pg.platform.baseUrl, c.clientId, c.clientSecret);
    };
    await make('samr', 'SCJGJ', ['records:write']);
    await make('tax', 'SWJ', ['records:write']);
    await make('office', 'XYB', ['admin']);
  });

  it('stores the good rows of a batch, names each bad row and field, and a re-post creates nothing', async () => {
    const good = [penaltyRecord(), penaltyRecord(), penaltyRecord()];
    const badUscc = { ...penaltyRecord(), subject: { type: 'LEGAL_PERSON', name: '某公司', uscc: '91430100MA4L16JQ9X' } };
    const missingField = { ...penaltyRecord(), fields: { authority: '某局' } };
    const batch = { records: [good[0], badUscc, good[1], missingField, good[2]] };
    const first = await api().post('/api/v1/records/batch').set('authorization', as('samr')).send(batch).expect(200);
    expect(first.body).toMatchObject({ created: 3, rejected: 2, unchanged: 0 });
    expect(first.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['CREATED', 'REJECTED', 'CREATED', 'REJECTED', 'CREATED']);
    expect(first.body.results[1].errors[0].field).toMatch(/^records\[1\]\.subject\.uscc$/);
    expect(first.body.results[3].errors.map((e: { field: string }) => e.field)).toContain('records[3].fields.basis');
    const [{ n }] = await pg.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM record_collection.credit_record WHERE decision_number = ANY($1)`, [batch.records.map((r) => r.decisionNumber)]);
    expect(n).toBe(3);

    const again = await api().post('/api/v1/records/batch').set('authorization', as('samr')).send(batch).expect(200);
    expect(again.body).toMatchObject({ created: 0, unchanged: 3, rejected: 2 });
    await api().post('/api/v1/records/batch').set('authorization', as('samr')).send({ records: Array.from({ length: 1001 }, () => good[0]) }).expect(400);
  });

  it('lets only the provider correct and revoke its record, keeping every version', async () => {
    const record = penaltyRecord({ uscc: uniqueUscc() });
    const { body: created } = await api().post('/api/v1/records').set('authorization', as('samr')).send(record).expect(201);
    const url = `/api/v1/records/${created.recordId}`;

    const foreign = await api().post(`${url}/corrections`).set('authorization', as('tax')).send({ fields: { content: '改' }, reason: '越权' }).expect(403);
    expect(foreign.body.error.details[0].code).toBe('RECORD_NOT_OWNED');
    await api().get(url).set('authorization', as('tax')).expect(404); // another department does not see it

    const corrected = await api().post(`${url}/corrections`).set('authorization', as('samr')).send({ fields: { content: '罚款人民币叁仟元' }, reason: '金额录入错误' }).expect(201);
    expect(corrected.body).toMatchObject({ recordId: created.recordId, version: 2 });
    await api().post(`${url}/revocation`).set('authorization', as('tax')).send({ reason: '越权' }).expect(403);
    const revoked = await api().post(`${url}/revocation`).set('authorization', as('samr')).send({ reason: '行政复议撤销原处罚决定' }).expect(200);
    expect(revoked.body.status).toBe('REVOKED');

    const { body: history } = await api().get(url).set('authorization', as('samr')).expect(200);
    expect(history.versions.map((v: { version: number; changeKind: string }) => v.version)).toEqual([1, 2]);
    expect(history.versions[0].fields.content).toBe(record.fields.content);
    expect(history.versions[1].fields.content).toBe('罚款人民币叁仟元');
    expect(history.versions[1].reason).toBe('金额录入错误');
    // the credit office reads any record
    await api().get(url).set('authorization', as('office')).expect(200);
  });

  it('shows the catalogue, and only a responsible department submits to a closed item until the credit office grants it', async () => {
    const { body: all } = await api().get('/api/v1/catalogue').set('authorization', as('tax')).expect(200);
    const defaulters = all.find((i: { category: string }) => i.category === 'JUDGMENT_DEFAULTER');
    expect(defaulters).toMatchObject({ openSubmission: false });
    const { body: mine } = await api().get('/api/v1/catalogue?mine=true').set('authorization', as('tax')).expect(200);
    expect(mine.map((i: { code: string }) => i.code)).not.toContain(defaulters.code);

    const submission = { ...penaltyRecord(), catalogueItemCode: defaulters.code, severity: 'SERIOUS' };
    const refused = await api().post('/api/v1/records').set('authorization', as('tax')).send(submission).expect(403);
    expect(refused.body.error.details[0]).toMatchObject({ code: 'CATALOGUE_ITEM_NOT_RESPONSIBLE', field: 'catalogueItemCode' });

    await api().put(`/api/v1/catalogue/${defaulters.code}/responsibility`).set('authorization', as('tax')).send({ departmentId: 'SWJ', responsible: true }).expect(403);
    await api().put(`/api/v1/catalogue/${defaulters.code}/responsibility`).set('authorization', as('office')).send({ departmentId: 'SWJ', responsible: true }).expect(200);
    const { body: nowMine } = await api().get('/api/v1/catalogue?mine=true').set('authorization', as('tax')).expect(200);
    expect(nowMine.map((i: { code: string }) => i.code)).toContain(defaulters.code);
  });

  it('answers the public query without a token: the penalty in its publicity window, nothing about unknown organisations', async () => {
    const record = penaltyRecord({ uscc: uniqueUscc() });
    await api().post('/api/v1/records').set('authorization', as('samr')).send(record).expect(201);
    const body = await eventually('the record public', async () => {
      const r = await api().get(`/api/v1/public/organisations/${record.subject.uscc}/records`).expect(200);
      return r.body.records.length > 0 ? r.body : undefined;
    });
    expect(body).toMatchObject({ found: true, uscc: record.subject.uscc });
    expect(body.records[0]).toMatchObject({ decisionNumber: record.decisionNumber, decisionDate: record.decisionDate, category: 'PENALTY', severity: 'GENERAL' });
    expect(body.records[0].publicityEnd).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const unknown = await api().get(`/api/v1/public/organisations/${uniqueUscc()}/records`).expect(200);
    expect(unknown.body).toMatchObject({ found: false, records: [] });
    const bad = await api().get('/api/v1/public/organisations/91430100MA4L16JQ9X/records').expect(400);
    expect(bad.body.error.code).toBe('USCC_CHECK_DIGIT');
  });

  it('imports an NDJSON upload, stores the good lines and reports each bad line with its field', async () => {
    const good = [penaltyRecord(), penaltyRecord()];
    const bad = { ...penaltyRecord(), decisionDate: '2026-02-30' };
    const body = [good[0], bad, good[1]].map((r) => JSON.stringify(r)).join('\n') + '\n';
    const batchKey = `ndjson-${Date.now()}`;
    const upload = await api()
      .post(`/api/v1/imports?batchKey=${batchKey}`)
      .set('authorization', as('samr'))
      .set('content-type', 'application/x-ndjson')
      .send(body);
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ received: 3, accepted: 2, rejected: 1 });
    const status = await api().get(`/api/v1/imports/${upload.body.importId}`).set('authorization', as('samr')).expect(200);
    expect(status.body.status).toBe('COMPLETED');
    const errors = await api().get(`/api/v1/imports/${upload.body.importId}/errors?format=ndjson`).set('authorization', as('samr')).expect(200);
    const lines = String(errors.text).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ line: 2, field: 'decisionDate' })]);
    // the same upload again (same batch key) creates nothing new
    const again = await api().post(`/api/v1/imports?batchKey=${batchKey}`).set('authorization', as('samr')).set('content-type', 'application/x-ndjson').send(body);
    expect(again.body).toMatchObject({ created: 2 });
    const [{ n }] = await pg.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM record_collection.credit_record WHERE decision_number = ANY($1)`, [good.map((r) => r.decisionNumber)]);
    expect(n).toBe(2);
    // another department does not see the batch
    await api().get(`/api/v1/imports/${upload.body.importId}`).set('authorization', as('tax')).expect(404);
  });

  it('imports an upload of several chunks (two in flight to record-collection): every line stored once, in order', async () => {
    const records = Array.from({ length: 12_001 }, (_, i) => penaltyRecord({ decisionNumber: `湘测罚〔2026〕CHUNKS-${Date.now()}-${i}号` }));
    records[7_500] = { ...records[7_500], decisionDate: '2026-13-01' };
    const upload = await api()
      .post(`/api/v1/imports?batchKey=chunks-${Date.now()}`)
      .set('authorization', as('samr'))
      .set('content-type', 'application/x-ndjson')
      .send(records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ status: 'COMPLETED', received: 12_001, accepted: 12_000, rejected: 1 });
    const [{ n }] = await pg.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM record_collection.credit_record WHERE decision_number = ANY($1)`, [records.map((r) => r.decisionNumber)]);
    expect(n).toBe(12_000);
    const errors = await api().get(`/api/v1/imports/${upload.body.importId}/errors?format=ndjson`).set('authorization', as('samr')).expect(200);
    expect(String(errors.text).trim().split('\n').map((l) => JSON.parse(l) as { line: number })).toEqual([expect.objectContaining({ line: 7_501, field: 'decisionDate' })]);
  }, 60_000);
});
