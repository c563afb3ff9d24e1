#!/usr/bin/env node
// Validates rendered kustomize output (one multi-document YAML file per overlay):
//   1. every object against the Kubernetes schemas (kubernetes-models 4.5) and strict fields;
//   2. references inside the overlay (ConfigMaps, Secrets, Services → pods, named ports, HPAs, PDBs,
//      Ingress backends, NetworkPolicy ports) and namespaces;
//   3. the security baseline (non-root, read-only root fs, no privilege escalation, no capabilities,
//      seccomp RuntimeDefault, resources) on every pod template;
//   4. coverage — the test issue 9 asks for: every service under services/ (except standalone) has a
//      Deployment, a Service, liveness/readiness/startup probes, resources, a PodDisruptionBudget and a
//      NetworkPolicy that names it, in every overlay; and nothing is deployed that is not a service.
//   5. topology — the ports the code declares (services/*/src/main.ts): every service that serves gRPC has
//      GRPC_PORT, a container port and a Service port named grpc; every <X>_GRPC variable the gateway reads is
//      set (env or ConfigMap) to <service>:<its Service's grpc port>, and the NetworkPolicies let the gateway
//      reach that port (gateway egress and the service's ingress).
// Usage: node validate-k8s.js --node-modules DIR --overlay dev=FILE [--overlay prod=FILE] [--monitoring FILE]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { REPO, codeTopology, deployableServices, selects, selectsMap, Report } = require('./lib/common');
const { validateObject } = require('./lib/k8s-schema');

/** What each overlay must look like. */
const OVERLAYS = {
  dev: { namespace: 'credit-dev', externalSecrets: [], pinnedImages: false },
  // Secrets that the cluster's secret manager provides (never committed).
  prod: { namespace: 'credit-prod', externalSecrets: ['credit-database', 'credit-gateway-tls'], pinnedImages: true },
};
/** The issue asks for autoscaling on the check path. */
const HPA_REQUIRED = ['gateway', 'credit-check'];
/** Jobs every overlay must have. */
const JOBS_REQUIRED = ['create-topics'];
const NAME_LABEL = 'app.kubernetes.io/name';
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'IngressClass']);

function parseArgs(argv) {
  const args = { overlays: [], monitoring: null, nodeModules: null };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--overlay') {
      const [name, file] = argv[++i].split('=');
      args.overlays.push({ name, file });
    } else if (a === '--monitoring') args.monitoring = argv[++i];
    else if (a === '--node-modules') args.nodeModules = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.nodeModules) throw new Error('--node-modules DIR is required');
  return args;
}

function loadDocs(yamlLib, file) {
  const docs = yamlLib.parseAllDocuments(fs.readFileSync(file, 'utf8'));
  const objects = [];
  for (const doc of docs) {
    if (doc.errors.length) throw new Error(`${file}: YAML error: ${doc.errors[0].message}`);
    const obj = doc.toJS();
    if (obj) objects.push(obj);
  }
  return objects;
}

const id = (o) => `${o.kind}/${o.metadata?.name}`;

