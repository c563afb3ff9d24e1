#!/usr/bin/env bash
# Offline validation of the deployment artefacts (issue 9): Dockerfile, docker-compose.yml, k8s/.
# No Docker engine and no cluster are needed; it needs Node ≥ 20, the npm registry (once, for the pinned
# validator tools) and the workspace's node_modules (npm install) for the topic check. Idempotent; exits
# non-zero when anything fails, after running every check. Steps:
#   1. pinned validator tools (kubernetes-models 4.5.0, yaml, PromQL grammar) installed with `npm ci`
#      outside the repo, in $DEPLOY_VALIDATE_CACHE (default: $TMPDIR/credit-deploy-validate);
#   2. render k8s/overlays/dev, k8s/overlays/prod, k8s/monitoring (kubectl kustomize, or a fallback:
#      tools/deploy/render.sh says which);
#   3. every rendered object against the Kubernetes schemas (strict fields), references, security
#      baseline, and coverage: every service under services/ has Deployment, Service, probes, resources,
#      PDB and a NetworkPolicy in both overlays;
#   4. alert rules and dashboard: PromQL parses, metric names exist in the code;
#   5. docker-compose.yml with Debian's docker-compose 1.29 (`config -q`, installed when absent) and the
#      same coverage rules for compose;
#   6. Dockerfile / .dockerignore (COPY sources, context, user, CMD);
#   7. the topic script against libs/contracts allTopics().
# Optional, VALIDATE_IMAGE_SMOKE=1: tools/deploy/image-smoke.sh runs every service from the image's file
# layout with production dependencies only, as uid 10001, on a read-only tree (needs PostgreSQL server
# binaries, gcc + librdkafka-dev for the Kafka test broker).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }
failed=()
check() { # check NAME COMMAND…: runs it, remembers a failure, carries on
  local name=$1
  shift
  if ! "$@"; then failed+=("$name"); fi
}

node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' || { echo "Node.js ≥ 20 required" >&2; exit 1; }
cache=${DEPLOY_VALIDATE_CACHE:-${TMPDIR:-/tmp}/credit-deploy-validate}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$cache"

step "validator tools (pinned by tools/deploy/validator.package-lock.json)"
hash=$(cat tools/deploy/validator.package.json tools/deploy/validator.package-lock.json | sha256sum | cut -c1-16)
deps="$cache/deps-$hash"
if [ ! -f "$deps/.installed" ]; then
  tmp="$deps.tmp.$$"
  rm -rf "$tmp" && mkdir -p "$tmp"
  cp tools/deploy/validator.package.json "$tmp/package.json"
  cp tools/deploy/validator.package-lock.json "$tmp/package-lock.json"
  (cd "$tmp" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
  touch "$tmp/.installed"
  rm -rf "$deps" && mv "$tmp" "$deps"
fi
nm="$deps/node_modules"
node -e "for (const p of ['kubernetes-models','yaml','@prometheus-io/lezer-promql']) console.log(p + ' ' + require('$nm/' + p + '/package.json').version)" | paste -sd, | sed 's/,/, /g; s/^/tools: /'

step "render kustomizations (k8s/overlays/dev, k8s/overlays/prod, k8s/monitoring)"
check render bash tools/deploy/render.sh "$work/rendered" "$cache" "$nm"

step "Kubernetes objects: schemas (kubernetes-models, strict fields), references, security, coverage"
rendered=()
for o in dev prod; do [ -f "$work/rendered/$o.yaml" ] && rendered+=(--overlay "$o=$work/rendered/$o.yaml"); done
[ -f "$work/rendered/monitoring.yaml" ] && rendered+=(--monitoring "$work/rendered/monitoring.yaml")
if [ ${#rendered[@]} -gt 0 ]; then
  check kubernetes node tools/deploy/validate-k8s.js --node-modules "$nm" "${rendered[@]}"
fi

step "monitoring: alert rules and Grafana dashboard"
check monitoring node tools/deploy/check-monitoring.js --node-modules "$nm"

step "docker-compose.yml (Debian docker-compose 1.29)"
if ! command -v docker-compose >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq --no-install-recommends docker-compose >/dev/null 2>&1 ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null; }
  fi
fi
if command -v docker-compose >/dev/null 2>&1; then
  echo "  $(docker-compose version --short 2>/dev/null | sed 's/^/docker-compose /')"
  if docker-compose -f docker-compose.yml config -q && docker-compose -f docker-compose.yml config >"$work/compose.yaml" 2>/dev/null; then
    echo "  OK docker-compose config -q"
    check compose node tools/deploy/check-compose.js --node-modules "$nm" --config "$work/compose.yaml"
  else
    echo "  FAILED docker-compose config -q"
    failed+=(compose)
  fi
else
  echo "  FAILED docker-compose is not installed and could not be (Debian package docker-compose)"
  failed+=(compose)
fi

step "Dockerfile and .dockerignore"
check dockerfile node tools/deploy/check-dockerfile.js

step "Kafka topics: k8s/base/topics/create-topics.sh vs libs/contracts/src/topics.ts"
check topics node tools/deploy/check-topics.js

if [ "${VALIDATE_IMAGE_SMOKE:-0}" = 1 ]; then
  step "image smoke: every service from the image layout, production dependencies, uid 10001, read-only"
  check image-smoke bash tools/deploy/image-smoke.sh
fi

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "validate-deploy: FAILED (${failed[*]})"
  exit 1
fi
echo "validate-deploy: all deployment checks passed"
