#!/usr/bin/env bash
# Fails when the checked-in generated contracts differ from what proto/ generates now.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
bash "$root/tools/proto/generate.sh" "$tmp/generated"
if ! diff -ru "$root/libs/contracts/src/generated" "$tmp/generated"; then
  echo "proto drift: run 'npm run proto:generate' and commit libs/contracts/src/generated" >&2
  exit 1
fi
echo "proto: generated contracts are up to date"
