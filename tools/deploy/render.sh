#!/usr/bin/env bash
# Renders the kustomizations (k8s/overlays/dev, k8s/overlays/prod, k8s/monitoring) into OUT_DIR/<name>.yaml,
# offline. Which kustomize:
#   1. `kubectl kustomize` when kubectl is on PATH and embeds kustomize v4 or later;
#   2. else `kustomize build` when a kustomize binary is on PATH;
#   3. else Debian's kubernetes-client (kubectl 1.20, kustomize v2.0.3), unpacked — not installed — into
#      CACHE_DIR with `apt-get download` + `dpkg-deb -x` (no clash with another kubectl package); its older
#      kustomize gets a translated copy of k8s/ (lib/kustomize-v2-shim.js).
# KUSTOMIZE=debian forces 3 (to test the fallback). Prints the tool it used.
# Usage: render.sh OUT_DIR CACHE_DIR NODE_MODULES
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out=$1 cache=$2 node_modules=$3
mkdir -p "$out" "$cache"
targets=(overlays/dev overlays/prod monitoring)

kustomize_major() { # prints the major version of the kustomize inside kubectl, or 0
  local v
  v=$("$1" version --client 2>/dev/null | sed -n 's/.*Kustomize Version: v\([0-9]*\).*/\1/p' | head -1)
  echo "${v:-0}"
}

mode=""
if [ "${KUSTOMIZE:-}" != "debian" ]; then
  if command -v kubectl >/dev/null 2>&1 && [ "$(kustomize_major kubectl)" -ge 4 ]; then
    mode=kubectl
  elif command -v kustomize >/dev/null 2>&1; then
    mode=kustomize
  fi
fi
if [ -z "$mode" ]; then
  mode=debian
  debian_kubectl="$cache/kubernetes-client/usr/bin/kubectl"
  if [ ! -x "$debian_kubectl" ]; then
    command -v apt-get >/dev/null 2>&1 || { echo "render: no kubectl ≥ 1.21 or kustomize on PATH, and no apt-get for Debian's kubernetes-client" >&2; exit 1; }
    (
      cd "$cache"
      rm -f kubernetes-client_*.deb
      apt-get download kubernetes-client >/dev/null 2>&1 || { apt-get update -qq && apt-get download kubernetes-client >/dev/null; }
      dpkg-deb -x kubernetes-client_*.deb kubernetes-client
      rm -f kubernetes-client_*.deb
    )
  fi
fi

case $mode in
  kubectl)
    echo "render: kubectl kustomize ($(command -v kubectl), $(kubectl version --client 2>/dev/null | grep -i kustomize | tr -d '\n'))"
    render() { kubectl kustomize "$repo/k8s/$1"; }
    ;;
  kustomize)
    echo "render: kustomize build ($(command -v kustomize), $(kustomize version 2>/dev/null | head -1))"
    render() { kustomize build "$repo/k8s/$1"; }
    ;;
  debian)
    echo "render: Debian kubernetes-client's kubectl kustomize ($("$debian_kubectl" version --client 2>/dev/null | sed -n 's/.*GitVersion:"\([^"]*\)".*/\1/p'), kustomize v2.0.3) on a v2-syntax copy of k8s/"
    copy="$out/k8s-v2"
    rm -rf "$copy" && cp -r "$repo/k8s" "$copy"
    node "$here/lib/kustomize-v2-shim.js" "$node_modules" "$copy"
    render() { "$debian_kubectl" kustomize "$copy/$1"; }
    ;;
esac

# Every target, even after a failure, so that the others are still validated; exit 1 if any failed.
status=0
for t in "${targets[@]}"; do
  file="$out/$(basename "$t").yaml"
  if render "$t" >"$file" 2>"$out/render.err"; then
    echo "  rendered k8s/$t: $(grep -c '^kind:' "$file") objects"
  else
    rm -f "$file"
    echo "  FAILED to render k8s/$t: $(grep -v '^\s*$' "$out/render.err" | tail -3)"
    status=1
  fi
done
rm -f "$out/render.err"
exit $status
