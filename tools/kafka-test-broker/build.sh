#!/usr/bin/env bash
# Builds bin/kafka-test-broker from kafka-test-broker.c against the system librdkafka (Debian librdkafka-dev).
# Needs: apt-get install gcc librdkafka-dev   (kcat is optional, used by the wire-format tests)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cc="${CC:-gcc}"

if ! command -v "$cc" >/dev/null 2>&1; then
  echo "kafka-test-broker: C compiler '$cc' not found; install it with: apt-get install gcc" >&2
  exit 3
fi
if [ ! -f /usr/include/librdkafka/rdkafka_mock.h ] && ! pkg-config --exists rdkafka 2>/dev/null; then
  echo "kafka-test-broker: librdkafka headers (rdkafka_mock.h) not found; install them with: apt-get install librdkafka-dev" >&2
  exit 3
fi

cflags="$(pkg-config --cflags rdkafka 2>/dev/null || true)"
libs="$(pkg-config --libs rdkafka 2>/dev/null || echo -lrdkafka)"

mkdir -p "$here/bin"
# Build to a temporary name and rename, so concurrent builds (parallel jest workers) never see a half-written file.
tmp="$(mktemp "$here/bin/.kafka-test-broker.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
# shellcheck disable=SC2086
"$cc" -O2 -g -Wall -Wextra -std=c11 -pthread $cflags -o "$tmp" "$here/kafka-test-broker.c" $libs
chmod 755 "$tmp"
mv -f "$tmp" "$here/bin/kafka-test-broker"
trap - EXIT
echo "built $here/bin/kafka-test-broker"
