/**
 * Who may do what at the gateway: OAuth2 client credentials, token validation (expired, tampered, wrong
 * audience, revoked, rotated keys) and scopes, through REST and GraphQL alike.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { withGatewayAdmin } from '@credit/service-gateway';
import { eventually, obtainToken, penaltyRecord } from '@credit/testing';
import request from 'supertest';
import { standaloneOnPostgres } from './support';


describe('gateway authentication and authorisation', () => {
  const pg = standaloneOnPostgres('gateway_auth');
  const clients: Record<string, { clientId: string; clientSecret: string }> = {};

  beforeAll(async () => {
    await withGatewayAdmin(pg.db.url, async ({ clients: admin }) => {
      clients.writer = await admin.createClient({ departmentId: 'A-DEPT', departmentName: 'A', name: 'writer', scopes: ['records:write'] });
      clients.checker = await admin.createClient({ departmentId: 'B-DEPT', departmentName: 'B', name: 'checker', scopes: ['checks:perform'] });
      clients.both = await admin.createClient({ departmentId: 'C-DEPT', departmentName: 'C', name: 'both', scopes: ['records:write', 'checks:perform'] });
    });
  });

  const token = (name: string) => obtainToken(pg.platform.baseUrl, clients[name].clientId, clients[name].clientSecret);

  describe('token endpoint', () => {
    it('issues short-lived ES256 tokens by form + Basic, form body or JSON', async () => {
      const basic = await request(pg.platform.baseUrl).post('/oauth/token').auth(clients.both.clientId, clients.both.clientSecret).type('form').send({ grant_type: 'client_credentials' }).expect(200);
      expect(basic.body).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'records:write checks:perform' });
      expect(basic.headers['cache-control']).toBe('no-store');
      const [header] = basic.body.access_token.split('.');
      expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'ES256', typ: 'JWT' });
      await request(pg.platform.baseUrl).post('/oauth/token').send({ grant_type: 'client_credentials', client_id: clients.both.clientId, client_secret: clients.both.clientSecret }).expect(200);
      const narrowed = await request(pg.platform.baseUrl).post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: clients.both.clientId, client_secret: clients.both.clientSecret, scope: 'checks:perform' }).expect(200);
      expect(narrowed.body.scope).toBe('checks:perform');
    });

    it('refuses a wrong secret, an unknown client, another grant type and an ungranted scope (RFC 6749 errors)', async () => {
      const wrong = await request(pg.platform.baseUrl).post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: clients.both.clientId, client_secret: 'nope' }).expect(401);
      expect(wrong.body).toMatchObject({ error: 'invalid_client', code: 'INVALID_CLIENT', message: { zh: expect.any(String), en: expect.any(String) } });
      await request(pg.platform.baseUrl).post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' }).expect(401);
      const grant = await request(pg.platform.baseUrl).post('/oauth/token').type('form').send({ grant_type: 'password', client_id: clients.both.clientId, client_secret: clients.both.clientSecret }).expect(400);
      expect(grant.body.error).toBe('unsupported_grant_type');
      const scope = await request(pg.platform.baseUrl).post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: clients.writer.clientId, client_secret: clients.writer.clientSecret, scope: 'admin' }).expect(400);
      expect(scope.body.error).toBe('invalid_scope');
    });
  });

  describe('scopes, through REST and GraphQL', () => {
    const checkSubject = { type: 'LEGAL_PERSON', name: '任意', uscc: '91430100MA4L16JQ9D' };
    const restSubmit = (t: string) => request(pg.platform.baseUrl).post('/api/v1/records').set('authorization', `Bearer ${t}`).send(penaltyRecord());
    const restCheck = (t: string) => request(pg.platform.baseUrl).post('/api/v1/checks').set('authorization', `Bearer ${t}`).send({ subject: checkSubject, matterType: 'OTHER_ADMIN_MATTERS' });
    const gqlSubmit = (t: string) =>
      request(pg.platform.baseUrl).post('/graphql').set('authorization', `Bearer ${t}`).send({ query: 'mutation ($i: SubmitRecordInput!) { submitRecord(input: $i) { recordId } }', variables: { i: penaltyRecord() } });
    const gqlCheck = (t: string) =>
      request(pg.platform.baseUrl).post('/graphql').set('authorization', `Bearer ${t}`).send({ query: 'mutation ($s: SubjectInput!) { check(input: { subject: $s, matterType: "OTHER_ADMIN_MATTERS" }) { found } }', variables: { s: checkSubject } });

    const table: [client: string, operation: string, allowed: boolean][] = [
      ['writer', 'submit', true],
      ['writer', 'check', false],
      ['checker', 'submit', false],
      ['checker', 'check', true],
      ['both', 'submit', true],
      ['both', 'check', true],
    ];

    it.each(table)('%s → %s: allowed=%s', async (client, operation, allowed) => {
      const t = await token(client);
      const rest = await (operation === 'submit' ? restSubmit(t) : restCheck(t));
      const gql = await (operation === 'submit' ? gqlSubmit(t) : gqlCheck(t));
      if (allowed) {
        expect([200, 201]).toContain(rest.status);
        expect(gql.body.errors).toBeUndefined();
      } else {
        expect(rest.status).toBe(403);
        expect(rest.body.error.code).toBe('SCOPE_MISSING');
        expect(gql.body.errors[0].extensions.code).toBe('SCOPE_MISSING');
      }
    });

    it('records the submitting department from the token, not from the body', async () => {
      const t = await token('writer');
      const record = penaltyRecord();
      await request(pg.platform.baseUrl).post('/api/v1/records').set('authorization', `Bearer ${t}`).send(record).expect(201);
      const [row] = await pg.db.query<{ provider_department_id: string }>('SELECT provider_department_id FROM record_collection.credit_record WHERE decision_number = $1', [record.decisionNumber]);
      expect(row.provider_department_id).toBe('A-DEPT');
    });
  });

  describe('request audit', () => {
    it('records every request (client, department, operation, outcome, latency, hashed subject) append-only', async () => {
      const t = await token('both');
      const uscc = '91430100MA4L16JQ9D';
      await request(pg.platform.baseUrl).post('/api/v1/checks').set('authorization', `Bearer ${t}`).send({ subject: { type: 'LEGAL_PERSON', name: 'x', uscc }, matterType: 'OTHER_ADMIN_MATTERS' }).expect(200);
      await request(pg.platform.baseUrl).post('/api/v1/checks').send({ subject: { type: 'LEGAL_PERSON', name: 'x', uscc }, matterType: 'OTHER_ADMIN_MATTERS' }).expect(401);
      const rows = await eventually('audit rows flushed', async () => {
        const r = await pg.db.query<{ client_id: string | null; department_id: string | null; operation: string; status: number; subject_key_hash: string | null; latency_ms: number }>(
          `SELECT client_id, department_id, operation, status, subject_key_hash, latency_ms FROM gateway.request_audit WHERE operation = 'POST /api/v1/checks' ORDER BY id`,
        );
        return r.some((x) => x.status === 401) && r.some((x) => x.client_id === clients.both.clientId) ? r : undefined;
      });
      const ok = rows.find((r) => r.client_id === clients.both.clientId && r.status === 200)!;
      expect(ok).toMatchObject({ department_id: 'C-DEPT', subject_key_hash: expect.stringMatching(/^[0-9a-f]{32}$/) });
      expect(ok.latency_ms).toBeGreaterThan(0);
      expect(JSON.stringify(rows)).not.toContain(uscc);
      expect(rows.find((r) => r.status === 401)).toMatchObject({ client_id: null });
      await expect(pg.db.query('UPDATE gateway.request_audit SET status = 200')).rejects.toThrow(/append-only/);
      await expect(pg.db.query('DELETE FROM gateway.request_audit')).rejects.toThrow(/append-only/);
    });
  });

  describe('token validation', () => {
    async function forge(claims: Record<string, unknown>): Promise<string> {
      const [key] = await pg.db.query<{ kid: string; private_key_pem: string }>('SELECT kid, private_key_pem FROM gateway.signing_key WHERE retired_at IS NULL');
      const now = Math.floor(Date.now() / 1000);
      const header = Buffer.from(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid: key.kid })).toString('base64url');
      const payload = Buffer.from(
        JSON.stringify({ iss: 'credit-platform', aud: 'credit-platform-api', sub: clients.both.clientId, dept: 'C-DEPT', scope: 'checks:perform', iat: now, exp: now + 600, ...claims }),
      ).toString('base64url');
      const signature = sign('sha256', Buffer.from(`${header}.${payload}`), { key: createPrivateKey(key.private_key_pem), dsaEncoding: 'ieee-p1363' }).toString('base64url');
      return `${header}.${payload}.${signature}`;
    }
    const check = (t: string) => request(pg.platform.baseUrl).post('/api/v1/checks').set('authorization', `Bearer ${t}`).send({ subject: { type: 'LEGAL_PERSON', name: 'x', uscc: '91430100MA4L16JQ9D' }, matterType: 'OTHER_ADMIN_MATTERS' });

    it('accepts a well-formed token signed by the pg.platform key (control case)', async () => {
      await check(await forge({})).expect(200);
    });

    it.each([
      ['expired', { exp: Math.floor(Date.now() / 1000) - 120 }, 'TOKEN_EXPIRED'],
      ['for another audience', { aud: 'another-api' }, 'TOKEN_INVALID'],
      ['from another issuer', { iss: 'someone-else' }, 'TOKEN_INVALID'],
    ])('refuses a token %s', async (_name, claims, code) => {
      const { body } = await check(await forge(claims)).expect(401);
      expect(body.error.code).toBe(code);
    });

    it('refuses a tampered token (scope widened after signing) and a token without signature', async () => {
      const good = await forge({});
      const [h, p, s] = good.split('.');
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
      const widened = Buffer.from(JSON.stringify({ ...claims, scope: 'checks:perform admin' })).toString('base64url');
      expect((await check(`${h}.${widened}.${s}`).expect(401)).body.error.code).toBe('TOKEN_INVALID');
      const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      expect((await check(`${none}.${p}.${s}`).expect(401)).body.error.code).toBe('TOKEN_INVALID');
      await check('not-a-token').expect(401);
    });

    it('refuses the tokens of a revoked client', async () => {
      const issued = await withGatewayAdmin(pg.db.url, ({ clients: admin }) => admin.createClient({ departmentId: 'D-DEPT', departmentName: 'D', name: 'soon revoked', scopes: ['checks:perform'] }));
      const t = await obtainToken(pg.platform.baseUrl, issued.clientId, issued.clientSecret);
      await withGatewayAdmin(pg.db.url, ({ clients: admin }) => admin.revokeClient(issued.clientId));
      expect((await check(t).expect(401)).body.error.code).toBe('CLIENT_REVOKED');
      await request(pg.platform.baseUrl).post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: issued.clientId, client_secret: issued.clientSecret }).expect(401);
    });

    it('keeps tokens signed by a rotated key valid until they expire, and publishes both keys', async () => {
      const before = await token('checker');
      const newKid = await withGatewayAdmin(pg.db.url, ({ tokens }) => tokens.rotate());
      const after = await forge({ sub: clients.checker.clientId, dept: 'B-DEPT' });
      expect(JSON.parse(Buffer.from(after.split('.')[0], 'base64url').toString()).kid).toBe(newKid);
      await check(after).expect(200); // a kid the gateway had not seen: it reloads the key set
      await check(before).expect(200); // the retired key still verifies
      const jwks = await request(pg.platform.baseUrl).get('/.well-known/jwks.json').expect(200);
      expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toContain(newKid);
      expect(jwks.body.keys.length).toBeGreaterThanOrEqual(2);
      expect(jwks.body.keys.every((k: Record<string, unknown>) => k.kty === 'EC' && k.crv === 'P-256' && !('d' in k))).toBe(true);
    });
  });
});

describe('idempotency keys on mutations', () => {
  const pg = standaloneOnPostgres('gateway_idempotency');

  const versions = async (decisionNumber: string) =>
    (await pg.db.query<{ n: number }>('SELECT count(*)::int AS n FROM record_collection.credit_record_version v JOIN record_collection.credit_record r ON r.id = v.record_id WHERE r.decision_number = $1', [decisionNumber]))[0].n;

  it('REST: the same key and body replays the first response (201) with one effect; another body → 409', async () => {
    const record = penaltyRecord();
    const key = `idem-${Date.now()}-rest`;
    const first = await request(pg.platform.baseUrl).post('/api/v1/records').set('authorization', pg.auth).set('Idempotency-Key', key).send(record).expect(201);
    const again = await request(pg.platform.baseUrl).post('/api/v1/records').set('authorization', pg.auth).set('Idempotency-Key', key).send(record).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await versions(record.decisionNumber)).toBe(1);
    const other = await request(pg.platform.baseUrl).post('/api/v1/records').set('authorization', pg.auth).set('Idempotency-Key', key).send({ ...record, fields: { ...record.fields, content: '罚款人民币壹万元' } }).expect(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await versions(record.decisionNumber)).toBe(1);
  });

  it('GraphQL: a retried mutation with the same key has one effect', async () => {
    const record = penaltyRecord();
    const key = `idem-${Date.now()}-gql`;
    const send = (input: unknown) =>
      request(pg.platform.baseUrl).post('/graphql').set('authorization', pg.auth).set('Idempotency-Key', key).send({ query: 'mutation ($i: SubmitRecordInput!) { submitRecord(input: $i) { recordId version outcome } }', variables: { i: input } });
    const first = await send(record);
    const again = await send(record);
    expect(first.body.data.submitRecord.outcome).toBe('CREATED');
    expect(again.body.data.submitRecord).toEqual(first.body.data.submitRecord);
    expect(await versions(record.decisionNumber)).toBe(1);
    const other = await send({ ...record, decisionDate: '2026-11-03' });
    expect(other.body.errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('a failed request frees its key, and a malformed key is refused', async () => {
    const key = `idem-${Date.now()}-fail`;
    const record = penaltyRecord();
    await request(pg.platform.baseUrl).post('/api/v1/records').set('authorization', pg.auth).set('Idempotency-Key', key).send({ ...record, catalogueItemCode: 'NOPE' }).expect(400);
    const [{ n }] = await pg.db.query<{ n: number }>('SELECT count(*)::int AS n FROM gateway.idempotency_record WHERE key = $1', [key]);
    expect(n).toBe(0);
    const bad = await request(pg.platform.baseUrl).post('/api/v1/records').set('authorization', pg.auth).set('Idempotency-Key', 'x').send(record).expect(400);
    expect(bad.body.error.code).toBe('IDEMPOTENCY_KEY_INVALID');
  });

  it('a key does not get past authentication: a bad token is 401 and claims nothing', async () => {
    const key = `idem-${Date.now()}-anon`;
    await request(pg.platform.baseUrl).post('/api/v1/records').set('authorization', 'Bearer forged').set('Idempotency-Key', key).send(penaltyRecord()).expect(401);
    await request(pg.platform.baseUrl).post('/api/v1/records').set('Idempotency-Key', key).send(penaltyRecord()).expect(401);
    const [{ n }] = await pg.db.query<{ n: number }>('SELECT count(*)::int AS n FROM gateway.idempotency_record WHERE key = $1', [key]);
    expect(n).toBe(0);
  });
});

describe('per-client rate limits', () => {
  const pg = standaloneOnPostgres('gateway_rate', { RATE_LIMIT_PER_SECOND: '1', RATE_LIMIT_BURST: '3' });

  it('answers 429 with Retry-After once a client has used its burst, without affecting other clients', async () => {
    const other = await withGatewayAdmin(pg.db.url, ({ clients: admin }) => admin.createClient({ departmentId: 'E-DEPT', departmentName: 'E', name: 'other', scopes: ['checks:perform'] }));
    const call = (t: string) => request(pg.platform.baseUrl).post('/api/v1/checks').set('authorization', `Bearer ${t}`).send({ subject: { type: 'LEGAL_PERSON', name: 'x', uscc: '91430100MA4L16JQ9D' }, matterType: 'OTHER_ADMIN_MATTERS' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await call(pg.platform.demoToken)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call(pg.platform.demoToken);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    await call(await obtainToken(pg.platform.baseUrl, other.clientId, other.clientSecret)).expect(200);
  });

  it('counts replays of an idempotent request against the rate too', async () => {
    const client = await withGatewayAdmin(pg.db.url, ({ clients: admin }) => admin.createClient({ departmentId: 'E-DEPT', departmentName: 'E', name: 'replayer', scopes: ['checks:perform'] }));
    const token = await obtainToken(pg.platform.baseUrl, client.clientId, client.clientSecret);
    const call = () =>
      request(pg.platform.baseUrl).post('/api/v1/checks').set('authorization', `Bearer ${token}`).set('Idempotency-Key', 'replayed-check-1')
        .send({ subject: { type: 'LEGAL_PERSON', name: 'x', uscc: '91430100MA4L16JQ9D' }, matterType: 'OTHER_ADMIN_MATTERS' });
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await call());
    expect(answers.map((a) => [a.status, a.headers['idempotent-replayed']])).toEqual([[200, undefined], [200, 'true'], [200, 'true'], [429, undefined]]);
    expect(answers[2].body.checkId).toBe(answers[0].body.checkId);
    expect(answers[3].body.error.code).toBe('RATE_LIMITED');
  });
});