/** Pod templates with their owner: Deployments, StatefulSets, DaemonSets, Jobs, CronJobs. */
function podTemplates(objects) {
  const out = [];
  for (const o of objects) {
    if (['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(o.kind)) out.push({ owner: o, template: o.spec?.template });
    if (o.kind === 'CronJob') out.push({ owner: o, template: o.spec?.jobTemplate?.spec?.template });
  }
  return out.filter((t) => t.template);
}

function containerPorts(template) {
  const ports = new Map();
  for (const c of template.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name) ports.set(p.name, p.containerPort);
  return ports;
}

function checkSchemas(objects, nodeModules, report) {
  for (const o of objects) for (const p of validateObject(nodeModules, o)) report.fail(`${id(o)}: ${p}`);
}

function checkNamespacesAndNames(objects, expected, report) {
  const seen = new Set();
  for (const o of objects) {
    const key = `${o.apiVersion}/${id(o)}`;
    if (seen.has(key)) report.fail(`${id(o)}: defined twice`);
    seen.add(key);
    if (o.kind === 'Namespace') {
      if (o.metadata.name !== expected) report.fail(`Namespace ${o.metadata.name}: expected ${expected}`);
      if (o.metadata.labels?.['pod-security.kubernetes.io/enforce'] !== 'restricted') report.fail(`Namespace ${o.metadata.name}: pod-security.kubernetes.io/enforce should be restricted`);
    } else if (!CLUSTER_SCOPED.has(o.kind) && o.metadata?.namespace !== expected) {
      report.fail(`${id(o)}: namespace ${o.metadata?.namespace ?? '(none)'}, expected ${expected}`);
    }
  }
  if (!objects.some((o) => o.kind === 'Namespace')) report.fail(`no Namespace object ${expected}`);
}

function checkReferences(objects, overlay, report) {
  const byKind = (k) => objects.filter((o) => o.kind === k);
  const names = (k) => new Set(byKind(k).map((o) => o.metadata.name));
  const configMaps = names('ConfigMap');
  const secrets = new Set([...names('Secret'), ...overlay.externalSecrets]);
  const services = byKind('Service');
  const templates = podTemplates(objects);

  for (const { owner, template } of templates) {
    const spec = template.spec ?? {};
    const where = id(owner);
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      for (const e of c.envFrom ?? []) {
        if (e.configMapRef && !configMaps.has(e.configMapRef.name)) report.fail(`${where}: envFrom ConfigMap ${e.configMapRef.name} does not exist`);
        if (e.secretRef && !secrets.has(e.secretRef.name)) report.fail(`${where}: envFrom Secret ${e.secretRef.name} does not exist`);
      }
      for (const e of c.env ?? []) {
        const cm = e.valueFrom?.configMapKeyRef;
        const s = e.valueFrom?.secretKeyRef;
        if (cm) {
          const obj = byKind('ConfigMap').find((o) => o.metadata.name === cm.name);
          if (!obj) report.fail(`${where}: env ${e.name}: ConfigMap ${cm.name} does not exist`);
          else if (!(cm.key in (obj.data ?? {}))) report.fail(`${where}: env ${e.name}: ConfigMap ${cm.name} has no key ${cm.key}`);
        }
        if (s && !secrets.has(s.name)) report.fail(`${where}: env ${e.name}: Secret ${s.name} does not exist`);
        if (s) {
          const obj = byKind('Secret').find((o) => o.metadata.name === s.name);
          if (obj && !(s.key in { ...(obj.data ?? {}), ...(obj.stringData ?? {}) })) report.fail(`${where}: env ${e.name}: Secret ${s.name} has no key ${s.key}`);
        }
      }
      const ports = containerPorts(template);
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
        const port = c[probe]?.httpGet?.port;
        if (typeof port === 'string' && !ports.has(port)) report.fail(`${where}: ${probe} uses port ${port}, which no container declares`);
      }
      const mounts = new Set((c.volumeMounts ?? []).map((m) => m.name));
      for (const m of mounts) if (!(spec.volumes ?? []).some((v) => v.name === m)) report.fail(`${where}: volumeMount ${m} has no volume`);
    }
    for (const v of spec.volumes ?? []) {
      if (v.configMap && !configMaps.has(v.configMap.name)) report.fail(`${where}: volume ${v.name}: ConfigMap ${v.configMap.name} does not exist`);
      if (v.secret && !secrets.has(v.secret.secretName)) report.fail(`${where}: volume ${v.name}: Secret ${v.secret.secretName} does not exist`);
    }
  }

  for (const svc of services) {
    const matched = templates.filter((t) => selectsMap(svc.spec?.selector, t.template.metadata?.labels));
    if (matched.length === 0) report.fail(`${id(svc)}: selector matches no pod template`);
    for (const p of svc.spec?.ports ?? []) {
      if (typeof p.targetPort === 'string' && !matched.some((t) => containerPorts(t.template).has(p.targetPort))) {
        report.fail(`${id(svc)}: targetPort ${p.targetPort} is not a named port of the selected pods`);
      }
    }
  }

  for (const hpa of byKind('HorizontalPodAutoscaler')) {
    const ref = hpa.spec.scaleTargetRef;
    const target = objects.find((o) => o.kind === ref.kind && o.metadata.name === ref.name);
    if (!target) report.fail(`${id(hpa)}: scale target ${ref.kind}/${ref.name} does not exist`);
    else if (target.spec.replicas !== undefined) report.note(`note: ${id(target)} sets replicas although ${id(hpa)} owns them`);
    if (hpa.spec.minReplicas > hpa.spec.maxReplicas) report.fail(`${id(hpa)}: minReplicas > maxReplicas`);
    if (target && !(target.spec.template.spec.containers ?? []).every((c) => c.resources?.requests?.cpu)) {
      report.fail(`${id(hpa)}: scales on CPU but ${id(target)} has a container without a CPU request`);
    }
  }

  for (const pdb of byKind('PodDisruptionBudget')) {
    if (!templates.some((t) => selects(pdb.spec.selector, t.template.metadata?.labels))) report.fail(`${id(pdb)}: selector matches no pod template`);
  }

  for (const ing of byKind('Ingress')) {
    for (const rule of ing.spec.rules ?? []) {
      for (const p of rule.http?.paths ?? []) {
        const b = p.backend.service;
        const svc = services.find((s) => s.metadata.name === b.name);
        if (!svc) report.fail(`${id(ing)}: backend Service ${b.name} does not exist`);
        else if (b.port.name && !svc.spec.ports.some((sp) => sp.name === b.port.name)) report.fail(`${id(ing)}: Service ${b.name} has no port named ${b.port.name}`);
        else if (b.port.number && !svc.spec.ports.some((sp) => sp.port === b.port.number)) report.fail(`${id(ing)}: Service ${b.name} has no port ${b.port.number}`);
      }
    }
    for (const tls of ing.spec.tls ?? []) if (!secrets.has(tls.secretName)) report.fail(`${id(ing)}: TLS Secret ${tls.secretName} neither rendered nor declared external`);
  }

  for (const np of byKind('NetworkPolicy')) {
    const selected = templates.filter((t) => selects(np.spec.podSelector, t.template.metadata?.labels));
    if (selected.length === 0) report.fail(`${id(np)}: podSelector matches no pod template`);
    for (const rule of np.spec.egress ?? []) {
      const peers = (rule.to ?? []).filter((t) => t.podSelector && !t.namespaceSelector);
      for (const peer of peers) {
        const targets = templates.filter((t) => selects(peer.podSelector, t.template.metadata?.labels));
        if (targets.length === 0) report.fail(`${id(np)}: egress podSelector ${JSON.stringify(peer.podSelector)} matches no pod template`);
        for (const p of rule.ports ?? []) {
          if (typeof p.port === 'number' && !targets.some((t) => [...containerPorts(t.template).values()].includes(p.port))) {
            report.fail(`${id(np)}: egress port ${p.port} is not a container port of the pods it allows`);
          }
        }
      }
    }
    for (const rule of np.spec.ingress ?? []) {
      for (const p of rule.ports ?? []) {
        if (typeof p.port === 'string' && !selected.every((t) => containerPorts(t.template).has(p.port))) {
          report.fail(`${id(np)}: ingress port ${p.port} is not a named port of every selected pod`);
        }
      }
    }
  }
}

