// Helpers shared by the deployment checks (plain Node, no dependencies).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..', '..');

/**
 * The services that must be deployed: every directory under services/ except the composition root
 * `standalone` (all services in one process, for `npm start`). A new directory is a new service.
 */
function deployableServices(repo = REPO) {
  return fs
    .readdirSync(path.join(repo, 'services'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'standalone')
    .map((d) => d.name)
    .sort();
}

/**
 * The network topology the code declares, read from the entry points (services/<name>/src/main.ts):
 * each service's default HTTP port and gRPC port (`defaultHttpPort: N`, `grpc: { …, defaultPort: N }`), and
 * the gateway's gRPC backends (`env.string('<X>_GRPC', '127.0.0.1:<port>')`; the variable names the service:
 * JOINT_REWARD_PUNISHMENT_GRPC → joint-reward-punishment). Deployments must agree with it.
 */
function codeTopology(repo = REPO) {
  const services = {};
  for (const name of deployableServices(repo)) {
    const file = path.join(repo, 'services', name, 'src', 'main.ts');
    const src = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const http = /defaultHttpPort:\s*(\d+)/.exec(src);
    const grpc = /grpc:\s*\{[^}]*defaultPort:\s*(\d+)/.exec(src);
    services[name] = { httpPort: http ? Number(http[1]) : null, grpcPort: grpc ? Number(grpc[1]) : null };
  }
  const gatewayMain = path.join(repo, 'services', 'gateway', 'src', 'main.ts');
  const gatewaySrc = fs.existsSync(gatewayMain) ? fs.readFileSync(gatewayMain, 'utf8') : '';
  const backends = [...gatewaySrc.matchAll(/env\.string\('([A-Z_]+)_GRPC',\s*'[^':]*:(\d+)'\)/g)].map((m) => ({
    variable: `${m[1]}_GRPC`,
    service: m[1].toLowerCase().replace(/_/g, '-'),
    defaultPort: Number(m[2]),
  }));
  return { services, gatewayBackends: backends };
}

/** Does a Kubernetes label selector (matchLabels + matchExpressions) select these labels? */
function selects(selector, labels = {}) {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    if (e.operator === 'In' && !(has && e.values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** A Service's plain `selector` map. */
function selectsMap(map, labels = {}) {
  if (!map || Object.keys(map).length === 0) return false;
  return Object.entries(map).every(([k, v]) => labels[k] === v);
}

class Report {
  constructor(title) {
    this.title = title;
    this.problems = [];
    this.notes = [];
  }
  fail(message) {
    this.problems.push(message);
  }
  note(message) {
    this.notes.push(message);
  }
  /** Prints the result; returns true when there was no problem. */
  print() {
    for (const n of this.notes) console.log(`  ${n}`);
    if (this.problems.length === 0) {
      console.log(`  OK ${this.title}`);
      return true;
    }
    console.log(`  FAILED ${this.title}: ${this.problems.length} problem(s)`);
    for (const p of this.problems) console.log(`    ✗ ${p}`);
    return false;
  }
}

module.exports = { REPO, deployableServices, codeTopology, selects, selectsMap, Report };
