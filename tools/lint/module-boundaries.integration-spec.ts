/**
 * The module boundaries are enforced, not just configured: lint refuses a service importing another
 * service, and accepts the same import from the composition root.
 */
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

async function lint(relativePath: string, source: string): Promise<{ ok: boolean; output: string }> {
  const file = join(ROOT, relativePath);
  writeFileSync(file, source);
  try {
    await run(bin('eslint'), ['--max-warnings', '0', relativePath], { cwd: ROOT, timeout: 120_000 });
    return { ok: true, output: '' };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  } finally {
    rmSync(file, { force: true });
  }
}

describe('Nx module boundaries', () => {
  beforeAll(async () => {
    // The rule reads Nx's project graph.
    await run(bin('nx'), ['show', 'projects'], { cwd: ROOT, env: { ...process.env, NX_DAEMON: 'false' }, timeout: 120_000 });
  }, 150_000);

  it('refuses a service importing another service', async () => {
    const result = await lint(
      `services/credit-check/src/boundary-probe-${process.pid}.ts`,
      "import { RecordCollectionModule } from '@credit/service-record-collection';\nexport const probe = RecordCollectionModule;\n",
    );
    expect(result.ok).toBe(false);
    expect(result.output).toContain('A project tagged with "type:service" can only depend on libs tagged with "type:lib"');
  }, 150_000);

  it('refuses a pure library (domain) importing another library', async () => {
    const result = await lint(`libs/domain/src/boundary-probe-${process.pid}.ts`, "import { Topics } from '@credit/contracts';\nexport const probe = Topics;\n");
    expect(result.ok).toBe(false);
    expect(result.output).toContain('@nx/enforce-module-boundaries');
  }, 150_000);

  it('accepts the composition root assembling services', async () => {
    const result = await lint(
      `services/standalone/src/boundary-probe-${process.pid}.ts`,
      "import { RecordCollectionModule } from '@credit/service-record-collection';\nexport const probe = RecordCollectionModule;\n",
    );
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  }, 150_000);
});