function checkSecurity(objects, report) {
  for (const { owner, template } of podTemplates(objects)) {
    const spec = template.spec ?? {};
    const where = id(owner);
    const pod = spec.securityContext ?? {};
    if (pod.runAsNonRoot !== true) report.fail(`${where}: securityContext.runAsNonRoot must be true`);
    if (!(pod.runAsUser > 0)) report.fail(`${where}: securityContext.runAsUser must be a non-zero uid (names cannot be verified as non-root)`);
    if (spec.automountServiceAccountToken !== false) report.fail(`${where}: automountServiceAccountToken must be false (no service needs the API)`);
    if (spec.hostNetwork || spec.hostPID || spec.hostIPC) report.fail(`${where}: host namespaces are not allowed`);
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      const sc = c.securityContext ?? {};
      const cw = `${where} container ${c.name}`;
      if (sc.allowPrivilegeEscalation !== false) report.fail(`${cw}: allowPrivilegeEscalation must be false`);
      if (sc.readOnlyRootFilesystem !== true) report.fail(`${cw}: readOnlyRootFilesystem must be true`);
      if (sc.privileged) report.fail(`${cw}: privileged`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) report.fail(`${cw}: capabilities.drop must include ALL`);
      if ((sc.capabilities?.add ?? []).length) report.fail(`${cw}: adds capabilities ${sc.capabilities.add}`);
      const seccomp = sc.seccompProfile?.type ?? pod.seccompProfile?.type;
      if (!['RuntimeDefault', 'Localhost'].includes(seccomp)) report.fail(`${cw}: seccompProfile must be RuntimeDefault`);
      const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === '/tmp');
      const tmpVolume = tmp && (spec.volumes ?? []).find((v) => v.name === tmp.name);
      if (!tmpVolume?.emptyDir) report.fail(`${cw}: read-only root needs an emptyDir at /tmp (SWC cache, JVM hsperfdata)`);
      const r = c.resources ?? {};
      if (!r.requests?.cpu || !r.requests?.memory || !r.limits?.memory) report.fail(`${cw}: resources need requests.cpu, requests.memory and limits.memory`);
      if (!c.image || c.image.includes('${')) report.fail(`${cw}: image ${c.image} is not set`);
    }
  }
}

