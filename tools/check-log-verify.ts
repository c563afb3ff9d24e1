// Verifies the check log's hash chain end to end (tampering, deleted or inserted rows).
//   DATABASE_URL=postgres://… npm run check-log:verify
// Exit code 0 when intact, 1 when broken (the first broken row is printed), 2 on a usage or connection error.
import { Client } from 'pg';
import { verifyCheckLog } from '@credit/service-credit-check';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL_CREDIT_CHECK ?? process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('DATABASE_URL (or DATABASE_URL_CREDIT_CHECK) is required\n');
    return 2;
  }
  const client = new Client({ connectionString: url, application_name: 'check-log-verify' });
  await client.connect();
  try {
    // One snapshot for the whole walk: rows committed meanwhile are not half-seen.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const started = Date.now();
    const result = await verifyCheckLog(async (sql, params) => (await client.query(sql, params)).rows);
    await client.query('COMMIT');
    process.stdout.write(`${JSON.stringify({ ...result, seconds: (Date.now() - started) / 1000 })}\n`);
    return result.ok ? 0 : 1;
  } finally {
    await client.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
