/**
 * The embedded database under concurrency: several pools running parameterised queries and transactions
 * at once (what standalone mode does) must not interleave their protocol exchanges. Runs in its own
 * process: PGlite's WebAssembly runtime does not load inside jest's VM.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');

describe('embedded PostgreSQL (PGlite over the wire protocol)', () => {
  it('serves 16 concurrent clients of 4 pools without mixing their extended-protocol exchanges', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pglite-stress-'));
    try {
      const { stdout } = await run(process.execPath, ['-r', './tools/register.js', 'libs/database/test/embedded-pg-stress.ts', dataDir], { cwd: ROOT, timeout: 90_000 });
      expect(stdout).toContain('embedded-pg-stress: 2400 ok, 0 errors');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
