#!/usr/bin/env node
// Checks k8s/monitoring: the Prometheus rules file and the Grafana dashboard.
//   - every expression parses as PromQL (Prometheus' own lezer grammar, @prometheus-io/lezer-promql);
//   - every credit_* metric they use is one the services expose (libs/runtime/src/metrics/metrics.ts),
//     histograms with their _bucket/_sum/_count series;
//   - rules have alert, expr, a valid `for`, a severity and a summary; the dashboard is valid JSON with
//     unique panel ids.
// Usage: node check-monitoring.js --node-modules DIR
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { REPO, Report } = require('./lib/common');

const nodeModules = process.argv[process.argv.indexOf('--node-modules') + 1];
const YAML = require(path.join(nodeModules, 'yaml'));
const { parser } = require(path.join(nodeModules, '@prometheus-io/lezer-promql'));

const RULES = path.join(REPO, 'k8s/monitoring/credit-platform.rules.yml');
const DASHBOARD = path.join(REPO, 'k8s/monitoring/credit-platform-dashboard.json');
const METRICS_TS = path.join(REPO, 'libs/runtime/src/metrics/metrics.ts');

/** TypeScript sources under a directory (recursively). */
function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [full] : [];
  });
}

/** Metric series names the services expose, from the metric definitions in code (the shared ones and a service's own). */
function exposedSeries() {
  const series = new Set();
  const files = [METRICS_TS, ...sources(path.join(REPO, 'services'))];
  for (const file of files) {
    const src = fs.readFileSync(file, 'utf8');
    for (const m of src.matchAll(/(histogram|counter|gauge)\('(credit_\w+)'/gi)) {
      const kind = m[1].toLowerCase();
      if (kind === 'histogram') for (const s of ['_bucket', '_sum', '_count']) series.add(m[2] + s);
      else series.add(m[2]);
    }
  }
  return series;
}

function promqlErrors(expr) {
  // Grafana's variables are not PromQL: replace the range ones by a duration before parsing.
  const text = expr.replace(/\$__(rate_)?interval|\$__range/g, '5m');
  const errors = [];
  parser.parse(text).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(node.from);
    },
  });
  return errors.map((at) => `PromQL syntax error at ${at}: …${text.slice(Math.max(0, at - 20), at + 20)}…`);
}

function checkExpr(expr, where, series, report, used) {
  for (const e of promqlErrors(expr)) report.fail(`${where}: ${e}`);
  for (const m of expr.matchAll(/\b(credit_\w+)/g)) {
    used.add(m[1]);
    if (!series.has(m[1])) report.fail(`${where}: metric ${m[1]} is not exposed by the services (${path.relative(REPO, METRICS_TS)})`);
  }
}

function main() {
  const series = exposedSeries();
  const used = new Set();
  const report = new Report('monitoring: alert rules and dashboard');
  if (series.size === 0) report.fail(`no metric definitions found in ${METRICS_TS}`);

  const rules = YAML.parse(fs.readFileSync(RULES, 'utf8'));
  let alerts = 0;
  for (const group of rules.groups ?? []) {
    if (!group.name) report.fail('a rule group has no name');
    for (const rule of group.rules ?? []) {
      const where = `rules ${group.name}/${rule.alert ?? rule.record}`;
      if (!rule.alert && !rule.record) report.fail(`${where}: neither alert nor record`);
      if (typeof rule.expr !== 'string' || !rule.expr.trim()) {
        report.fail(`${where}: no expr`);
        continue;
      }
      checkExpr(rule.expr, where, series, report, used);
      if (rule.alert) {
        alerts += 1;
        if (rule.for !== undefined && !/^(\d+(ms|s|m|h|d|w|y))+$/.test(rule.for)) report.fail(`${where}: for "${rule.for}" is not a duration`);
        if (!['warning', 'critical', 'info'].includes(rule.labels?.severity)) report.fail(`${where}: labels.severity must be warning, critical or info`);
        if (!rule.annotations?.summary) report.fail(`${where}: annotations.summary is missing`);
      }
      const known = new Set(['alert', 'record', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);
      for (const k of Object.keys(rule)) if (!known.has(k)) report.fail(`${where}: unknown field ${k}`);
    }
  }

  const dashboard = JSON.parse(fs.readFileSync(DASHBOARD, 'utf8'));
  const ids = new Set();
  let targets = 0;
  const panels = (dashboard.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
  for (const panel of panels) {
    if (ids.has(panel.id)) report.fail(`dashboard: panel id ${panel.id} used twice`);
    ids.add(panel.id);
    for (const t of panel.targets ?? []) {
      targets += 1;
      checkExpr(t.expr, `dashboard panel "${panel.title}" ${t.refId}`, series, report, used);
    }
  }
  for (const v of dashboard.templating?.list ?? []) {
    const q = typeof v.query === 'string' ? v.query : v.query?.query;
    const inner = q?.match(/^label_values\((.*),\s*\w+\)$/);
    if (inner) checkExpr(inner[1], `dashboard variable ${v.name}`, series, report, used);
  }
  if (!dashboard.uid || !dashboard.title) report.fail('dashboard: uid and title are required');

  report.note(`rules: ${alerts} alerts in ${(rules.groups ?? []).length} groups; dashboard: ${panels.length} panels, ${targets} queries; credit_* series used: ${[...used].sort().join(', ')}`);
  process.exit(report.print() ? 0 : 1);
}

main();
