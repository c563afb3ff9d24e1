import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@credit/testing';
import { startStandalone } from '../src/main';

export type Platform = Awaited<ReturnType<typeof startStandalone>>;

export interface StandaloneOnPostgres {
  db: TestDatabase;
  platform: Platform;
  /** `Bearer <token>` of the demo department (records:write, checks:perform). */
  auth: string;
}

/**
 * Standalone mode in this test process on a throwaway PostgreSQL database (in-process bus), started before
 * the enclosing describe's tests and stopped after them. The returned handle is filled in by beforeAll.
 */
export function standaloneOnPostgres(label: string, env: Record<string, string> = {}): StandaloneOnPostgres {
  const handle = {} as StandaloneOnPostgres;
  const dataDir = mkdtempSync(join(tmpdir(), `credit-${label}-`));
  beforeAll(async () => {
    handle.db = await createTestDatabase(label);
    handle.platform = await startStandalone({ DATABASE_URL: handle.db.url, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', ...env });
    handle.auth = `Bearer ${handle.platform.demoToken}`;
  }, 60_000);
  afterAll(async () => {
    await handle.platform?.stop();
    await handle.db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return handle;
}