function checkImages(objects, overlay, report) {
  for (const { owner, template } of podTemplates(objects)) {
    for (const c of template.spec?.containers ?? []) {
      const image = c.image ?? '';
      const digest = image.includes('@sha256:');
      const tag = digest ? null : image.slice(image.lastIndexOf('/') + 1).split(':')[1];
      if (!digest && !tag) report.fail(`${id(owner)} container ${c.name}: image ${image} has no tag`);
      if (overlay.pinnedImages && !digest && !/^v?\d+\.\d+\.\d+([.-][\w.]+)?$/.test(tag ?? '')) {
        report.fail(`${id(owner)} container ${c.name}: image ${image} must be pinned to a release tag or digest`);
      }
    }
  }
}

/** The issue's test: every service in code is deployed with the full set of objects, and only services are. */
function checkCoverage(objects, services, overlayName, report) {
  const deployments = objects.filter((o) => o.kind === 'Deployment');
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const how = (svc) => `add k8s/base/services/${svc}.yaml (Deployment + Service), list it in k8s/base/kustomization.yaml, and add ${svc} to policies/pdb.yaml and to the NetworkPolicy credit-services-baseline`;
  for (const svc of services) {
    const where = `service ${svc} (services/${svc}), overlay ${overlayName}`;
    const dep = deployments.find((d) => d.metadata.name === svc);
    if (!dep) {
      report.fail(`${where}: no Deployment "${svc}" — ${how(svc)}`);
      continue;
    }
    const labels = dep.spec.template.metadata?.labels ?? {};
    if (labels[NAME_LABEL] !== svc) report.fail(`${where}: pod template label ${NAME_LABEL} must be ${svc}`);
    if (!objects.some((o) => o.kind === 'Service' && selectsMap(o.spec?.selector, labels))) report.fail(`${where}: no Service selects its pods`);
    const containers = dep.spec.template.spec.containers ?? [];
    const main = containers.find((c) => (c.env ?? []).some((e) => e.name === 'SERVICE' && e.value === svc));
    if (!main) {
      report.fail(`${where}: no container with env SERVICE=${svc} (the image runs services/$SERVICE/src/main.ts)`);
    } else {
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) if (!main[probe]) report.fail(`${where}: container ${main.name} has no ${probe}`);
      if (main.readinessProbe && main.readinessProbe.httpGet?.path !== '/health/ready') report.fail(`${where}: readinessProbe should GET /health/ready`);
      if (main.livenessProbe && main.livenessProbe.httpGet?.path !== '/health/live') report.fail(`${where}: livenessProbe should GET /health/live`);
      const r = main.resources ?? {};
      if (!r.requests?.cpu || !r.requests?.memory || !r.limits?.memory) report.fail(`${where}: container ${main.name} lacks resources (requests cpu+memory, limits memory)`);
      const env = Object.fromEntries((main.env ?? []).filter((e) => 'value' in e).map((e) => [e.name, e.value]));
      const ports = containerPorts(dep.spec.template);
      if (String(ports.get('http')) !== env.HTTP_PORT) report.fail(`${where}: container port "http" (${ports.get('http')}) differs from HTTP_PORT (${env.HTTP_PORT})`);
      if (ports.has('grpc') && String(ports.get('grpc')) !== env.GRPC_PORT) report.fail(`${where}: container port "grpc" (${ports.get('grpc')}) differs from GRPC_PORT (${env.GRPC_PORT})`);
      const scrapePort = dep.spec.template.metadata?.annotations?.['prometheus.io/port'];
      if (scrapePort !== env.HTTP_PORT) report.fail(`${where}: prometheus.io/port (${scrapePort}) differs from HTTP_PORT (${env.HTTP_PORT})`);
      if (!(main.env ?? []).some((e) => e.name === 'DATABASE_URL')) report.fail(`${where}: no DATABASE_URL (required in cluster mode)`);
    }
    const named = policies.filter((np) => {
      const s = np.spec.podSelector ?? {};
      const explicit = s.matchLabels?.[NAME_LABEL] === svc || (s.matchExpressions ?? []).some((e) => e.key === NAME_LABEL && e.operator === 'In' && e.values.includes(svc));
      return explicit && selects(s, labels);
    });
    if (named.length === 0) report.fail(`${where}: no NetworkPolicy names it (add it to credit-services-baseline)`);
    const types = new Set(policies.filter((np) => selects(np.spec.podSelector, labels)).flatMap((np) => np.spec.policyTypes ?? []));
    if (!types.has('Ingress') || !types.has('Egress')) report.fail(`${where}: its pods need both Ingress and Egress policies`);
    if (!objects.some((o) => o.kind === 'PodDisruptionBudget' && selects(o.spec.selector, labels))) report.fail(`${where}: no PodDisruptionBudget`);
  }
  for (const svc of HPA_REQUIRED) {
    if (services.includes(svc) && !objects.some((o) => o.kind === 'HorizontalPodAutoscaler' && o.spec.scaleTargetRef.name === svc)) {
      report.fail(`overlay ${overlayName}: no HorizontalPodAutoscaler for ${svc}`);
    }
  }
  for (const job of JOBS_REQUIRED) if (!objects.some((o) => o.kind === 'Job' && o.metadata.name === job)) report.fail(`overlay ${overlayName}: no Job ${job}`);
  for (const d of deployments) {
    if (!services.includes(d.metadata.name)) report.fail(`overlay ${overlayName}: Deployment ${d.metadata.name} has no services/${d.metadata.name} (a removed or misspelt service?)`);
  }
  if (!policies.some((np) => Object.keys(np.spec.podSelector ?? {}).length === 0 && (np.spec.policyTypes ?? []).includes('Ingress') && (np.spec.policyTypes ?? []).includes('Egress') && !np.spec.ingress && !np.spec.egress)) {
    report.fail(`overlay ${overlayName}: no default-deny NetworkPolicy (empty podSelector, Ingress+Egress, no rules)`);
  }
}

