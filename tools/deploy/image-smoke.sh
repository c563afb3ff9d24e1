#!/usr/bin/env bash
# The nearest thing to `docker build && docker compose up` without a Docker engine:
#   1. lays out the runtime image's /app from the Dockerfile's COPY instructions and .dockerignore
#      (check-dockerfile.js --assemble) and installs production dependencies the way the deps stage does;
#   2. starts a private PostgreSQL 15 initialised with docker-compose's tools/deploy/compose/postgres-init.sql
#      (one role and schema per service) and the Kafka test broker (tools/kafka-test-broker) with every topic;
#   3. runs every service from that tree as in docker-compose.yml (SERVICE, ports, its own DATABASE_URL),
#      as uid 10001 with the tree owned by root and read-only, TMPDIR the only writable place;
#   4. waits for /health/ready, reads /metrics, runs the admin CLI from the image (create-client), runs the
#      API slice of .ci/smoke.sh through the gateway (OAuth2 token, a record, a GraphQL check that finds it
#      through Kafka), checks nothing was written into the tree, and stops every service with SIGTERM.
# Needs root (to switch to uid 10001 and run PostgreSQL as `postgres`), PostgreSQL server binaries, and gcc +
# librdkafka-dev for the test broker. IMAGE_SMOKE_REF=<git ref> takes the code (libs, services, proto, package
# files) from that commit instead of the working tree; the deployment files always come from the working tree.
# Usage: image-smoke.sh [NODE_MODULES_WITH_YAML]   (run by .ci/validate-deploy.sh when VALIDATE_IMAGE_SMOKE=1)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache=${DEPLOY_VALIDATE_CACHE:-${TMPDIR:-/tmp}/credit-deploy-validate}
[ "$(id -u)" = 0 ] || { echo "image-smoke: needs root (uid switch, PostgreSQL as postgres)" >&2; exit 1; }
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$pg_bin/initdb" ] || { echo "image-smoke: PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/credit-image-smoke.XXXXXX")
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/pg/postmaster.pid" ] && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# --- 1. the image's file layout -----------------------------------------------------------------------
src="$repo"
if [ -n "${IMAGE_SMOKE_REF:-}" ]; then
  src="$work/src"
  mkdir -p "$src"
  git -C "$repo" archive "$IMAGE_SMOKE_REF" | tar -x -C "$src"
  cp "$repo/Dockerfile" "$repo/.dockerignore" "$src/"
  mkdir -p "$src/tools/deploy" && cp -r "$repo/tools/deploy/." "$src/tools/deploy/"
  echo "image-smoke: code from $IMAGE_SMOKE_REF ($(git -C "$repo" rev-parse --short "$IMAGE_SMOKE_REF")), deployment files from the working tree"
