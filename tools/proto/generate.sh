#!/usr/bin/env bash
# proto/ → libs/contracts/src/generated (ts-proto; messages with encode/decode, NestJS gRPC interfaces).
# Usage: tools/proto/generate.sh [out-dir]   (default: libs/contracts/src/generated)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/libs/contracts/src/generated}
command -v protoc >/dev/null || { echo "protoc not found: apt-get install protobuf-compiler" >&2; exit 1; }
rm -rf "$out"; mkdir -p "$out"
cd "$root/proto"
protoc \
  --plugin=protoc-gen-ts_proto="$root/node_modules/.bin/protoc-gen-ts_proto" \
  --ts_proto_out="$out" \
  --ts_proto_opt=nestJs=true,outputEncodeMethods=true,outputPartialMethods=false,addGrpcMetadata=true,useDate=false,esModuleInterop=true,outputJsonMethods=false,snakeToCamel=true,exportCommonSymbols=false,stringEnums=false \
  $(find credit -name '*.proto' | sort)