/** Does a NetworkPolicy port entry cover this container port (number or the container's port name)? */
const coversPort = (entry, name, number) => entry === undefined || entry === number || entry === name;

/** The gateway → services topology of the code, as deployed. */
function checkTopology(objects, topology, overlayName, report) {
  const deployments = objects.filter((o) => o.kind === 'Deployment');
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const mainContainer = (svc) => (deployments.find((d) => d.metadata.name === svc)?.spec.template.spec.containers ?? []).find((c) => (c.env ?? []).some((e) => e.name === 'SERVICE' && e.value === svc));
  const podLabels = (svc) => deployments.find((d) => d.metadata.name === svc)?.spec.template.metadata?.labels ?? {};
  for (const [svc, declared] of Object.entries(topology.services)) {
    const where = `service ${svc}, overlay ${overlayName}`;
    const dep = deployments.find((d) => d.metadata.name === svc);
    const main = mainContainer(svc);
    if (!dep || !main) continue; // reported by the coverage check
    const env = Object.fromEntries((main.env ?? []).filter((e) => 'value' in e).map((e) => [e.name, e.value]));
    const ports = containerPorts(dep.spec.template);
    if (declared.httpPort && env.HTTP_PORT !== String(declared.httpPort)) report.note(`note: ${where}: HTTP_PORT ${env.HTTP_PORT} differs from the code's default ${declared.httpPort}`);
    if (!declared.grpcPort) {
      if (ports.has('grpc') || env.GRPC_PORT) report.fail(`${where}: declares a gRPC port but services/${svc}/src/main.ts serves no gRPC`);
      continue;
    }
    if (!env.GRPC_PORT) report.fail(`${where}: serves gRPC (services/${svc}/src/main.ts) but its container has no GRPC_PORT`);
    if (!ports.has('grpc')) report.fail(`${where}: serves gRPC but its pod template has no container port named grpc`);
    const service = objects.find((o) => o.kind === 'Service' && selectsMap(o.spec?.selector, podLabels(svc)));
    if (service && !(service.spec.ports ?? []).some((p) => p.name === 'grpc' && (p.targetPort === 'grpc' || p.targetPort === ports.get('grpc')))) {
      report.fail(`${where}: Service ${service.metadata.name} has no port named grpc targeting the container's grpc port`);
    }
  }

  const gateway = mainContainer('gateway');
  if (!gateway) return;
  if (topology.gatewayBackends.length === 0) report.fail("gateway: no env.string('<X>_GRPC', …) found in services/gateway/src/main.ts (the check's pattern is outdated?)");
  const env = {};
  for (const e of gateway.envFrom ?? []) {
    const cm = e.configMapRef && objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === e.configMapRef.name);
    Object.assign(env, cm?.data ?? {});
  }
  for (const e of gateway.env ?? []) if ('value' in e) env[e.name] = e.value;
  const gatewayLabels = podLabels('gateway');
  for (const { variable, service: target } of topology.gatewayBackends) {
    const where = `gateway → ${target} (${variable}), overlay ${overlayName}`;
    const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === target);
    const servicePort = service?.spec.ports?.find((p) => p.name === 'grpc')?.port;
    if (!servicePort) {
      report.fail(`${where}: no Service ${target} with a port named grpc`);
      continue;
    }
    if (env[variable] !== `${target}:${servicePort}`) report.fail(`${where}: ${variable}=${env[variable] ?? '(unset)'}, expected ${target}:${servicePort} (add it to the configMapGenerator credit-config)`);
    const dep = deployments.find((d) => d.metadata.name === target);
    if (!dep) continue;
    const targetLabels = podLabels(target);
    const containerPort = containerPorts(dep.spec.template).get('grpc');
    const egress = policies.some(
      (np) =>
        selects(np.spec.podSelector, gatewayLabels) &&
        (np.spec.egress ?? []).some(
          (rule) =>
            (rule.to ?? []).some((peer) => peer.podSelector && !peer.namespaceSelector && selects(peer.podSelector, targetLabels)) &&
            (rule.ports ?? [{}]).some((p) => coversPort(p.port, 'grpc', containerPort)),
        ),
    );
    if (!egress) report.fail(`${where}: no NetworkPolicy lets the gateway's pods reach ${target}'s pods on port ${containerPort} (add it to gateway-to-services)`);
    const ingress = policies.some(
      (np) =>
        selects(np.spec.podSelector, targetLabels) &&
        (np.spec.ingress ?? []).some(
          (rule) =>
            (rule.from ?? []).some((peer) => peer.podSelector && !peer.namespaceSelector && selects(peer.podSelector, gatewayLabels)) &&
            (rule.ports ?? [{}]).some((p) => coversPort(p.port, 'grpc', containerPort)),
        ),
    );
    if (!ingress) report.fail(`${where}: no NetworkPolicy lets ${target}'s pods accept the gateway on port grpc (add it to services-from-gateway)`);
  }
}