fi
app="$work/app"
node "$src/tools/deploy/check-dockerfile.js" --assemble "$app" >/dev/null
deps_key=$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -c1-16)
deps="$cache/prod-deps-$deps_key"
if [ ! -d "$deps/node_modules" ]; then
  rm -rf "$deps.tmp" && mkdir -p "$deps.tmp"
  cp "$src/package.json" "$src/package-lock.json" "$deps.tmp/"
  # The Dockerfile's deps stage, verbatim.
  (cd "$deps.tmp" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  rm -rf "$deps" && mv "$deps.tmp" "$deps"
fi
cp -a "$deps/node_modules" "$app/node_modules"
chown -R root:root "$app" && chmod -R a-w,a+rX "$app"
echo "image-smoke: /app assembled ($(find "$app" -path "$app/node_modules" -prune -o -type f -print | wc -l) files + $(ls "$app/node_modules" | wc -l) production packages, typescript $(node -p "require('$app/node_modules/typescript/package.json').version" 2>/dev/null || echo MISSING))"

# --- 2. PostgreSQL (compose's init SQL) and Kafka (test broker) -----------------------------------------
pg_port=$(free_port)
mkdir -p "$work/pg" "$work/pgsock" && chown postgres "$work/pg" "$work/pgsock"
runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pgsock/log" -w \
  -o "-p $pg_port -k $work/pgsock -c listen_addresses=127.0.0.1" start >/dev/null
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql_ -d postgres -c 'CREATE DATABASE credit'
psql_ -d credit -f "$src/tools/deploy/compose/postgres-init.sql"
echo "image-smoke: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port, roles and schemas from tools/deploy/compose/postgres-init.sql"

broker_bin="$repo/tools/kafka-test-broker/bin/kafka-test-broker"
bash "$repo/tools/kafka-test-broker/build.sh" >/dev/null
topics=$(cd "$app" && TMPDIR="$work" node -r ./tools/register.js -e "const t=require('./libs/contracts/src/topics.ts');console.log(t.allTopics().map(n=>n+':'+t.DEFAULT_PARTITIONS).join(','))" | tail -1)
mkfifo "$work/broker.in"
sleep infinity >"$work/broker.in" &
pids+=($!)
"$broker_bin" --brokers 1 --topics "$topics" <"$work/broker.in" >"$work/broker.out" 2>"$work/broker.err" &
pids+=($!)
for _ in $(seq 1 100); do grep -q READY "$work/broker.out" 2>/dev/null && break; sleep 0.1; done
bootstrap=$(sed -n 's/^BOOTSTRAP //p' "$work/broker.out")
[ -n "$bootstrap" ] || { cat "$work/broker.err"; echo "image-smoke: Kafka test broker did not start" >&2; exit 1; }
echo "image-smoke: Kafka test broker $bootstrap with $(echo "$topics" | tr ',' '\n' | wc -l) topics"

# --- 3. every service, as docker-compose.yml runs it ------------------------------------------------------
# name http grpc database-user, from docker-compose.yml (anchors resolved)
nm=${1:-$(ls -d "$cache"/deps-*/node_modules 2>/dev/null | head -1)}
mapfile -t services < <(node -e "
  const YAML = require('$nm/yaml');
  const c = YAML.parse(require('fs').readFileSync('$repo/docker-compose.yml', 'utf8'), { merge: true });
  for (const [name, s] of Object.entries(c.services)) {
    const e = s.environment || {};
    if (!e.SERVICE) continue;
    console.log([name, e.HTTP_PORT, e.GRPC_PORT || '-', new URL(e.DATABASE_URL).username].join(' '));
  }")
declare -A http_port grpc_port
for line in "${services[@]}"; do
  read -r name _ grpc _ <<<"$line"
  http_port[$name]=$(free_port)
  [ "$grpc" = - ] || grpc_port[$name]=$(free_port)
done
touch "$work/started"
for line in "${services[@]}"; do
  read -r name _ grpc user <<<"$line"
  mkdir -p "$work/tmp-$name" && chown 10001:10001 "$work/tmp-$name"
  env -i PATH="$PATH" HOME=/nonexistent TMPDIR="$work/tmp-$name" NODE_ENV=production HOST=127.0.0.1 \
    SERVICE="$name" HTTP_PORT="${http_port[$name]}" GRPC_PORT="${grpc_port[$name]:-}" \
    DATABASE_URL="postgres://$user:$user@127.0.0.1:$pg_port/credit" KAFKA_BROKERS="$bootstrap" \
    KAFKA_SESSION_TIMEOUT_MS=6000 LOG_LEVEL=warn MIGRATE_ON_START=true JURISDICTION=430000 \
    RECORD_COLLECTION_GRPC="127.0.0.1:${grpc_port[record-collection]:-0}" CREDIT_CHECK_GRPC="127.0.0.1:${grpc_port[credit-check]:-0}" \
    JOINT_REWARD_PUNISHMENT_GRPC="127.0.0.1:${grpc_port[joint-reward-punishment]:-0}" CREDIT_REPAIR_GRPC="127.0.0.1:${grpc_port[credit-repair]:-0}" \
    OBJECTION_GRPC="127.0.0.1:${grpc_port[objection]:-0}" \
    setpriv --reuid=10001 --regid=10001 --clear-groups --no-new-privs \
    sh -c 'cd "$0" && [ -n "$GRPC_PORT" ] || unset GRPC_PORT; exec node -r ./tools/register.js "services/${SERVICE}/src/main.ts"' "$app" \
    >"$work/$name.log" 2>&1 &
  pids+=($!)
  eval "pid_${name//-/_}=$!"
done

# --- 4. ready, metrics, admin CLI, nothing written, graceful stop ----------------------------------------
ok=1
for line in "${services[@]}"; do
  read -r name _ <<<"$line"
  url="http://127.0.0.1:${http_port[$name]}"
  ready=0
  for _ in $(seq 1 180); do
    if curl -fs "$url/health/ready" >/dev/null 2>&1; then ready=1; break; fi
    sleep 0.5
  done
  if [ $ready = 0 ]; then
    echo "  ✗ $name: not ready after 90 s"; tail -5 "$work/$name.log" | sed 's/^/      /'; ok=0; continue
  fi
  metrics=$(curl -fs "$url/metrics")
  missing=$(for m in credit_http_request_duration_seconds credit_outbox_pending credit_outbox_oldest_age_seconds credit_events_published_total credit_events_consumed_total; do grep -q "^# TYPE $m " <<<"$metrics" || echo "$m"; done)
  if [ -n "$missing" ]; then echo "  ✗ $name: /metrics lacks $(echo $missing)"; ok=0; else echo "  ✓ $name: ready ($(curl -fs "$url/health/ready" | node -p "Object.entries(JSON.parse(require('fs').readFileSync(0,'utf8')).details).map(([k,v])=>k+' '+v.status+(v.kind?' ('+v.kind+')':'')).join(', ')")), /metrics has the credit_* metrics"; fi
done

gateway_user=$(printf '%s\n' "${services[@]}" | awk '$1=="gateway"{print $4}')
if env -i PATH="$PATH" HOME=/nonexistent TMPDIR="$work/tmp-gateway" DATABASE_URL="postgres://$gateway_user:$gateway_user@127.0.0.1:$pg_port/credit" \
  setpriv --reuid=10001 --regid=10001 --clear-groups --no-new-privs \
  sh -c 'cd "$0" && exec node -r ./tools/register.js tools/admin.ts create-client --department SMOKE-DEPT --scopes records:write,checks:perform' "$app" >"$work/admin.out" 2>&1; then
  echo "  ✓ admin CLI in the image: create-client issued a client"
else
  echo "  ✗ admin CLI in the image failed:"; sed 's/^/      /' "$work/admin.out"; ok=0
fi

# The slice across processes, as .ci/smoke.sh does it against `npm start`: OAuth2 token, a record through
# the gateway (gRPC → record-collection → outbox → Kafka → credit-check), found by a GraphQL check.
gw="http://127.0.0.1:${http_port[gateway]}"
client_id=$(node -e "try{console.log(JSON.parse(require('fs').readFileSync('$work/admin.out','utf8').trim().split('\\n').pop()).clientId)}catch{}")
client_secret=$(node -e "try{console.log(JSON.parse(require('fs').readFileSync('$work/admin.out','utf8').trim().split('\\n').pop()).clientSecret)}catch{}")
token=$(curl -fs -X POST "$gw/oauth/token" -u "$client_id:$client_secret" -d grant_type=client_credentials | node -e "try{console.log(JSON.parse(require('fs').readFileSync(0,'utf8')).access_token)}catch{}" || true)
uscc=$(cd "$app" && TMPDIR="$work" node -r ./tools/register.js -e "console.log(require('./libs/domain/src/identifiers/uscc.ts').composeUscc('91430923', 'MK' + Date.now().toString().slice(-6)))" | tail -1)
status=$(curl -s -o "$work/submit.json" -w '%{http_code}' -X POST "$gw/api/v1/records" -H "Authorization: Bearer $token" -H 'content-type: application/json' \
  -d "{\"catalogueItemCode\":\"ADMIN_PENALTY\",\"subject\":{\"type\":\"LEGAL_PERSON\",\"name\":\"镜像冒烟测试有限公司\",\"uscc\":\"$uscc\"},\"decisionNumber\":\"镜像罚〔2026〕SMOKE号\",\"decisionDate\":\"2026-11-02\",\"severity\":\"GENERAL\",\"fields\":{\"authority\":\"安化县市场监督管理局\",\"basis\":\"《产品质量法》第四十九条\",\"content\":\"罚款5000元\"}}")
found=0
if [ "$status" = 201 ]; then
  query="{\"query\":\"{ check(subject: {type: LEGAL_PERSON, name: \\\"x\\\", uscc: \\\"$uscc\\\"}) { found records { decisionNumber } } }\"}"
  for _ in $(seq 1 100); do
    body=$(curl -s -X POST "$gw/graphql" -H "Authorization: Bearer $token" -H 'content-type: application/json' -d "$query")
    grep -q 'SMOKE' <<<"$body" && { found=1; break; }
    sleep 0.2
  done
fi
if [ $found = 1 ]; then
  echo "  ✓ API slice: token, POST /api/v1/records → 201, the record found by a GraphQL check (via Kafka)"
else
  echo "  ✗ API slice failed: token ${token:+issued}${token:-missing}, submit $status $(head -c 300 "$work/submit.json" 2>/dev/null), check: ${body:-none}"; ok=0
fi

written=$(find "$app" -newer "$work/started" | head -5)
if [ -n "$written" ]; then echo "  ✗ files written into the image tree: $written"; ok=0; else echo "  ✓ nothing written into the image tree (read-only root works)"; fi

for line in "${services[@]}"; do
  read -r name _ <<<"$line"
  var="pid_${name//-/_}"
  pid=${!var}
  kill -TERM "$pid" 2>/dev/null || true
done
for line in "${services[@]}"; do
  read -r name _ <<<"$line"
  var="pid_${name//-/_}"
  pid=${!var}
  stopped=0
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || { stopped=1; break; }; sleep 0.5; done
  if [ $stopped = 0 ]; then echo "  ✗ $name: still running 30 s after SIGTERM"; ok=0; fi
done
[ $ok = 1 ] && echo "  ✓ every service stopped on SIGTERM"

if [ $ok = 1 ]; then echo "  OK image smoke: ${#services[@]} services"; else echo "  FAILED image smoke (logs were in $work)"; exit 1; fi
