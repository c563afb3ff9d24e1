/**
 * The credit office's administration of the gateway (REST /api/v1/admin and GraphQL, scope `admin`): departments,
 * clients (secret shown once, rotation, revocation), signing-key rotation, the append-only admin audit; the
 * optional mTLS client identity; and the gRPC hop in the request audit.
 */
import { randomBytes } from 'node:crypto';
import { withGatewayAdmin } from '@credit/service-gateway';
import { eventually, obtainToken, penaltyRecord } from '@credit/testing';
import request from 'supertest';
import { standaloneOnPostgres } from './support';

// The ingress passes the verified client certificate's SHA-256 in this header (see docs/SECURITY.md); the
// gateway reads the setting with the rest of its configuration at start.
const CERT_HEADER = 'x-client-cert-sha256';
const FINGERPRINT = '2296903ac1724e2b279f7fe1ba5c6889f918b8a8706998d88c1be17cd478dafd';
const FINGERPRINT_OPENSSL = '22:96:90:3A:C1:72:4E:2B:27:9F:7F:E1:BA:5C:68:89:F9:18:B8:A8:70:69:98:D8:8C:1B:E1:7C:D4:78:DA:FD';

describe('gateway administration, mTLS identity and the audit of the gRPC hop', () => {
  const pg = standaloneOnPostgres('gateway_admin', { MTLS_CLIENT_CERT_HEADER: CERT_HEADER });
  let adminClientId = '';
  let adminAuth = '';

  beforeAll(async () => {
    const issued = await withGatewayAdmin(pg.db.url, async ({ admin }) => {
      const operator = { actor: 'cli:test@host', departmentId: null };
      await admin.createDepartment(operator, { code: 'XYB-CREDIT', name: '信用办' });
      return (await admin.createClient(operator, { departmentCode: 'XYB-CREDIT', name: 'credit office console', scopes: ['admin'] })).credentials;
    });
    adminClientId = issued.clientId;
    adminAuth = `Bearer ${await obtainToken(pg.platform.baseUrl, issued.clientId, issued.clientSecret)}`;
  });

  const http = () => request(pg.platform.baseUrl);
  const admin = {
    get: (path: string) => http().get(`/api/v1/admin${path}`).set('authorization', adminAuth),
    post: (path: string, body: object = {}) => http().post(`/api/v1/admin${path}`).set('authorization', adminAuth).send(body),
    patch: (path: string, body: object) => http().patch(`/api/v1/admin${path}`).set('authorization', adminAuth).send(body),
    put: (path: string, body: object) => http().put(`/api/v1/admin${path}`).set('authorization', adminAuth).send(body),
  };
  const gql = (auth: string, query: string, variables: object = {}) => http().post('/graphql').set('authorization', auth).send({ query, variables });
  const tokenRequest = (clientId: string, clientSecret: string, certificate?: string) => {
    const req = http().post('/oauth/token').type('form');
    if (certificate !== undefined) void req.set(CERT_HEADER, certificate);
    return req.send({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
  };
  const check = (auth: string, certificate?: string) => {
    const req = http().post('/api/v1/checks').set('authorization', auth);
    if (certificate !== undefined) void req.set(CERT_HEADER, certificate);
    return req.send({ subject: { type: 'LEGAL_PERSON', name: '任意', uscc: '91430100MA4L16JQ9D' }, matterType: 'OTHER_ADMIN_MATTERS' });
  };
  const createClient = async (departmentCode: string, name: string, scopes: string[], extra: object = {}) =>
    (await admin.post('/clients', { departmentCode, name, scopes, ...extra }).expect(201)).body as { clientId: string; clientSecret: string; client: Record<string, unknown> };

  it('is for the credit office only: other departments get 403, no token 401, through REST and GraphQL', async () => {
    await http().get('/api/v1/admin/departments').expect(401);
    const rest = await http().get('/api/v1/admin/clients').set('authorization', pg.auth).expect(403);
    expect(rest.body.error.code).toBe('SCOPE_MISSING');
    await http().post('/api/v1/admin/signing-keys/rotate').set('authorization', pg.auth).expect(403);
    const graph = await gql(pg.auth, 'mutation { createDepartment(input: { code: "X-1", name: "x" }) { code } }');
    expect(graph.body.errors[0].extensions.code).toBe('SCOPE_MISSING');
    const departments = await http().get('/api/v1/admin/departments').set('authorization', adminAuth).expect(200);
    expect(departments.body.map((d: { code: string }) => d.code)).not.toContain('X-1');
  });

  it('creates departments (REST and GraphQL), refuses a duplicate or malformed one, and suspends and reactivates one', async () => {
    const created = await admin.post('/departments', { code: '430923-SCJGJ', name: '安化县市场监督管理局' }).expect(201);
    expect(created.body).toMatchObject({ code: '430923-SCJGJ', name: '安化县市场监督管理局', status: 'ACTIVE', activeClients: 0 });
    expect((await admin.post('/departments', { code: '430923-SCJGJ', name: 'again' }).expect(409)).body.error.code).toBe('DEPARTMENT_EXISTS');
    const bad = await admin.post('/departments', { code: 'bad code!', name: '' }).expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['code', 'name']);
    const graph = await gql(adminAuth, 'mutation { createDepartment(input: { code: "430923-SWJ", name: "安化县税务局" }) { code status } }');
    expect(graph.body.data.createDepartment).toEqual({ code: '430923-SWJ', status: 'ACTIVE' });

    const suspended = await admin.patch('/departments/430923-SWJ', { status: 'SUSPENDED' }).expect(200);
    expect(suspended.body.status).toBe('SUSPENDED');
    const refused = await admin.post('/clients', { departmentCode: '430923-SWJ', name: 'tax system', scopes: ['checks:perform'] }).expect(409);
    expect(refused.body.error.code).toBe('DEPARTMENT_SUSPENDED');
    await admin.patch('/departments/430923-SWJ', { status: 'ACTIVE', name: '国家税务总局安化县税务局' }).expect(200);
    await admin.patch('/departments/NOPE', { status: 'ACTIVE' }).expect(404);
    const list = await gql(adminAuth, '{ adminDepartments { code name status } }');
    expect(list.body.data.adminDepartments).toEqual(
      expect.arrayContaining([
        { code: '430923-SCJGJ', name: '安化县市场监督管理局', status: 'ACTIVE' },
        { code: '430923-SWJ', name: '国家税务总局安化县税务局', status: 'ACTIVE' },
      ]),
    );
  });

  it('creates a client of a known department with its scopes; the secret is shown once and never listed or stored', async () => {
    expect((await admin.post('/clients', { departmentCode: 'UNKNOWN-DEPT', name: 'x', scopes: ['checks:perform'] }).expect(404)).body.error.code).toBe('DEPARTMENT_NOT_FOUND');
    const badScope = await admin.post('/clients', { departmentCode: '430923-SCJGJ', name: 'x', scopes: ['checks:perform', 'root'] }).expect(400);
    expect(badScope.body.error.details[0].field).toMatch(/^scopes/);

    const issued = await createClient('430923-SCJGJ', '行政处罚案件系统', ['records:write', 'checks:perform'], { clientId: 'ah-scjgj-cases' });
    expect(issued).toMatchObject({ clientId: 'ah-scjgj-cases', client: { departmentCode: '430923-SCJGJ', status: 'ACTIVE', scopes: ['records:write', 'checks:perform'], certificateSha256: null } });
    expect(issued.clientSecret).toMatch(/^[\w-]{43}$/);
    // the same clientId again is the retry-safe form of create
    expect((await admin.post('/clients', { departmentCode: '430923-SCJGJ', name: 'again', scopes: ['checks:perform'], clientId: 'ah-scjgj-cases' }).expect(409)).body.error.code).toBe('CLIENT_EXISTS');

    const token = await tokenRequest(issued.clientId, issued.clientSecret).expect(200);
    expect(token.body.scope).toBe('records:write checks:perform');

    const listed = await admin.get('/clients?departmentCode=430923-SCJGJ').expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ clientId: 'ah-scjgj-cases', name: '行政处罚案件系统' })]);
    expect(JSON.stringify(listed.body)).not.toContain(issued.clientSecret);
    const graph = await gql(adminAuth, '{ adminClients(filter: { departmentCode: "430923-SCJGJ" }) { clientId status scopes } }');
    expect(graph.body.data.adminClients).toEqual([{ clientId: 'ah-scjgj-cases', status: 'ACTIVE', scopes: ['records:write', 'checks:perform'] }]);

    // An Idempotency-Key would store the response (with the secret) for replay: refused, and nothing is created.
    const keyed = await admin.post('/clients', { departmentCode: '430923-SCJGJ', name: 'keyed', scopes: ['checks:perform'], clientId: 'keyed-client' }).set('idempotency-key', 'create-keyed-1').expect(400);
    expect(keyed.body.error.code).toBe('IDEMPOTENCY_KEY_NOT_ACCEPTED');
    await admin.get('/clients/keyed-client').expect(404);
    const stored = await pg.db.query(
      `SELECT (SELECT count(*) FROM gateway.idempotency_record WHERE response::text LIKE '%' || $1 || '%')::int AS replays,
              (SELECT count(*) FROM gateway.api_client WHERE secret_hash = $1)::int AS plain`,
      [issued.clientSecret],
    );
    expect(stored[0]).toEqual({ replays: 0, plain: 0 });
  });

  it('rotates a secret (the old one stops at once, live tokens run out) and revokes a client (its tokens stop)', async () => {
    const issued = await createClient('430923-SCJGJ', 'licensing system', ['checks:perform']);
    const before = `Bearer ${await obtainToken(pg.platform.baseUrl, issued.clientId, issued.clientSecret)}`;

    const rotated = await admin.post(`/clients/${issued.clientId}/rotate-secret`).expect(200);
    expect(rotated.body.clientSecret).not.toBe(issued.clientSecret);
    expect(rotated.body.client.secretRotatedAt).toEqual(expect.any(String));
    expect((await tokenRequest(issued.clientId, issued.clientSecret).expect(401)).body).toMatchObject({ error: 'invalid_client', code: 'INVALID_CLIENT' });
    await tokenRequest(issued.clientId, rotated.body.clientSecret).expect(200);
    await check(before).expect(200); // issued before the rotation: valid until it expires

    const graph = await gql(adminAuth, `mutation { rotateApiClientSecret(clientId: "${issued.clientId}") { clientId clientSecret } }`);
    expect(graph.body.data.rotateApiClientSecret.clientSecret).not.toBe(rotated.body.clientSecret);
    await tokenRequest(issued.clientId, rotated.body.clientSecret).expect(401);

    const revoked = await admin.post(`/clients/${issued.clientId}/revoke`).expect(200);
    expect(revoked.body).toMatchObject({ status: 'REVOKED', revokedAt: expect.any(String) });
    expect((await check(before).expect(401)).body.error.code).toBe('CLIENT_REVOKED');
    await tokenRequest(issued.clientId, graph.body.data.rotateApiClientSecret.clientSecret).expect(401);
    expect((await admin.post(`/clients/${issued.clientId}/rotate-secret`).expect(409)).body.error.code).toBe('CLIENT_REVOKED');
    await admin.post(`/clients/${issued.clientId}/revoke`).expect(200); // again: no change, no second audit entry
    await admin.post('/clients/no-such-client/revoke').expect(404);
  });

  it('a suspended department’s clients get no tokens and their live tokens are refused, until it is reactivated', async () => {
    await admin.post('/departments', { code: 'SUSP-DEPT', name: '待停用部门' }).expect(201);
    const issued = await createClient('SUSP-DEPT', 'system', ['checks:perform']);
    const live = `Bearer ${await obtainToken(pg.platform.baseUrl, issued.clientId, issued.clientSecret)}`;
    await admin.patch('/departments/SUSP-DEPT', { status: 'SUSPENDED' }).expect(200);
    await tokenRequest(issued.clientId, issued.clientSecret).expect(401);
    await check(live).expect(401);
    await admin.patch('/departments/SUSP-DEPT', { status: 'ACTIVE' }).expect(200);
    await check(live).expect(200);
  });

  it('rotates the signing key: new tokens use the new key, tokens of the old key stay valid until they expire', async () => {
    const issued = await createClient('430923-SCJGJ', 'rotation probe', ['checks:perform']);
    const old = await obtainToken(pg.platform.baseUrl, issued.clientId, issued.clientSecret);
    const oldKid = JSON.parse(Buffer.from(old.split('.')[0], 'base64url').toString()).kid as string;
    const rotated = await admin.post('/signing-keys/rotate').expect(200);
    expect(rotated.body).toEqual({ kid: expect.any(String), previousTokensValidForSeconds: 900 });
    expect(rotated.body.kid).not.toBe(oldKid);
    const fresh = await obtainToken(pg.platform.baseUrl, issued.clientId, issued.clientSecret);
    expect(JSON.parse(Buffer.from(fresh.split('.')[0], 'base64url').toString()).kid).toBe(rotated.body.kid);
    const jwks = await http().get('/.well-known/jwks.json').expect(200);
    expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toEqual(expect.arrayContaining([oldKid, rotated.body.kid]));
    await check(`Bearer ${old}`).expect(200);
    await check(`Bearer ${fresh}`).expect(200);
    const graph = await gql(adminAuth, 'mutation { rotateSigningKey { kid } }');
    expect(graph.body.data.rotateSigningKey.kid).not.toBe(rotated.body.kid);
  });

  describe('mTLS client identity (MTLS_CLIENT_CERT_HEADER set)', () => {
    let bound: { clientId: string; clientSecret: string };

    beforeAll(async () => {
      bound = await createClient('430923-SCJGJ', 'mTLS system', ['checks:perform'], { certificateSha256: FINGERPRINT_OPENSSL });
    });

    it('stores the fingerprint in canonical form and refuses a malformed one', async () => {
      expect((await admin.get(`/clients/${bound.clientId}`).expect(200)).body.certificateSha256).toBe(FINGERPRINT);
      const bad = await admin.put(`/clients/${bound.clientId}/certificate`, { certificateSha256: 'abc' }).expect(400);
      expect(bad.body.error.code).toBe('CERTIFICATE_FINGERPRINT_INVALID');
    });

    it('refuses a token request of a bound client without its certificate or with another one (401, clear code)', async () => {
      const missing = await tokenRequest(bound.clientId, bound.clientSecret).expect(401);
      expect(missing.body).toMatchObject({ error: 'invalid_client', code: 'CLIENT_CERTIFICATE_REQUIRED', message: { zh: expect.any(String), en: expect.any(String) } });
      const other = await tokenRequest(bound.clientId, bound.clientSecret, 'ab'.repeat(32)).expect(401);
      expect(other.body.code).toBe('CLIENT_CERTIFICATE_MISMATCH');
      // a wrong secret is still just a wrong secret: the binding is not disclosed before the secret is checked
      expect((await tokenRequest(bound.clientId, 'wrong', FINGERPRINT).expect(401)).body.code).toBe('INVALID_CLIENT');
    });

    it('issues a certificate-bound token (RFC 8705 cnf) and accepts API calls only with the certificate', async () => {
      const issued = await tokenRequest(bound.clientId, bound.clientSecret, FINGERPRINT_OPENSSL).expect(200);
      const claims = JSON.parse(Buffer.from(issued.body.access_token.split('.')[1], 'base64url').toString());
      expect(claims.cnf).toEqual({ 'x5t#S256': Buffer.from(FINGERPRINT, 'hex').toString('base64url') });
      const auth = `Bearer ${issued.body.access_token}`;
      await check(auth, FINGERPRINT).expect(200);
      expect((await check(auth).expect(401)).body.error.code).toBe('CLIENT_CERTIFICATE_REQUIRED');
      expect((await check(auth, 'cd'.repeat(32)).expect(401)).body.error.code).toBe('CLIENT_CERTIFICATE_MISMATCH');
      const graph = await http().post('/graphql').set('authorization', auth).send({ query: '{ __typename }' });
      expect(graph.status).toBe(200); // introspection needs no scope; an operation with one is refused:
      const refused = await http()
        .post('/graphql')
        .set('authorization', auth)
        .send({ query: 'mutation { check(input: { subject: { type: LEGAL_PERSON, name: "x", uscc: "91430100MA4L16JQ9D" }, matterType: "OTHER_ADMIN_MATTERS" }) { found } }' });
      expect(refused.body.errors[0].extensions.code).toBe('CLIENT_CERTIFICATE_REQUIRED');
    });

    it('leaves unbound clients as they were, and unbinding frees the bound one', async () => {
      await check(pg.auth).expect(200);
      await check(pg.auth, 'ef'.repeat(32)).expect(200); // a certificate is identity only for bound clients
      const unbound = await gql(adminAuth, `mutation { bindApiClientCertificate(clientId: "${bound.clientId}", input: { certificateSha256: null }) { certificateSha256 } }`);
      expect(unbound.body.data.bindApiClientCertificate.certificateSha256).toBeNull();
      await tokenRequest(bound.clientId, bound.clientSecret).expect(200);
    });
  });

  it('audits every admin action (who, what, target, when) append-only, from the API and the CLI alike', async () => {
    await withGatewayAdmin(pg.db.url, ({ admin: service }) => service.createDepartment({ actor: 'cli:operator@console', departmentId: null }, { code: 'CLI-DEPT', name: '命令行创建' }));
    const entries = (await admin.get('/audit?limit=200').expect(200)).body as { id: string; at: string; actor: string; actorDepartmentId: string | null; action: string; target: string; details: Record<string, unknown>; requestId: string | null }[];
    expect(entries[0]).toMatchObject({ actor: 'cli:operator@console', action: 'DEPARTMENT_CREATED', target: 'department:CLI-DEPT', requestId: null });
    const byApi = entries.filter((e) => e.actor === `client:${adminClientId}`);
    expect(byApi.every((e) => e.actorDepartmentId === 'XYB-CREDIT' && e.requestId && !Number.isNaN(Date.parse(e.at)))).toBe(true);
    const actions = (target: string) => byApi.filter((e) => e.target === target).map((e) => e.action).reverse();
    expect(actions('client:ah-scjgj-cases')).toEqual(['CLIENT_CREATED']);
    expect(actions('department:430923-SWJ')).toEqual(['DEPARTMENT_CREATED', 'DEPARTMENT_UPDATED', 'DEPARTMENT_UPDATED']);
    const rotatedClient = byApi.find((e) => e.action === 'CLIENT_REVOKED')!.target;
    expect(actions(rotatedClient)).toEqual(['CLIENT_CREATED', 'CLIENT_SECRET_ROTATED', 'CLIENT_SECRET_ROTATED', 'CLIENT_REVOKED']);
    expect(byApi.filter((e) => e.action === 'SIGNING_KEY_ROTATED')).toHaveLength(2);
    expect(byApi.find((e) => e.action === 'CLIENT_CERTIFICATE_UNBOUND')?.details).toEqual({ from: FINGERPRINT, to: null });
    // no secret in the audit
    expect(JSON.stringify(entries)).not.toMatch(/clientSecret|secret_hash/i);
    // paging back and filtering by target
    const page = (await admin.get(`/audit?limit=2&before=${entries[1].id}`).expect(200)).body as { id: string }[];
    expect(page.map((e) => e.id)).toEqual([entries[2].id, entries[3].id]);
    const graph = await gql(adminAuth, '{ adminAuditLog(query: { target: "client:ah-scjgj-cases" }) { action actor } }');
    expect(graph.body.data.adminAuditLog).toEqual([{ action: 'CLIENT_CREATED', actor: `client:${adminClientId}` }]);
    // append-only
    await expect(pg.db.query('UPDATE gateway.admin_audit SET actor = $1', ['someone else'])).rejects.toThrow(/append-only/);
    await expect(pg.db.query('DELETE FROM gateway.admin_audit')).rejects.toThrow(/append-only/);
  });

  it('a trace id sent with a check reaches its CheckPerformed event, also when concurrent checks are answered together', async () => {
    const traceIds = Array.from({ length: 5 }, () => randomBytes(16).toString('hex'));
    const responses = await Promise.all(
      traceIds.map((traceId) => check(`Bearer ${pg.platform.demoToken}`).set('traceparent', `00-${traceId}-${randomBytes(8).toString('hex')}-01`).expect(200)),
    );
    for (const [i, response] of responses.entries()) {
      const event = await eventually('the CheckPerformed event', async () => {
        const [row] = await pg.db.query<{ traceparent: string }>(`SELECT headers->>'traceparent' AS traceparent FROM bus.messages WHERE topic = 'credit.checks.v1' AND headers->>'ce_id' = $1`, [
          `check-${(response.body as { checkId: string }).checkId}`,
        ]);
        return row;
      });
      expect(event.traceparent.split('-')[1]).toBe(traceIds[i]);
    }
  });

  it('records in the request audit the gRPC methods each request called and their status codes', async () => {
    const probe = await createClient('430923-SCJGJ', 'audit probe', ['records:write', 'checks:perform']);
    const auth = `Bearer ${await obtainToken(pg.platform.baseUrl, probe.clientId, probe.clientSecret)}`;
    const checked = await check(auth).expect(200);
    const refused = await http().post('/api/v1/records').set('authorization', auth).send({ ...penaltyRecord(), catalogueItemCode: 'NO_SUCH_ITEM' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    const rows = await eventually('two audit rows of the probe client', async () => {
      const result = await pg.db.query<{ request_id: string; operation: string; status: number; grpc_calls: { method: string; code: string; ms: number }[] | null }>(
        'SELECT request_id, operation, status, grpc_calls FROM gateway.request_audit WHERE client_id = $1 ORDER BY id',
        [probe.clientId],
      );
      return result.length >= 2 ? result : undefined;
    });
    const checkRow = rows.find((r) => r.request_id === checked.headers['x-request-id'])!;
    expect(checkRow).toMatchObject({ operation: 'POST /api/v1/checks', status: 200, grpc_calls: [{ method: 'credit.v1.CreditCheckService/CheckMany', code: 'OK', ms: expect.any(Number) }] });
    const refusedRow = rows.find((r) => r.request_id === refused.headers['x-request-id'])!;
    expect(refusedRow.status).toBe(refused.status);
    expect(refusedRow.grpc_calls).toEqual([{ method: 'credit.v1.RecordCollectionService/SubmitRecord', code: expect.not.stringMatching(/^OK$/), ms: expect.any(Number) }]);
    // requests refused at the gateway never reached a service
    await http().get('/api/v1/admin/departments').set('authorization', auth).expect(403);
    const forbidden = await eventually('the 403 audit row', async () => {
      const result = await pg.db.query<{ grpc_calls: unknown }>('SELECT grpc_calls FROM gateway.request_audit WHERE client_id = $1 AND status = 403', [probe.clientId]);
      return result[0];
    });
    expect(forbidden.grpc_calls).toBeNull();
  });
});
