/**
 * The registry of topics. Names are versioned: a breaking change of a topic's messages means a new
 * topic (`.v2`), never an edit of the old one. Every topic has a `.retry` and a `.dlq` companion.
 */
export const Topics = {
  records: 'credit.records.v1',
  lists: 'credit.lists.v1',
  objections: 'credit.objections.v1',
  repairs: 'credit.repairs.v1',
  checks: 'credit.checks.v1',
  commitments: 'credit.commitments.v1',
  catalogue: 'credit.catalogue.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

/**
 * The topics a read model is rebuilt from by replay (tools/replay.ts: credit-check's profile). Their whole history
 * must stay in the log: the standalone log never trims them (BUS_RETENTION_DAYS applies to the other topics).
 */
export const REPLAY_SOURCE_TOPICS: readonly Topic[] = [Topics.records, Topics.lists, Topics.objections];

export const retryTopic = (topic: string): string => `${topic}.retry`;
export const dlqTopic = (topic: string): string => `${topic}.dlq`;

/** Every topic the platform uses, with its companions: what a broker (or the topic Job) must create. */
export function allTopics(): string[] {
  return Object.values(Topics).flatMap((t) => [t, retryTopic(t), dlqTopic(t)]);
}

/** Partitions per topic in the default topology (docker-compose, k8s topic Job, test broker). */
export const DEFAULT_PARTITIONS = 6;

/** Protobuf package of the internal RPC and event messages. */
export const PROTO_PACKAGE = 'credit.v1';
