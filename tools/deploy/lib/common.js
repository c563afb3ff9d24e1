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

module.exports = { REPO, deployableServices, selects, selectsMap, Report };
