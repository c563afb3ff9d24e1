// Kubernetes schema checks with the npm package kubernetes-models 4.5 (its OpenAPI-generated validators),
// plus what those validators do not do: reject unknown fields, as `kubectl apply --validate=strict` and the
// API server's strict field validation would. Kubernetes' OpenAPI schemas allow additional properties, so
// a typo such as `readinesProbe` passes kubernetes-models; the known fields are read here from the
// package's TypeScript declarations (one interface per type, one `"field"?: Type;` line per field).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

function modelsRoot(nodeModules) {
  return path.join(nodeModules, 'kubernetes-models');
}

/** `apps/v1` + `Deployment` → module path inside kubernetes-models, or null when the group is unknown. */
function modelPath(nodeModules, apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const dir = group ? path.join(modelsRoot(nodeModules), group, version) : path.join(modelsRoot(nodeModules), version);
  const file = path.join(dir, `${kind}.js`);
  return fs.existsSync(file) ? file : null;
}

const typeCache = new Map();

/** The node_modules directory a declaration file was installed in (for `@scope/pkg/…` imports). */
function nodeModulesOf(file) {
  const marker = `${path.sep}node_modules${path.sep}`;
  return file.slice(0, file.lastIndexOf(marker) + marker.length);
}

/** Parses one declaration file: its imports and the fields of its main interface (or a type alias). */
function loadType(dtsFile) {
  if (typeCache.has(dtsFile)) return typeCache.get(dtsFile);
  const text = fs.readFileSync(dtsFile, 'utf8');
  const imports = new Map();
  for (const m of text.matchAll(/^import \{ (\w+) \} from "([^"]+)";$/gm)) {
    const spec = m[2];
    const target = spec.startsWith('.')
      ? path.resolve(path.dirname(dtsFile), `${spec}.d.ts`)
      : path.join(nodeModulesOf(dtsFile), `${spec}.d.ts`);
    imports.set(m[1], target);
  }
  const iface = text.match(/^export interface (\w+)(?: extends [\w, ]+)? \{\n([\s\S]*?)^\}$/m);
  let type;
  if (!iface) {
    type = { alias: true };
  } else {
    const fields = new Map();
    const lines = iface[2].split('\n');
    for (let i = 0; i < lines.length; i += 1) {
      const m = lines[i].match(/^ {4}"([^"]+)"\??: (.*)$/);
      if (!m) continue;
      let expr = m[2];
      if (expr === '{') {
        // { [key: string]: T; }
        const value = lines[i + 1].match(/^\s+\[key: string\]: (.*);$/);
        expr = value ? `Map<${value[1]}>` : 'unknown';
      } else {
        expr = expr.replace(/;$/, '');
      }
      fields.set(m[1], expr);
    }
    type = { fields, imports };
  }
  typeCache.set(dtsFile, type);
  return type;
}

/** Reports every field of `value` that the type declared in `dtsFile` (recursively) does not have. */
function unknownFields(value, dtsFile, where, problems) {
  const type = loadType(dtsFile);
  if (type.alias || !value || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const expr = type.fields.get(key);
    if (expr === undefined) {
      problems.push(`${where}.${key}: unknown field`);
      continue;
    }
    walkExpr(child, expr, type.imports, `${where}.${key}`, problems);
  }
}

function walkExpr(value, expr, imports, where, problems) {
  if (value === null || value === undefined) return;
  let m;
  if ((m = expr.match(/^Array<(.*)>$/))) {
    if (Array.isArray(value)) value.forEach((item, i) => walkExpr(item, m[1], imports, `${where}[${i}]`, problems));
    return;
  }
  if ((m = expr.match(/^Map<(.*)>$/))) {
    if (typeof value === 'object') for (const [k, v] of Object.entries(value)) walkExpr(v, m[1], imports, `${where}[${JSON.stringify(k)}]`, problems);
    return;
  }
  if (/^I\w+$/.test(expr) && imports.has(expr)) {
    unknownFields(value, imports.get(expr), where, problems);
  }
  // string, number, boolean, literal unions: the schema validator checks them.
}

/**
 * Validates one object. Returns a list of problems (empty when valid).
 */
function validateObject(nodeModules, obj) {
  const { apiVersion, kind } = obj ?? {};
  if (!apiVersion || !kind) return ['apiVersion and kind are required'];
  const file = modelPath(nodeModules, apiVersion, kind);
  if (!file) return [`no Kubernetes schema for ${apiVersion} ${kind} in kubernetes-models (unknown or custom resource)`];
  // eslint-disable-next-line import/no-dynamic-require
  const exported = require(file);
  const Model = exported[kind];
  const problems = [];
  try {
    new Model(obj).validate();
  } catch (error) {
    problems.push(...String(error.message ?? error).split(', ').map((s) => s.replace(/^data\//, '')));
  }
  unknownFields(obj, file.replace(/\.js$/, '.d.ts'), kind, problems);
  return problems;
}

module.exports = { validateObject };