function counts(objects) {
  const c = {};
  for (const o of objects) c[o.kind] = (c[o.kind] ?? 0) + 1;
  return Object.entries(c)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const yamlLib = require(path.join(args.nodeModules, 'yaml'));
  const services = deployableServices(REPO);
  const topology = codeTopology(REPO);
  console.log(`services in code (services/ except standalone): ${services.join(', ')}`);
  let ok = true;
  for (const { name, file } of args.overlays) {
    const overlay = OVERLAYS[name];
    if (!overlay) throw new Error(`no expectations for overlay ${name} in validate-k8s.js`);
    const objects = loadDocs(yamlLib, file);
    const report = new Report(`overlay ${name} — ${objects.length} objects (${counts(objects)})`);
    checkSchemas(objects, args.nodeModules, report);
    checkNamespacesAndNames(objects, overlay.namespace, report);
    checkReferences(objects, overlay, report);
    checkSecurity(objects, report);
    checkImages(objects, overlay, report);
    checkCoverage(objects, services, name, report);
    checkTopology(objects, topology, name, report);
    ok = report.print() && ok;
  }
  if (args.monitoring) {
    const objects = loadDocs(yamlLib, args.monitoring);
    const report = new Report(`monitoring — ${objects.length} objects (${counts(objects)})`);
    checkSchemas(objects, args.nodeModules, report);
    for (const o of objects) if (o.metadata?.namespace !== 'monitoring') report.fail(`${id(o)}: namespace should be monitoring`);
    const dash = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'credit-platform-dashboard');
    if (dash?.metadata.labels?.grafana_dashboard !== '1') report.fail('ConfigMap credit-platform-dashboard lacks label grafana_dashboard=1 (Grafana sidecar)');
    ok = report.print() && ok;
  }
  process.exit(ok ? 0 : 1);
}

main();
