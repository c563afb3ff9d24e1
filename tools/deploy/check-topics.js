#!/usr/bin/env node
// Runs k8s/base/topics/create-topics.sh (the topic Job's and compose `init`'s script) against stand-in
// Kafka tools that record their arguments, and compares what it creates with the code's registry:
// allTopics() and DEFAULT_PARTITIONS of libs/contracts/src/topics.ts (loaded through tools/register.js,
// so the workspace's node_modules must be installed). Also checks the replication settings pass through.
// Usage: node check-topics.js
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { REPO, Report } = require('./lib/common');

const SCRIPT = path.join(REPO, 'k8s/base/topics/create-topics.sh');

function registry() {
  const out = execFileSync(
    process.execPath,
    ['-r', './tools/register.js', '-e', "const t=require('./libs/contracts/src/topics.ts');console.log(JSON.stringify({topics:t.allTopics(),partitions:t.DEFAULT_PARTITIONS}))"],
    { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return JSON.parse(out.trim().split('\n').pop());
}

function runScript(env) {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-fake-kafka-'));
  const log = path.join(bin, 'calls.log');
  try {
    for (const tool of ['kafka-topics.sh', 'kafka-broker-api-versions.sh']) {
      fs.writeFileSync(path.join(bin, tool), `#!/usr/bin/env bash\nprintf '%s\\n' "${tool} $*" >> "${log}"\n`, { mode: 0o755 });
    }
    execFileSync('bash', [SCRIPT], { env: { PATH: process.env.PATH, KAFKA_BIN: bin, KAFKA_BOOTSTRAP: 'broker:9092', ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return fs.readFileSync(log, 'utf8').trim().split('\n');
  } finally {
    fs.rmSync(bin, { recursive: true, force: true });
  }
}

function main() {
  const report = new Report('topics: create-topics.sh creates exactly libs/contracts allTopics()');
  let expected;
  try {
    expected = registry();
  } catch (error) {
    report.fail(`cannot load libs/contracts/src/topics.ts through tools/register.js (run npm install first): ${String(error.stderr || error.message).trim().split('\n')[0]}`);
    process.exit(report.print() ? 0 : 1);
  }
  let calls;
  try {
    calls = runScript({ TOPIC_REPLICATION_FACTOR: '3', TOPIC_MIN_INSYNC_REPLICAS: '2' });
  } catch (error) {
    report.fail(`create-topics.sh failed: ${String(error.stderr || error.message).trim()}`);
    process.exit(report.print() ? 0 : 1);
  }
  const creates = calls.filter((c) => c.startsWith('kafka-topics.sh') && c.includes('--create'));
  const created = creates.map((c) => c.match(/--topic (\S+)/)[1]);
  const missing = expected.topics.filter((t) => !created.includes(t));
  const extra = created.filter((t) => !expected.topics.includes(t));
  if (missing.length) report.fail(`not created (add them to the script's topics list): ${missing.join(', ')}`);
  if (extra.length) report.fail(`created but not in allTopics(): ${extra.join(', ')}`);
  for (const c of creates) {
    const topic = c.match(/--topic (\S+)/)[1];
    if (!c.includes(`--partitions ${expected.partitions}`)) report.fail(`${topic}: not created with DEFAULT_PARTITIONS=${expected.partitions}`);
    if (!c.includes('--replication-factor 3') || !c.includes('min.insync.replicas=2')) report.fail(`${topic}: replication settings not passed through`);
    if (!c.includes('--if-not-exists')) report.fail(`${topic}: not idempotent (--if-not-exists)`);
    if (topic.endsWith('.dlq') && !/retention\.ms=\d+/.test(c)) report.fail(`${topic}: DLQ without its retention`);
  }
  if (!calls.some((c) => c.startsWith('kafka-broker-api-versions.sh'))) report.fail('the script does not wait for the broker');
  report.note(`topics: ${created.length} created (${expected.topics.length} in allTopics(), ${expected.partitions} partitions each)`);
  process.exit(report.print() ? 0 : 1);
}

main();
