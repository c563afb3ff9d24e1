#!/usr/bin/env node
// For the fallback renderer only: Debian's kubernetes-client (kubectl 1.20) embeds kustomize v2.0.3, which
// predates `resources:` pointing at directories and the unified `patches:` field. This rewrites a copy of
// k8s/ into that older, equivalent syntax (bases, patchesStrategicMerge, patchesJson6902). The files in the
// repository keep the current syntax, which kubectl ≥ 1.27 (kustomize v5) renders without warnings.
// Usage: node kustomize-v2-shim.js <node_modules with yaml> <copied k8s dir>
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [nodeModules, root] = process.argv.slice(2);
const YAML = require(path.join(nodeModules, 'yaml'));

function* kustomizations(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* kustomizations(p);
    else if (entry.name === 'kustomization.yaml') yield p;
  }
}

for (const file of kustomizations(root)) {
  const k = YAML.parse(fs.readFileSync(file, 'utf8'));
  const dir = path.dirname(file);
  const resources = [];
  const bases = [];
  for (const r of k.resources ?? []) (fs.statSync(path.join(dir, r)).isDirectory() ? bases : resources).push(r);
  if (k.resources) k.resources = resources;
  if (bases.length) k.bases = bases;
  if (k.patches) {
    for (const p of k.patches) {
      if (!p.path || p.patch) throw new Error(`${file}: only file patches are supported by the v2 shim`);
      if (p.target) {
        const { group, version, kind, name } = p.target;
        if (!version || !kind || !name) throw new Error(`${file}: a targeted patch needs version, kind and name for kustomize v2`);
        (k.patchesJson6902 ??= []).push({ target: { ...(group ? { group } : {}), version, kind, name }, path: p.path });
      } else {
        (k.patchesStrategicMerge ??= []).push(p.path);
      }
    }
    delete k.patches;
  }
  fs.writeFileSync(file, YAML.stringify(k));
}
