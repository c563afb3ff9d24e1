#!/usr/bin/env node
// Checks the resolved docker-compose configuration (the output of `docker-compose config`):
//   - every service under services/ (except standalone) is a compose service running that service
//     (SERVICE=<name>), with DATABASE_URL, HTTP_PORT, Kafka, a /health/ready healthcheck, depends_on
//     PostgreSQL and Kafka healthy and `init` completed, read-only root with a /tmp tmpfs;
//   - no compose service runs the image for a service that does not exist;
//   - Kafka runs in KRaft mode without auto-creation; `init` runs the shared topic script;
//   - ports agree with the code (services/*/src/main.ts): a service that serves gRPC has GRPC_PORT, the
//     gateway is published on 3000, sets every <X>_GRPC variable its main.ts reads to <service>:<GRPC_PORT>
//     and waits for those services to be healthy.
// Usage: node check-compose.js --node-modules DIR --config FILE
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { REPO, codeTopology, deployableServices, Report } = require('./lib/common');

const arg = (name) => process.argv[process.argv.indexOf(name) + 1];
const YAML = require(path.join(arg('--node-modules'), 'yaml'));
const config = YAML.parse(fs.readFileSync(arg('--config'), 'utf8'));
const INFRA = ['postgres', 'kafka', 'init'];
const INIT_SQL = path.join(REPO, 'tools/deploy/compose/postgres-init.sql');

/** The schema a service owns: `schema: '…'` in its ServiceDefinition (services/<name>/src). */
function schemaOf(name) {
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ts$/.test(e.name) && !/spec\.ts$/.test(e.name)) files.push(p);
    }
  };
  walk(path.join(REPO, 'services', name, 'src'));
  for (const f of files) {
    const m = fs.readFileSync(f, 'utf8').match(/^\s+schema: '([a-z_][a-z0-9_]*)',$/m);
    if (m) return m[1];
  }
  return null;
}

const envOf = (svc) => {
  const env = svc.environment ?? {};
  return Array.isArray(env) ? Object.fromEntries(env.map((e) => e.split(/=(.*)/s).slice(0, 2))) : env;
};
const depends = (svc) => (Array.isArray(svc.depends_on) ? Object.fromEntries(svc.depends_on.map((d) => [d, {}])) : (svc.depends_on ?? {}));

