/**
 * Objections, repairs and lists through the gateway (REST and GraphQL) on the whole platform: a provider
 * submits a penalty, a window department objects for the subject, the provider decides; who may do what;
 * when the record may be repaired.
 */
import { ClientsService } from '@credit/service-gateway';
import { eventually, obtainToken, penaltyRecord, uniqueIdNumber } from '@credit/testing';
import request from 'supertest';
import { standaloneOnPostgres } from './support';

type Credentials = { clientId: string; clientSecret: string };

/** A minimal PDF (magic bytes are checked by the objection service). */
const PDF_BASE64 = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');

describe('objections, repairs and lists API', () => {
  const pg = standaloneOnPostgres('objections_repairs_api');
  const clients: Record<string, Credentials> = {};
  const tokens: Record<string, string> = {};
  const record = penaltyRecord();
  let recordId = '';
  let objectionId = '';

  const api = () => request(pg.platform.baseUrl);
  const bearer = (name: string) => `Bearer ${tokens[name]}`;
  const gql = (name: string | null, query: string, variables: Record<string, unknown> = {}, idempotencyKey?: string) => {
    const r = api().post('/graphql');
    if (name) void r.set('authorization', bearer(name));
    if (idempotencyKey) void r.set('idempotency-key', idempotencyKey);
    return r.send({ query, variables });
  };
  const objectionBody = () => ({
    targetType: 'RECORD',
    targetId: recordId,
    grounds: 'WRONG_CONTENT',
    statement: '罚款金额与决定书不符 / the fine differs from the decision',
    contact: { name: '张三', phone: '0731-12345678' },
    attachments: [{ fileName: '决定书.pdf', mediaType: 'application/pdf', contentBase64: PDF_BASE64 }],
  });

  beforeAll(async () => {
    const admin = pg.platform.services.gateway.get(ClientsService);
    const create = (name: string, departmentId: string, scopes: string[]) => admin.createClient({ departmentId, departmentName: departmentId, name, scopes });
    clients.provider = await create('provider', 'P-SCJGJ', ['records:write', 'objections:decide', 'repairs:decide']);
    clients.window = await create('window', 'W-ZWFW', ['objections:file', 'repairs:apply', 'lists:read']);
    clients.third = await create('third', 'T-SWJ', ['objections:decide', 'objections:file']);
    clients.office = await create('office', 'CREDIT-OFFICE', ['admin']);
    // Another department that files and decides repairs, but is no party to the ones below.
    clients.outsider = await create('outsider', 'O-ZJJ', ['repairs:apply', 'repairs:decide']);
    for (const [name, c] of Object.entries(clients)) tokens[name] = await obtainToken(pg.platform.baseUrl, c.clientId, c.clientSecret);

    const submitted = await api().post('/api/v1/records').set('authorization', bearer('provider')).send(record).expect(201);
    recordId = submitted.body.recordId;
    await eventually('the record reaches the objection service', async () => {
      const rows = await pg.db.query('SELECT 1 FROM objection.objection_target WHERE target_id = $1', [recordId]);
      return rows.length > 0 ? true : undefined;
    });
  });

  it('a window department files an objection over REST; a retry with the same key returns the same objection', async () => {
    const key = `objection-${Date.now()}`;
    const first = await api().post('/api/v1/objections').set('authorization', bearer('window')).set('idempotency-key', key).send(objectionBody()).expect(201);
    objectionId = first.body.objection.objectionId;
    expect(first.body).toMatchObject({
      merged: false,
      objection: {
        status: 'OPEN',
        targetType: 'RECORD',
        targetId: recordId,
        requesterDepartmentId: 'W-ZWFW',
        verifyingDepartmentId: 'P-SCJGJ',
        subject: { key: `ORG:${record.subject.uscc}`, uscc: record.subject.uscc },
        verificationDue: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
    });

    // the gateway replays its stored response...
    const replay = await api().post('/api/v1/objections').set('authorization', bearer('window')).set('idempotency-key', key).send(objectionBody()).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.objection.objectionId).toBe(objectionId);

    // ...and when the gateway has no stored response (another replica, or a freed key after a timeout),
    // the objection service deduplicates by the same key
    await pg.db.query('DELETE FROM gateway.idempotency_record WHERE key = $1', [key]);
    const retried = await api().post('/api/v1/objections').set('authorization', bearer('window')).set('idempotency-key', key).send(objectionBody()).expect(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.body.objection.objectionId).toBe(objectionId);
    const [{ count }] = await pg.db.query<{ count: number }>('SELECT count(*)::int AS count FROM objection.objection WHERE target_id = $1', [recordId]);
    expect(count).toBe(1);
  });

  it('refuses attachments beyond the 1 MiB request body with 413 and the error model', async () => {
    const big = Buffer.alloc(800 * 1024, 1);
    big.write('%PDF-1.4');
    const body = { ...objectionBody(), attachments: [{ fileName: 'big.pdf', mediaType: 'application/pdf', contentBase64: big.toString('base64') }] };
    const response = await api().post('/api/v1/objections').set('authorization', bearer('window')).send(body).expect(413);
    expect(response.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: { zh: expect.any(String), en: expect.any(String) } });
  });

  it('shows the objection to its parties only, and lists it in the filer’s and the verifier’s queues', async () => {
    const read = await api().get(`/api/v1/objections/${objectionId}`).set('authorization', bearer('window')).expect(200);
    expect(read.body.statements).toHaveLength(1);
    expect(read.body.statements[0]).toMatchObject({ grounds: 'WRONG_CONTENT', contact: { name: '张三' }, attachments: [{ fileName: '决定书.pdf', mediaType: 'application/pdf' }] });
    expect(read.body.history.map((h: { kind: string }) => h.kind)).toContain('FILED');

    const outsider = await api().get(`/api/v1/objections/${objectionId}`).set('authorization', bearer('third')).expect(403);
    expect(outsider.body.error).toMatchObject({ code: 'NOT_OBJECTION_PARTY', message: { zh: expect.any(String), en: expect.any(String) } });
    await api().get(`/api/v1/objections/${objectionId}`).set('authorization', bearer('office')).expect(200);

    const queue = await api().get('/api/v1/objections').query({ role: 'VERIFYING', status: 'OPEN' }).set('authorization', bearer('provider')).expect(200);
    expect(queue.body.objections.map((o: { objectionId: string }) => o.objectionId)).toEqual([objectionId]);
    const filed = await api().get('/api/v1/objections').set('authorization', bearer('window')).expect(200);
    expect(filed.body.objections.map((o: { objectionId: string }) => o.objectionId)).toEqual([objectionId]);
    const thirdQueue = await api().get('/api/v1/objections').query({ role: 'VERIFYING' }).set('authorization', bearer('third')).expect(200);
    expect(thirdQueue.body.objections).toEqual([]);

    const gqlQueue = await gql('provider', '{ objections(filter: { role: VERIFYING }) { objections { objectionId status verifyingDepartmentId } nextCursor } }');
    expect(gqlQueue.body.errors).toBeUndefined();
    expect(gqlQueue.body.data.objections.objections).toEqual([{ objectionId, status: 'OPEN', verifyingDepartmentId: 'P-SCJGJ' }]);
  });

  it('caps the page size and keeps each department to its own queue', async () => {
    const big = await api().get('/api/v1/objections').query({ pageSize: 101 }).set('authorization', bearer('window')).expect(400);
    expect(big.body.error).toMatchObject({ code: 'INVALID_MAX', field: 'pageSize' });
    const other = await api().get('/api/v1/objections').query({ role: 'VERIFYING', departmentId: 'P-SCJGJ' }).set('authorization', bearer('third')).expect(403);
    expect(other.body.error.code).toBe('DEPARTMENT_NOT_ALLOWED');
    // the window department has objections:file only: no verification queue
    const noScope = await api().get('/api/v1/objections').query({ role: 'VERIFYING' }).set('authorization', bearer('window')).expect(403);
    expect(noScope.body.error.code).toBe('SCOPE_MISSING');
  });

  it('lets only the verifying department decide (403 with the error model for another department), over GraphQL and REST', async () => {
    const mutation = 'mutation ($id: ID!, $input: DecideObjectionInput!) { decideObjection(id: $id, input: $input) { objectionId status outcome decidedBy reasons } }';
    const input = { outcome: 'MAINTAINED', reasons: '经核实，信息无误 / verified correct' };

    const refusedGql = await gql('third', mutation, { id: objectionId, input });
    expect(refusedGql.body.data).toBeNull();
    expect(refusedGql.body.errors[0].extensions).toMatchObject({ code: 'NOT_VERIFYING_DEPARTMENT', message: { zh: expect.any(String), en: expect.any(String) } });
    const refusedRest = await api().post(`/api/v1/objections/${objectionId}/decision`).set('authorization', bearer('third')).send(input).expect(403);
    expect(refusedRest.body.error).toMatchObject({ code: 'NOT_VERIFYING_DEPARTMENT', field: 'departmentId' });

    const decided = await gql('provider', mutation, { id: objectionId, input });
    expect(decided.body.errors).toBeUndefined();
    expect(decided.body.data.decideObjection).toMatchObject({ objectionId, status: 'RESOLVED', outcome: 'MAINTAINED', decidedBy: 'P-SCJGJ' });

    const again = await api().post(`/api/v1/objections/${objectionId}/decision`).set('authorization', bearer('provider')).send({ outcome: 'REVOKED', reasons: '改判' }).expect(409);
    expect(again.body.error.code).toBe('OBJECTION_ALREADY_DECIDED');
  });

  it('answers statistics per department, and for every department to the credit office only', async () => {
    const own = await api().get('/api/v1/objections/statistics').set('authorization', bearer('provider')).expect(200);
    expect(own.body.departments).toEqual([expect.objectContaining({ departmentId: 'P-SCJGJ', resolved: 1, open: 0 })]);
    await api().get('/api/v1/objections/statistics').query({ departmentId: 'T-SWJ' }).set('authorization', bearer('provider')).expect(403);
    const all = await gql('office', '{ objectionStatistics { departments { departmentId resolved outcomes { outcome count } } } }');
    expect(all.body.errors).toBeUndefined();
    expect(all.body.data.objectionStatistics.departments).toContainEqual({ departmentId: 'P-SCJGJ', resolved: 1, outcomes: [{ outcome: 'MAINTAINED', count: 1 }] });
  });

  it('tells when the record may be repaired at the earliest (REST and GraphQL), as the reminder letter does', async () => {
    const letter = await eventually('the reminder letter', async () => {
      const r = await api().get(`/api/v1/repairs/reminder-letters/${recordId}`).set('authorization', bearer('window'));
      return r.status === 200 ? r.body : undefined;
    });
    expect(letter).toMatchObject({ recordId, decidingDepartmentId: 'P-SCJGJ', severity: 'GENERAL', earliestRepairDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    // 一般失信: the minimum publicity of 3 months from the decision date (2026-11-02)
    expect(letter.earliestRepairDate).toBe('2027-02-02');

    const body = { subject: record.subject, target: { type: 'RECORD', id: recordId }, evidence: { finePaid: true, rectificationDone: true } };
    const rest = await api().post('/api/v1/repairs/eligibility').set('authorization', bearer('window')).send(body).expect(200);
    expect(rest.body).toMatchObject({ eligible: false, earliestEligibleDate: letter.earliestRepairDate, decidingDepartmentId: 'P-SCJGJ' });
    expect(rest.body.unmet.length).toBeGreaterThan(0);

    const viaGql = await gql('window', 'query ($i: RepairEligibilityInput!) { repairEligibility(input: $i) { eligible earliestEligibleDate unmet { code message { zh en } } } }', { i: body });
    expect(viaGql.body.errors).toBeUndefined();
    expect(viaGql.body.data.repairEligibility).toMatchObject({ eligible: false, earliestEligibleDate: letter.earliestRepairDate });

    // too early: the application is stored as REFUSED with its reasons, not an error
    const applied = await api()
      .post('/api/v1/repairs')
      .set('authorization', bearer('window'))
      .set('idempotency-key', `repair-${Date.now()}`)
      .send({ ...body, methods: ['COMMITMENT', 'RECTIFICATION'], commitment: { text: '本单位承诺依法经营', type: '信用修复' } })
      .expect(201);
    expect(applied.body).toMatchObject({ status: 'REFUSED', earliestEligibleDate: letter.earliestRepairDate, decidingDepartmentId: 'P-SCJGJ' });
    const read = await api().get(`/api/v1/repairs/${applied.body.applicationId}`).set('authorization', bearer('provider')).expect(200);
    expect(read.body.applicationId).toBe(applied.body.applicationId);
  });

  it('enforces authentication and scopes on every area (401 / 403 with the error model)', async () => {
    const noToken = await api().get('/api/v1/objections').expect(401);
    expect(noToken.body.error.code).toBe('UNAUTHENTICATED');
    await api().post('/api/v1/repairs/eligibility').send({}).expect(401);
    await api().get('/api/v1/lists/measures').expect(401);
    const gqlNoToken = await gql(null, `{ objection(id: "${objectionId}") { objectionId } }`);
    expect(gqlNoToken.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const cases: [client: string, method: 'get' | 'post', path: string][] = [
      ['provider', 'post', '/api/v1/objections'],
      ['window', 'post', `/api/v1/objections/${objectionId}/decision`],
      ['provider', 'post', '/api/v1/repairs/eligibility'],
      ['window', 'get', '/api/v1/repairs/statistics'],
      ['provider', 'get', '/api/v1/lists/measures'],
      ['window', 'post', '/api/v1/lists'],
    ];
    for (const [client, method, path] of cases) {
      const response = await api()[method](path).set('authorization', bearer(client)).send({});
      expect([path, response.status, response.body.error?.code]).toEqual([path, 403, 'SCOPE_MISSING']);
    }
    const gqlForbidden = await gql('window', '{ repairStatistics { decided } }');
    expect(gqlForbidden.body.errors[0].extensions.code).toBe('SCOPE_MISSING');
  });

  it('never returns a natural person’s full ID number', async () => {
    const idNumber = uniqueIdNumber();
    const person = { ...penaltyRecord(), subject: { type: 'NATURAL_PERSON', name: '李四', idNumber } };
    const { body: submitted } = await api().post('/api/v1/records').set('authorization', bearer('provider')).send(person).expect(201);
    await eventually('the person’s record reaches the objection service', async () => {
      const rows = await pg.db.query('SELECT 1 FROM objection.objection_target WHERE target_id = $1', [submitted.recordId]);
      return rows.length > 0 ? true : undefined;
    });
    const filed = await api().post('/api/v1/objections').set('authorization', bearer('window')).send({ ...objectionBody(), grounds: 'NOT_ME', targetId: submitted.recordId }).expect(201);
    expect(filed.body.objection.subject).toMatchObject({ type: 'NATURAL_PERSON', name: '李四', maskedIdNumber: `${idNumber.slice(0, 6)}********${idNumber.slice(14)}` });
    const read = await api().get(`/api/v1/objections/${filed.body.objection.objectionId}`).set('authorization', bearer('provider')).expect(200);
    expect(JSON.stringify([filed.body, read.body])).not.toContain(idNumber);
  });

  it('serves the measures list and a subject’s list entries to lists:read', async () => {
    const measures = await api().get('/api/v1/lists/measures').set('authorization', bearer('window')).expect(200);
    expect(measures.body.editionId).toBeTruthy();
    expect(measures.body.measures.length).toBeGreaterThan(0);
    expect(measures.body.measures[0]).toMatchObject({ code: expect.any(String), class: expect.stringMatching(/^(MANDATORY|RECOMMENDED)$/) });
    const entries = await api().post('/api/v1/lists/search').set('authorization', bearer('window')).send({ subject: record.subject }).expect(200);
    expect(entries.body).toEqual([]);
  });

  describe('repair applications (parties, queues, idempotent decisions and breach reports)', () => {
    const minor = penaltyRecord({ severity: 'MINOR' });
    let applicationId = '';
    const subjectKey = `ORG:${minor.subject.uscc}`;
    /** The gateway keeps no stored response for the key: as on another replica, only the service can deduplicate. */
    const forgetInGateway = (key: string) => pg.db.query('DELETE FROM gateway.idempotency_record WHERE key = $1', [key]);

    beforeAll(async () => {
      const { body: submitted } = await api().post('/api/v1/records').set('authorization', bearer('provider')).send(minor).expect(201);
      const body = {
        subject: minor.subject,
        target: { type: 'RECORD', id: submitted.recordId },
        methods: ['COMMITMENT', 'RECTIFICATION'],
        evidence: { finePaid: true, rectificationDone: true },
        commitment: { text: '本单位承诺依法诚信经营', type: '信用修复' },
      };
      // A minor record may be repaired at once.
      const applied = await eventually('the minor record known to credit-repair', async () => {
        const r = await api().post('/api/v1/repairs').set('authorization', bearer('window')).send(body);
        return r.status === 201 ? r.body : undefined;
      });
      expect(applied).toMatchObject({ status: 'ACCEPTED', requesterDepartmentId: 'W-ZWFW', decidingDepartmentId: 'P-SCJGJ' });
      applicationId = applied.applicationId;
    });

    it('shows an application to the filing department, the deciding department and the credit office only (404 for others)', async () => {
      for (const party of ['window', 'provider', 'office']) {
        const read = await api().get(`/api/v1/repairs/${applicationId}`).set('authorization', bearer(party)).expect(200);
        expect(read.body).toMatchObject({ applicationId, requesterDepartmentId: 'W-ZWFW' });
      }
      const hidden = await api().get(`/api/v1/repairs/${applicationId}`).set('authorization', bearer('outsider')).expect(404);
      expect(hidden.body.error).toMatchObject({ code: 'REPAIR_APPLICATION_NOT_FOUND', message: { zh: expect.any(String), en: expect.any(String) } });
      const viaGql = await gql('outsider', `{ repairApplication(id: "${applicationId}") { applicationId } }`);
      expect(viaGql.body.errors[0].extensions.code).toBe('REPAIR_APPLICATION_NOT_FOUND');
    });

    it('lists the filer’s and the decider’s queues (REST and GraphQL), newest first, with a capped page size', async () => {
      const filed = await api().get('/api/v1/repairs').query({ subjectKey }).set('authorization', bearer('window')).expect(200);
      expect(filed.body.applications.map((a: { applicationId: string }) => a.applicationId)).toEqual([applicationId]);
      const queue = await api().get('/api/v1/repairs').query({ role: 'TO_DECIDE', status: 'ACCEPTED' }).set('authorization', bearer('provider')).expect(200);
      expect(queue.body.applications.map((a: { applicationId: string }) => a.applicationId)).toEqual([applicationId]);
      expect(queue.body.nextCursor).toBeUndefined();
      const outsiderQueue = await api().get('/api/v1/repairs').query({ role: 'TO_DECIDE' }).set('authorization', bearer('outsider')).expect(200);
      expect(outsiderQueue.body.applications).toEqual([]);

      // Newest first: the window department's earlier (refused) application comes after this one.
      const both = await api().get('/api/v1/repairs').query({ pageSize: 1 }).set('authorization', bearer('window')).expect(200);
      expect(both.body.applications.map((a: { applicationId: string }) => a.applicationId)).toEqual([applicationId]);
      const next = await api().get('/api/v1/repairs').query({ pageSize: 1, cursor: both.body.nextCursor }).set('authorization', bearer('window')).expect(200);
      expect(next.body.applications).toEqual([expect.objectContaining({ status: 'REFUSED', requesterDepartmentId: 'W-ZWFW' })]);

      const office = await gql('office', 'query ($f: RepairApplicationFilter) { repairApplications(filter: $f) { applications { applicationId status } nextCursor } }', {
        f: { role: 'TO_DECIDE', departmentId: 'P-SCJGJ', subjectKey },
      });
      expect(office.body.errors).toBeUndefined();
      expect(office.body.data.repairApplications).toEqual({ applications: [{ applicationId, status: 'ACCEPTED' }], nextCursor: null });

      const big = await api().get('/api/v1/repairs').query({ pageSize: 101 }).set('authorization', bearer('window')).expect(400);
      expect(big.body.error).toMatchObject({ code: 'INVALID_MAX', field: 'pageSize' });
      const foreign = await api().get('/api/v1/repairs').query({ role: 'TO_DECIDE', departmentId: 'P-SCJGJ' }).set('authorization', bearer('outsider')).expect(403);
      expect(foreign.body.error.code).toBe('DEPARTMENT_NOT_ALLOWED');
      // The window department has repairs:apply only: no decision queue.
      const noScope = await api().get('/api/v1/repairs').query({ role: 'TO_DECIDE' }).set('authorization', bearer('window')).expect(403);
      expect(noScope.body.error.code).toBe('SCOPE_MISSING');
    });

    it('returns the first decision to a retry with the same Idempotency-Key through any gateway replica; the key with another body is 409', async () => {
      const key = `repair-decision-${Date.now()}`;
      const decide = (body: Record<string, unknown>) => api().post(`/api/v1/repairs/${applicationId}/decision`).set('authorization', bearer('provider')).set('idempotency-key', key).send(body);
      const first = await decide({ outcome: 'APPROVED' }).expect(200);
      expect(first.body).toMatchObject({ applicationId, status: 'APPROVED' });

      await forgetInGateway(key);
      const retried = await decide({ outcome: 'APPROVED' }).expect(200);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      expect(retried.body).toMatchObject({ applicationId, status: 'APPROVED', decidedOn: first.body.decidedOn });

      await forgetInGateway(key);
      const reused = await decide({ outcome: 'REJECTED', reasons: ['材料不全'] }).expect(409);
      expect(reused.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
      // Without the key, a second decision is refused as before.
      const again = await api().post(`/api/v1/repairs/${applicationId}/decision`).set('authorization', bearer('provider')).send({ outcome: 'APPROVED' }).expect(409);
      expect(again.body.error.code).toBe('REPAIR_ALREADY_DECIDED');
    });

    it('takes a breach report from the deciding department or the credit office only, idempotently', async () => {
      const refused = await api()
        .post(`/api/v1/repairs/${applicationId}/commitment-breach`)
        .set('authorization', bearer('outsider'))
        .send({ reason: '再次违法' })
        .expect(403);
      expect(refused.body.error).toMatchObject({ code: 'NOT_DECIDING_DEPARTMENT', field: 'departmentId' });

      const key = `repair-breach-${Date.now()}`;
      const mutation = 'mutation ($id: ID!, $input: CommitmentBreachInput!) { reportCommitmentBreach(id: $id, input: $input) { applicationId status revocationReason } }';
      const input = { reason: '修复后未履行信用修复承诺' };
      const reported = await gql('office', mutation, { id: applicationId, input }, key);
      expect(reported.body.errors).toBeUndefined();
      expect(reported.body.data.reportCommitmentBreach).toEqual({ applicationId, status: 'REVOKED', revocationReason: input.reason });

      await forgetInGateway(key);
      const retried = await gql('office', mutation, { id: applicationId, input }, key);
      expect(retried.body.errors).toBeUndefined();
      expect(retried.body.data.reportCommitmentBreach.status).toBe('REVOKED');
      await forgetInGateway(key);
      const reused = await gql('office', mutation, { id: applicationId, input: { reason: '另一情况' } }, key);
      expect(reused.body.errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_REUSED');

      // The first report stands.
      const read = await api().get(`/api/v1/repairs/${applicationId}`).set('authorization', bearer('provider')).expect(200);
      expect(read.body).toMatchObject({ status: 'REVOKED', revocationReason: input.reason });
    });
  });
});
