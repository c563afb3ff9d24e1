// Concurrency check of the embedded database: several pools run parameterised queries (extended protocol)
// and transactions at once. Exits 1 on any error. Run by embedded-postgres.integration-spec.ts in its own
// process (PGlite does not load inside jest).
//   node -r ./tools/register.js libs/database/test/embedded-pg-stress.ts [dataDir]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { startEmbeddedPostgres } from '../src/embedded-postgres';

async function main(): Promise<void> {
  const dataDir = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : mkdtempSync(join(tmpdir(), 'pglite-stress-'));
  const pg = await startEmbeddedPostgres({ dataDir, maxConnections: 20 });
  const pools = Array.from({ length: 4 }, () => new Pool({ connectionString: pg.url, max: 4 }));
  await pools[0].query('CREATE TABLE IF NOT EXISTS stress (id int, pool int, note text)');
  let errors = 0;
  let done = 0;
  await Promise.all(
    pools.flatMap((pool, p) =>
      Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; i < 150; i += 1) {
          try {
            if (i % 10 === 0) {
              const client = await pool.connect();
              try {
                await client.query('BEGIN');
                await client.query('INSERT INTO stress VALUES ($1, $2, $3)', [i, p, `w${w}`]);
                await client.query('SELECT count(*) FROM stress WHERE pool = $1', [p]);
                await client.query('COMMIT');
              } finally {
                client.release();
              }
            } else {
              const { rows } = await pool.query('SELECT $1::int + $2::int AS sum, $3::text AS tag', [i, p, `p${p}w${w}`]);
              if (rows[0].sum !== i + p || rows[0].tag !== `p${p}w${w}`) throw new Error(`wrong answer ${JSON.stringify(rows[0])}`);
            }
            done += 1;
          } catch (error) {
            errors += 1;
            if (errors <= 3) console.error(String(error));
          }
        }
      }),
    ),
  );
  await Promise.all(pools.map((p) => p.end()));
  await pg.stop();
  console.log(`embedded-pg-stress: ${done} ok, ${errors} errors`);
  process.exit(errors === 0 ? 0 : 1);
}

void main();