function main() {
  const services = deployableServices(REPO);
  const topology = codeTopology(REPO);
  const compose = config.services ?? {};
  const report = new Report(`docker-compose.yml — ${Object.keys(compose).length} services (${Object.keys(compose).join(', ')})`);

  for (const name of services) {
    const svc = compose[name];
    const where = `service ${name} (services/${name})`;
    if (!svc) {
      report.fail(`${where}: not in docker-compose.yml — add it like the others (x-service anchor, SERVICE, HTTP_PORT, DATABASE_URL)`);
      continue;
    }
    const env = envOf(svc);
    if (env.SERVICE !== name) report.fail(`${where}: environment SERVICE must be ${name} (the image runs services/$SERVICE/src/main.ts)`);
    for (const v of ['DATABASE_URL', 'HTTP_PORT', 'KAFKA_BROKERS']) if (!env[v]) report.fail(`${where}: environment ${v} is missing`);
    const declared = topology.services[name] ?? {};
    if (declared.grpcPort && !env.GRPC_PORT) report.fail(`${where}: serves gRPC (services/${name}/src/main.ts) but environment GRPC_PORT is missing`);
    if (!declared.grpcPort && env.GRPC_PORT) report.fail(`${where}: GRPC_PORT=${env.GRPC_PORT} but services/${name}/src/main.ts serves no gRPC`);
    const test = [].concat(svc.healthcheck?.test ?? []).join(' ');
    if (!test.includes('/health/ready')) report.fail(`${where}: healthcheck must probe /health/ready`);
    const deps = depends(svc);
    if (deps.postgres?.condition !== 'service_healthy') report.fail(`${where}: depends_on postgres must wait for service_healthy`);
    if (deps.kafka?.condition !== 'service_healthy') report.fail(`${where}: depends_on kafka must wait for service_healthy`);
    if (deps.init?.condition !== 'service_completed_successfully') report.fail(`${where}: depends_on init must wait for service_completed_successfully`);
    if (svc.read_only !== true) report.fail(`${where}: read_only should be true (as in Kubernetes)`);
    if (!(svc.tmpfs ?? []).some((t) => String(t).startsWith('/tmp'))) report.fail(`${where}: needs a tmpfs at /tmp (SWC cache)`);
    if (!svc.image && !svc.build) report.fail(`${where}: neither image nor build`);
    // Its own database role owning its own schema (tools/deploy/compose/postgres-init.sql).
    const schema = schemaOf(name);
    const user = env.DATABASE_URL ? decodeURIComponent(new URL(env.DATABASE_URL).username) : '';
    const sql = fs.readFileSync(INIT_SQL, 'utf8');
    if (!schema) report.fail(`${where}: no \`schema: '…'\` found in services/${name}/src`);
    else if (!new RegExp(`CREATE SCHEMA ${schema}\\s+AUTHORIZATION ${user};`).test(sql)) {
      report.fail(`${where}: ${path.relative(REPO, INIT_SQL)} lacks "CREATE SCHEMA ${schema} AUTHORIZATION ${user};" (the role in its DATABASE_URL)`);
    }
    if (user && !new RegExp(`CREATE ROLE ${user}\\s+LOGIN`).test(sql)) report.fail(`${where}: ${path.relative(REPO, INIT_SQL)} lacks "CREATE ROLE ${user} LOGIN …"`);
  }
  for (const [name, svc] of Object.entries(compose)) {
    if (INFRA.includes(name)) continue;
    if (!services.includes(name)) report.fail(`compose service ${name} has no services/${name} (a removed or misspelt service?)`);
    const env = envOf(svc);
    if (env.SERVICE && env.SERVICE !== name) report.fail(`compose service ${name} runs SERVICE=${env.SERVICE}`);
  }

  const kafka = compose.kafka;
  if (!kafka) report.fail('no kafka service');
  else {
    const env = envOf(kafka);
    if (!/broker/.test(env.KAFKA_PROCESS_ROLES ?? '') || !/controller/.test(env.KAFKA_PROCESS_ROLES ?? '')) report.fail('kafka: KRaft needs KAFKA_PROCESS_ROLES=broker,controller');
    if (env.KAFKA_ZOOKEEPER_CONNECT) report.fail('kafka: ZooKeeper configured; the platform uses KRaft');
    if (String(env.KAFKA_AUTO_CREATE_TOPICS_ENABLE) !== 'false') report.fail('kafka: KAFKA_AUTO_CREATE_TOPICS_ENABLE must be false (topics come from init)');
    if (!kafka.healthcheck) report.fail('kafka: no healthcheck');
  }
  const init = compose.init;
  if (!init) report.fail('no init service (topic creation)');
  else {
    if (![].concat(init.command ?? []).join(' ').includes('create-topics.sh')) report.fail('init: must run create-topics.sh');
    const mounted = (init.volumes ?? []).some((v) => String(typeof v === 'string' ? v.split(':')[0] : v.source).endsWith('k8s/base/topics/create-topics.sh'));
    if (!mounted) report.fail('init: must mount k8s/base/topics/create-topics.sh (one script for compose and Kubernetes)');
    if (depends(init).kafka?.condition !== 'service_healthy') report.fail('init: depends_on kafka must wait for service_healthy');
  }
  if (!compose.postgres?.healthcheck) report.fail('postgres: no healthcheck');
  const gateway = compose.gateway;
  if (gateway) {
    const published = (gateway.ports ?? []).some((p) => (typeof p === 'string' ? /:3000$/.test(p) || p === '3000' : Number(p.target) === 3000));
    if (!published) report.fail('gateway: port 3000 is not published');
    const env = envOf(gateway);
    if (topology.gatewayBackends.length === 0) report.fail("gateway: no env.string('<X>_GRPC', …) found in services/gateway/src/main.ts (the check's pattern is outdated?)");
    for (const { variable, service: target } of topology.gatewayBackends) {
      if (!topology.services[target]?.grpcPort) report.fail(`gateway: reads ${variable}, but services/${target}/src/main.ts serves no gRPC`);
      const grpcPort = envOf(compose[target] ?? {}).GRPC_PORT;
      if (env[variable] !== `${target}:${grpcPort}`) report.fail(`gateway: ${variable}=${env[variable] ?? '(unset)'} but ${target} listens on ${target}:${grpcPort}`);
      if (depends(gateway)[target]?.condition !== 'service_healthy') report.fail(`gateway: depends_on ${target} must wait for service_healthy (it calls it by gRPC)`);
    }
  }
  for (const [name, svc] of Object.entries(compose)) {
    if (name === 'gateway' || INFRA.includes(name)) continue;
    if ((svc.ports ?? []).length) report.fail(`${name}: publishes ports; only the gateway is reachable from outside`);
  }
  process.exit(report.print() ? 0 : 1);
}

main();
