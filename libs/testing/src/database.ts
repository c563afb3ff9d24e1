import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEST_DATABASE_URL = process.env.DATABASE_URL_TEST ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  url: string;
  name: string;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/**
 * A throwaway database per test file on the real PostgreSQL (services use fixed schema names, so
 * isolation is per database). Dropped with FORCE at the end.
 */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `credit_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  // One connection, queries one after another in call order (pg 8 deprecates a query issued while another runs).
  let tail: Promise<unknown> = Promise.resolve();
  return {
    url: url.toString(),
    name,
    query: <T>(sql: string, params?: unknown[]) => {
      const run = tail.then(() => client.query(sql, params));
      tail = run.catch(() => undefined);
      return run.then((result) => result.rows as T[]);
    },
    drop: async () => {
      await tail;
      await client.end();
      const dropper = new Client({ connectionString: TEST_DATABASE_URL });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
