#!/usr/bin/env bash
# Starts the platform as a newcomer would (npm start, embedded defaults), submits one penalty record
# over REST and checks it through GraphQL, then stops it with SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
log="$data/start.log"
# In its own process group: npm runs the script through a shell, and SIGTERM to npm alone left the platform's
# node process running (as Ctrl-C in a terminal reaches the whole group, so does the stop below).
DATA_DIR="$data" PORT="$port" setsid npm start >"$log" 2>&1 &
pid=$!
cleanup() { kill -TERM -- "-$pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  curl -fs "$base/health/ready" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "npm start exited" >&2; exit 1; }
  sleep 0.5
done
curl -fs "$base/health/ready" >/dev/null || { cat "$log"; echo "not ready" >&2; exit 1; }
grep -q "Authorization: Bearer" "$log" || { cat "$log"; echo "no demo credentials printed" >&2; exit 1; }
client_id=$(node -p "require('$data/demo-credentials.json').clientId")
client_secret=$(node -p "require('$data/demo-credentials.json').clientSecret")
token=$(curl -fs -X POST "$base/oauth/token" -u "$client_id:$client_secret" -d grant_type=client_credentials | node -p "JSON.parse(require('fs').readFileSync(0, 'utf8')).access_token")
uscc=$(node -r ./tools/register.js -e "console.log(require('./libs/domain/src/identifiers/uscc.ts').composeUscc('91430923', 'MK' + Date.now().toString().slice(-6)))")
status=$(curl -s -o "$data/submit.json" -w '%{http_code}' -X POST "$base/api/v1/records" \
  -H "Authorization: Bearer $token" -H 'content-type: application/json' \
  -d "{\"catalogueItemCode\":\"ADMIN_PENALTY\",\"subject\":{\"type\":\"LEGAL_PERSON\",\"name\":\"安化县冒烟测试有限公司\",\"uscc\":\"$uscc\"},\"decisionNumber\":\"安市监罚〔2026〕SMOKE号\",\"decisionDate\":\"2026-11-02\",\"severity\":\"GENERAL\",\"fields\":{\"authority\":\"安化县市场监督管理局\",\"basis\":\"《产品质量法》第四十九条\",\"content\":\"罚款5000元\"}}")
[ "$status" = 201 ] || { cat "$data/submit.json"; echo "submit returned $status" >&2; exit 1; }
query="{\"query\":\"mutation { check(input: {subject: {type: LEGAL_PERSON, name: \\\"x\\\", uscc: \\\"$uscc\\\"}, matterType: \\\"ADMIN_LICENSING\\\"}) { found verdict records { decisionNumber severity } } }\"}"
for _ in $(seq 1 50); do
  body=$(curl -s -X POST "$base/graphql" -H "Authorization: Bearer $token" -H 'content-type: application/json' -d "$query")
  echo "$body" | grep -q '"found":true' && break
  sleep 0.2
done
echo "$body" | grep -q 'SMOKE' || { echo "$body"; echo "record not checkable" >&2; exit 1; }
echo "$body" | grep -q '"verdict":"REVIEW"' || { echo "$body"; echo "a general penalty should ask for review on licensing" >&2; exit 1; }
kill -TERM -- "-$pid"
wait "$pid" || true
# Stopped for real: nothing of the group left, and the port free.
for _ in $(seq 1 40); do pgrep -g "$pid" >/dev/null || break; sleep 0.25; done
! pgrep -g "$pid" >/dev/null || { ps -o pid,cmd -g "$pid"; echo "the platform did not stop on SIGTERM" >&2; exit 1; }
! curl -fs "$base/health/ready" >/dev/null 2>&1 || { echo "still answering after SIGTERM" >&2; exit 1; }
echo "smoke: submitted $uscc at $base and found it by GraphQL check; stopped on SIGTERM"
