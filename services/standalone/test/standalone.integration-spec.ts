/**
 * Standalone mode: every service in one process, the in-process bus. First `npm start`'s process on
 * the embedded database in a data directory (restart keeps the data), then in-process on the real
 * PostgreSQL for the API's validation behaviour.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, freePort, obtainToken, penaltyRecord, spawnService, uniqueIdNumber } from '@credit/testing';
import request from 'supertest';
import { standaloneOnPostgres } from './support';


const checkBody = (uscc: string) => ({ subject: { type: 'LEGAL_PERSON', name: '任意', uscc }, matterType: 'OTHER_ADMIN_MATTERS' });

describe('standalone on the embedded database (the npm start process)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'credit-standalone-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  // Its own process, as `npm start` runs it (PGlite's WebAssembly runtime does not load inside jest's VM).
  const start = async () => {
    const port = await freePort();
    const proc = await spawnService('standalone', 'services/standalone/src/main.ts', { DATA_DIR: dataDir, PORT: String(port) }, `http://127.0.0.1:${port}/health/ready`, 90_000);
    const creds = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as { clientId: string; clientSecret: string };
    const baseUrl = `http://127.0.0.1:${port}`;
    return { proc, baseUrl, creds, token: await obtainToken(baseUrl, creds.clientId, creds.clientSecret) };
  };

  it('prints the entry points, and keeps records, credentials and profiles across a restart', async () => {
    const record = penaltyRecord();
    let platform = await start();
    const firstToken = platform.token;
    const firstClient = platform.creds.clientId;
    try {
      expect(platform.proc.output()).toContain(`/graphql`);
      expect(platform.proc.output()).toContain(`client_id ${firstClient}`);
      expect(platform.proc.output()).toMatch(/Authorization: Bearer [\w-]+\.[\w-]+\.[\w-]+/);
      const submitted = await request(platform.baseUrl).post('/api/v1/records').set('authorization', `Bearer ${firstToken}`).send(record).expect(201);
      expect(submitted.body.outcome).toBe('CREATED');
      await eventually('the record checkable', async () => {
        const { body } = await request(platform.baseUrl).post('/api/v1/checks').set('authorization', `Bearer ${firstToken}`).send(checkBody(record.subject.uscc));
        return body.found ? body : undefined;
      });
    } finally {
      expect(await platform.proc.stop()).toBe(0); // graceful stop: consumers and outbox drained
    }

    platform = await start();
    try {
      expect(platform.creds.clientId).toBe(firstClient); // same demo client after the restart
      // a token issued before the restart is still valid (same signing key, not expired)
      const { body } = await request(platform.baseUrl).post('/api/v1/checks').set('authorization', `Bearer ${firstToken}`).send(checkBody(record.subject.uscc)).expect(200);
      expect(body.found).toBe(true);
      expect(body.records).toHaveLength(1);
      expect(body.records[0].decisionNumber).toBe(record.decisionNumber);
    } finally {
      await platform.proc.stop();
    }
  }, 180_000);
});

describe('standalone API on PostgreSQL: bad input is refused with structured errors and nothing stored', () => {
  const pg = standaloneOnPostgres('standalone_api');

  const stored = async () => {
    const [r] = await pg.db.query<{ records: number; outbox: number; subjects: number }>(
      `SELECT (SELECT count(*)::int FROM record_collection.credit_record) AS records,
              (SELECT count(*)::int FROM record_collection.outbox)
                + (SELECT count(*)::int FROM bus.messages WHERE topic = 'credit.records.v1') AS outbox,
              (SELECT count(*)::int FROM record_collection.subject) AS subjects`,
    );
    return r;
  };

  const cases: [string, (r: ReturnType<typeof penaltyRecord>) => object, string, string][] = [
    ['a USCC with a wrong check character', (r) => ({ ...r, subject: { ...r.subject, uscc: r.subject.uscc.slice(0, 17) + (r.subject.uscc[17] === 'A' ? 'B' : 'A') } }), 'USCC_CHECK_DIGIT', 'subject.uscc'],
    ['a USCC with a forbidden letter (O)', (r) => ({ ...r, subject: { ...r.subject, uscc: `91430100MA4L16JO9D` } }), 'USCC_CHARSET', 'subject.uscc'],
    ['a USCC of the wrong length', (r) => ({ ...r, subject: { ...r.subject, uscc: '9143010' } }), 'USCC_LENGTH', 'subject.uscc'],
    ['an ID number with an impossible birth date', (r) => ({ ...r, subject: { type: 'NATURAL_PERSON', name: '张三', idNumber: '430102202302290011' } }), 'ID_BIRTH_DATE', 'subject.idNumber'],
    ['an unknown catalogue item', (r) => ({ ...r, catalogueItemCode: 'NO_SUCH_ITEM' }), 'CATALOGUE_ITEM_UNKNOWN', 'catalogueItemCode'],
    ['a missing required field', (r) => ({ ...r, fields: { authority: '某局', content: '罚款' } }), 'FIELD_REQUIRED', 'fields.basis'],
    ['an adverse record without severity', (r) => ({ ...r, severity: undefined }), 'SEVERITY_REQUIRED', 'severity'],
    ['an invalid decision date', (r) => ({ ...r, decisionDate: '2026-02-30' }), 'DECISION_DATE_INVALID', 'decisionDate'],
    ['an unknown property (injection attempt)', (r) => ({ ...r, providerDepartmentId: 'OTHER-DEPT' }), 'INVALID_WHITELIST_VALIDATION', 'providerDepartmentId'],
  ];

  it.each(cases)('REST refuses %s', async (_name, mutate, code, field) => {
    const before = await stored();
    const { body } = await request(pg.platform.baseUrl).post('/api/v1/records').set('authorization', pg.auth).send(mutate(penaltyRecord())).expect(400);
    expect(body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ code, field })]));
    expect(body.error.message.zh).toEqual(expect.any(String));
    expect(body.error.message.en).toEqual(expect.any(String));
    expect(body.error.requestId).toEqual(expect.any(String));
    expect(await stored()).toEqual(before);
  });

  it('GraphQL refuses a bad identifier with the same error model, and stores nothing', async () => {
    const before = await stored();
    const record = penaltyRecord();
    const { body } = await request(pg.platform.baseUrl)
      .post('/graphql')
      .set('authorization', pg.auth)
      .send({
        query: `mutation ($input: SubmitRecordInput!) { submitRecord(input: $input) { recordId } }`,
        variables: { input: { ...record, subject: { ...record.subject, uscc: '91430100MA4L16JQ9X' } } },
      })
      .expect(200);
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions).toMatchObject({ code: 'USCC_CHECK_DIGIT', field: 'subject.uscc' });
    expect(await stored()).toEqual(before);
  });

  it('refuses calls without a valid token, and never returns a full ID number', async () => {
    await request(pg.platform.baseUrl).post('/api/v1/checks').send(checkBody('91430100MA4L16JQ9D')).expect(401);
    await request(pg.platform.baseUrl).post('/api/v1/checks').set('authorization', 'Bearer nope.nope').send(checkBody('91430100MA4L16JQ9D')).expect(401);
    const idNumber = uniqueIdNumber();
    const person = { ...penaltyRecord(), subject: { type: 'NATURAL_PERSON', name: '李四', idNumber } };
    await request(pg.platform.baseUrl).post('/api/v1/records').set('authorization', pg.auth).send(person).expect(201);
    const body = await eventually('the person checkable', async () => {
      const r = await request(pg.platform.baseUrl).post('/api/v1/checks').set('authorization', pg.auth).send({ subject: { type: 'NATURAL_PERSON', name: '李四', idNumber }, matterType: 'OTHER_ADMIN_MATTERS' });
      return r.body.found ? r.body : undefined;
    });
    expect(JSON.stringify(body)).not.toContain(idNumber);
    expect(body.subject.maskedIdNumber).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    expect(body.records[0].publicityEnd).toBeUndefined(); // penalties of natural persons are not publicly displayed
  });

  it('exposes request latency, gRPC outcomes and consumed events as Prometheus metrics', async () => {
    const { text } = await request(pg.platform.baseUrl).get('/metrics').expect(200);
    expect(text).toMatch(/credit_http_request_duration_seconds_count\{service="gateway",method="POST",route="\/api\/v1\/records",status="400"\} [1-9]/);
    expect(text).toMatch(/credit_grpc_request_duration_seconds_count\{service="record-collection",method="submitRecord",code="INVALID_ARGUMENT"\} [1-9]/);
    expect(text).toMatch(/credit_events_consumed_total\{service="credit-check",consumer="credit-check.profile",type="cn.credit.record.collected.v1",outcome="applied"\} [1-9]/);
    expect(text).toMatch(/credit_events_published_total\{service="record-collection"\} [1-9]/);
  });

  it('refuses an oversized body with 413 and the error model', async () => {
    const huge = { ...penaltyRecord(), fields: { authority: '某局', basis: '某法', content: 'x'.repeat(1_100_000) } };
    const { body } = await request(pg.platform.baseUrl).post('/api/v1/records').set('authorization', pg.auth).send(huge).expect(413);
    expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a GraphQL query nested deeper than the limit', async () => {
    let selection = 'name';
    for (let i = 0; i < 10; i += 1) selection = `ofType { ${selection} }`;
    const { body } = await request(pg.platform.baseUrl).post('/graphql').set('authorization', pg.auth).send({ query: `{ __schema { types { fields { type { ${selection} } } } } }` });
    expect(body.data).toBeNull();
    expect(JSON.stringify(body.errors)).toMatch(/depth/i);
  });

  it('refuses a GraphQL request with too many aliased calls before executing any', async () => {
    const before = await stored();
    const calls = Array.from({ length: 25 }, (_, i) => `c${i}: check(input: {subject: {type: LEGAL_PERSON, name: "x", uscc: "91430100MA4L16JQ9D"}, matterType: "OTHER_ADMIN_MATTERS"}) { found }`).join(' ');
    const { body } = await request(pg.platform.baseUrl).post('/graphql').set('authorization', pg.auth).send({ query: `mutation { ${calls} }` });
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION');
    expect(body.errors[0].message).toMatch(/Too many top-level fields: 25/);
    expect(await stored()).toEqual(before);
  });

  it('stores injection strings as plain data', async () => {
    const nasty = `'); DROP TABLE record_collection.credit_record; -- <script>alert(1)</script> {{7*7}} \${'$'}{jndi:ldap://x}`;
    const record = { ...penaltyRecord(), decisionNumber: `罚${Date.now()}${nasty}`, fields: { authority: nasty, basis: nasty, content: nasty } };
    await request(pg.platform.baseUrl).post('/api/v1/records').set('authorization', pg.auth).send(record).expect(201);
    const body = await eventually('the record checkable', async () => {
      const r = await request(pg.platform.baseUrl).post('/api/v1/checks').set('authorization', pg.auth).send(checkBody(record.subject.uscc));
      return r.body.found ? r.body : undefined;
    });
    expect(body.records[0].decisionNumber).toBe(record.decisionNumber);
    expect(body.records[0].fields.content).toBe(nasty);
    const [{ n }] = await pg.db.query<{ n: number }>('SELECT count(*)::int AS n FROM record_collection.credit_record');
    expect(n).toBeGreaterThan(0);
  });

  it('serves the OpenAPI 3.1 document it was generated from, and a browsable UI', async () => {
    const { body } = await request(pg.platform.baseUrl).get('/api/docs/openapi.json').expect(200);
    const checkedIn = JSON.parse(readFileSync(join(__dirname, '..', '..', 'gateway', 'openapi.json'), 'utf8'));
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths).sort()).toEqual(Object.keys(checkedIn.paths).sort());
    expect(body.paths['/api/v1/records'].post.responses['400'].content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorBody');
    const ui = await request(pg.platform.baseUrl).get('/api/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });
});
