/**
 * The replay command rebuilds credit-check's profiles from the topics (standalone: the in-process bus log on
 * PostgreSQL): after a replay the profiles are what they were, built again from the events.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, eventually, freePort, obtainToken, penaltyRecord, spawnService, type TestDatabase } from '@credit/testing';
import request from 'supertest';
import { replay } from './replay';

describe('replay of credit-check.profile', () => {
  let db: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'credit-replay-'));
  beforeAll(async () => {
    db = await createTestDatabase('replay');
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // `npm start`'s process on the test database (stopped and started again around the replay).
  const start = async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const proc = await spawnService('standalone', 'services/standalone/src/main.ts', { DATABASE_URL: db.url, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' }, `${baseUrl}/health/ready`, 90_000);
    const creds = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as { clientId: string; clientSecret: string };
    return { baseUrl, demoToken: await obtainToken(baseUrl, creds.clientId, creds.clientSecret), stop: async () => expect(await proc.stop()).toBe(0) };
  };
  const snapshot = () =>
    db.query<{ record_id: string; version: number; status: string }>(`SELECT record_id, version, status FROM credit_check.profile_record ORDER BY record_id`);

  it('empties the read model and rebuilds it from the start of its topics', async () => {
    let platform = await start();
    const records = [penaltyRecord(), penaltyRecord(), penaltyRecord({ severity: 'SERIOUS' })];
    try {
      for (const r of records) await request(platform.baseUrl).post('/api/v1/records').set('authorization', `Bearer ${platform.demoToken}`).send(r).expect(201);
      // a second version of one record
      await request(platform.baseUrl)
        .post('/api/v1/records')
        .set('authorization', `Bearer ${platform.demoToken}`)
        .send({ ...records[0], fields: { ...records[0].fields, content: '罚款人民币壹万元' } })
        .expect(201);
      await eventually('the profiles built', async () => {
        const rows = await snapshot();
        return rows.length === 3 && rows.some((r) => r.version === 2) ? rows : undefined;
      });
    } finally {
      await platform.stop();
    }
    const before = await snapshot();

    const dry = await replay({ consumer: 'credit-check.profile', databaseUrl: db.url, kafkaBrokers: [], execute: false, log: () => undefined });
    expect(dry.tables).toContain('credit_check.profile_record');
    expect(await snapshot()).toEqual(before); // a dry run changes nothing

    await replay({ consumer: 'credit-check.profile', databaseUrl: db.url, kafkaBrokers: [], execute: true, log: () => undefined });
    expect(await snapshot()).toEqual([]);

    platform = await start();
    try {
      const rebuilt = await eventually('the profiles rebuilt', async () => {
        const rows = await snapshot();
        return rows.length === before.length && rows.every((r, i) => r.version === before[i].version) ? rows : undefined;
      });
      expect(rebuilt).toEqual(before);
    } finally {
      await platform.stop();
    }
  }, 120_000);

  it('refuses an unknown read model', async () => {
    await expect(replay({ consumer: 'nobody', databaseUrl: db.url, kafkaBrokers: [], execute: true, log: () => undefined })).rejects.toThrow(/unknown read model/);
  });
});
