#!/usr/bin/env node
// Static checks of Dockerfile and .dockerignore (no Docker engine here, so no build):
//   - every COPY source from the build context exists and is not excluded by .dockerignore;
//   - every service's entry point (services/<name>/src/main.ts), tools/register.js, the tsconfig files
//     and proto/ are in the context and copied; tests and the test harness are not;
//   - the runtime stage runs as a numeric non-root user, on node:20-bookworm-slim, and its CMD runs
//     services/$SERVICE/src/main.ts through tools/register.js; production dependencies only.
// With --assemble DIR it also lays out what the runtime stage's COPY instructions put under /app (without
// node_modules) into DIR, for tools/deploy/image-smoke.sh.
// Usage: node check-dockerfile.js [--assemble DIR]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { REPO, deployableServices, Report } = require('./lib/common');

/** Docker's .dockerignore rules: Go filepath.Match patterns plus `**`, `!` exceptions, last match wins,
 * and a pattern that matches a directory excludes everything below it. */
function dockerignore(file) {
  const rules = [];
  for (let line of fs.readFileSync(file, 'utf8').split('\n')) {
    line = line.trim();
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    let pattern = (negate ? line.slice(1) : line).trim().replace(/^\/+/, '').replace(/\/+$/, '');
    pattern = path.posix.normalize(pattern);
    const re = pattern
      .split('/')
      .map((seg) => (seg === '**' ? '(?:.*)' : seg.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
      .join('/')
      .replace(/\(\?:\.\*\)\//g, '(?:.*/)?');
    rules.push({ negate, re: new RegExp(`^${re}$`) });
  }
  return (rel) => {
    // A path is excluded when the last rule matching it, or one of its parent directories, excludes.
    const parts = rel.split('/');
    let excluded = false;
    for (const rule of rules) {
      for (let i = 1; i <= parts.length; i += 1) {
        if (rule.re.test(parts.slice(0, i).join('/'))) {
          excluded = !rule.negate;
          break;
        }
      }
    }
    return excluded;
  };
}

function walk(dir, rel = '') {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.name === 'node_modules' || e.name === '.git') continue;
    if (e.isDirectory()) out.push(...walk(dir, r));
    else out.push(r);
  }
  return out;
}

function parseDockerfile(text) {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const stages = [];
  let current = null;
  for (const line of lines) {
    const [instr, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (/^FROM$/i.test(instr)) {
      const m = args.match(/^(\S+)(?:\s+AS\s+(\S+))?/i);
      current = { from: m[1], name: m[2] ?? null, instructions: [] };
      stages.push(current);
    } else if (current) current.instructions.push({ instr: instr.toUpperCase(), args });
  }
  return { lines, stages };
}

function main() {
  const assemble = process.argv.includes('--assemble') ? path.resolve(process.argv[process.argv.indexOf('--assemble') + 1]) : null;
  const text = fs.readFileSync(path.join(REPO, 'Dockerfile'), 'utf8');
  const { lines, stages } = parseDockerfile(text);
  const excluded = dockerignore(path.join(REPO, '.dockerignore'));
  const context = walk(REPO).filter((f) => !excluded(f));
  const inContext = new Set(context);
  const report = new Report(`Dockerfile — ${stages.length} stages (${stages.map((s) => s.name ?? s.from).join(', ')}), build context ${context.length} files`);

  const args = Object.fromEntries(lines.filter((l) => /^ARG\s/i.test(l)).map((l) => l.replace(/^ARG\s+/i, '').split('=')).map(([k, v]) => [k, v ?? '']));
  const resolve = (s) => s.replace(/\$\{?(\w+)\}?/g, (_, k) => args[k] ?? '');
  const runtime = stages[stages.length - 1];
  if (!runtime) {
    report.fail('no FROM');
    process.exit(report.print() ? 0 : 1);
  }
  for (const s of stages) if (resolve(s.from) !== 'node:20-bookworm-slim' && !stages.some((o) => o.name === s.from)) report.fail(`stage ${s.name}: base ${resolve(s.from)}, expected node:20-bookworm-slim`);

  const copied = []; // [contextPath, destination]
  for (const stage of stages) {
    for (const { instr, args: a } of stage.instructions) {
      if (instr !== 'COPY' && instr !== 'ADD') continue;
      if (instr === 'ADD') report.fail(`stage ${stage.name}: use COPY, not ADD`);
      if (/--from=/.test(a)) continue;
      const parts = a.split(/\s+/).filter((p) => !p.startsWith('--'));
      const dest = parts.pop();
      for (const src of parts) {
        const abs = path.join(REPO, src);
        if (!fs.existsSync(abs)) {
          report.fail(`stage ${stage.name}: COPY ${src}: does not exist`);
          continue;
        }
        const files = fs.statSync(abs).isDirectory() ? walk(REPO, src.replace(/\/$/, '')) : [src];
        const included = files.filter((f) => inContext.has(f));
        if (included.length === 0) report.fail(`stage ${stage.name}: COPY ${src}: excluded by .dockerignore`);
        if (stage === runtime) for (const f of included) copied.push([f, fs.statSync(abs).isDirectory() ? path.posix.join(dest, path.posix.relative(src.replace(/\/$/, ''), f)) : dest.endsWith('/') ? dest + path.posix.basename(f) : dest]);
      }
    }
  }

  const inImage = new Set(copied.map(([f]) => f));
  const needed = ['package.json', 'tsconfig.json', 'tsconfig.base.json', 'tools/register.js', 'tools/admin.ts', ...deployableServices(REPO).map((s) => `services/${s}/src/main.ts`)];
  for (const f of needed) if (!inImage.has(f)) report.fail(`${f} is not copied into the runtime image`);
  if (![...inImage].some((f) => f.startsWith('proto/') && f.endsWith('.proto'))) report.fail('proto/*.proto not copied (gRPC loads them at run time)');
  for (const f of inImage) {
    if (/\.(integration-)?spec\.ts$/.test(f) || f.startsWith('libs/testing/') || /\/test\//.test(f)) report.fail(`test file in the image: ${f}`);
    if (f.startsWith('.data/') || f.endsWith('.env')) report.fail(`local state in the image: ${f}`);
  }

  const user = runtime.instructions.filter((i) => i.instr === 'USER').pop()?.args ?? '';
  if (!/^[1-9]\d*(:\d+)?$/.test(user)) report.fail(`runtime USER "${user}" must be a numeric non-root uid (Kubernetes runAsNonRoot verifies numbers only)`);
  const cmd = runtime.instructions.filter((i) => i.instr === 'CMD' || i.instr === 'ENTRYPOINT').map((i) => i.args).join(' ');
  if (!cmd.includes('tools/register.js') || !cmd.includes('services/${SERVICE}/src/main.ts')) report.fail('CMD must run services/${SERVICE}/src/main.ts through tools/register.js');
  if (!runtime.instructions.some((i) => i.instr === 'ENV' && /\bSERVICE=/.test(i.args))) report.fail('runtime stage must set ENV SERVICE');
  const installs = stages.flatMap((s) => s.instructions).filter((i) => i.instr === 'RUN' && /npm (ci|install)/.test(i.args));
  if (installs.length === 0) report.fail('no npm install');
  for (const i of installs) if (!/--omit=dev/.test(i.args)) report.fail(`npm install without --omit=dev: ${i.args}`);

  if (assemble) {
    fs.rmSync(assemble, { recursive: true, force: true });
    for (const [src, dest] of copied) {
      const target = path.join(assemble, dest.replace(/^\.\//, ''));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(REPO, src), target);
    }
    report.note(`assembled ${copied.length} files of the runtime stage into ${assemble}`);
  }
  report.note(`runtime image: ${inImage.size} files from the context (+ node_modules from the deps stage), USER ${user}`);
  process.exit(report.print() ? 0 : 1);
}

main();
