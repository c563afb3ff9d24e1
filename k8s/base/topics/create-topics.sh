#!/usr/bin/env bash
# Creates every Kafka topic of the platform, idempotently (--if-not-exists), then lists them.
# Runs in the apache/kafka image: the Kubernetes topic Job (k8s/base/jobs/create-topics.yaml) and the
# `init` service of docker-compose.yml. The list is libs/contracts/src/topics.ts's allTopics(): each
# topic with its .retry and .dlq companions; .ci/validate-deploy.sh fails when the two differ.
#   KAFKA_BOOTSTRAP               host:port[,host:port]                      (required)
#   TOPIC_PARTITIONS              default 6 (DEFAULT_PARTITIONS in topics.ts)
#   TOPIC_REPLICATION_FACTOR      default 1 (3 in production)
#   TOPIC_MIN_INSYNC_REPLICAS     default 1 (2 in production)
#   DLQ_RETENTION_MS              default 2592000000 (30 days: time to inspect and re-publish)
#   KAFKA_BIN                     default /opt/kafka/bin
#   KAFKA_WAIT_SECONDS            default 300: how long to wait for the broker
set -euo pipefail

: "${KAFKA_BOOTSTRAP:?KAFKA_BOOTSTRAP (host:port) is required}"
partitions=${TOPIC_PARTITIONS:-6}
replication=${TOPIC_REPLICATION_FACTOR:-1}
min_isr=${TOPIC_MIN_INSYNC_REPLICAS:-1}
dlq_retention_ms=${DLQ_RETENTION_MS:-2592000000}
bin=${KAFKA_BIN:-/opt/kafka/bin}
wait_seconds=${KAFKA_WAIT_SECONDS:-300}

# libs/contracts/src/topics.ts — Topics
topics=(
  credit.records.v1
  credit.lists.v1
  credit.objections.v1
  credit.repairs.v1
  credit.checks.v1
  credit.commitments.v1
  credit.catalogue.v1
)

deadline=$((SECONDS + wait_seconds))
until "$bin/kafka-broker-api-versions.sh" --bootstrap-server "$KAFKA_BOOTSTRAP" >/dev/null 2>&1; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "create-topics: broker $KAFKA_BOOTSTRAP not reachable after ${wait_seconds}s" >&2
    exit 1
  fi
  echo "create-topics: waiting for $KAFKA_BOOTSTRAP"
  sleep 5
done

create() {
  local topic=$1
  shift
  "$bin/kafka-topics.sh" --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor "$replication" \
    --config "min.insync.replicas=$min_isr" "$@"
  echo "create-topics: $topic"
}

for topic in "${topics[@]}"; do
  create "$topic"
  create "$topic.retry"
  create "$topic.dlq" --config "retention.ms=$dlq_retention_ms"
done

"$bin/kafka-topics.sh" --bootstrap-server "$KAFKA_BOOTSTRAP" --list
echo "create-topics: done (${#topics[@]} topics, each with .retry and .dlq)"
