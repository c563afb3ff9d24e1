import type { EntityManager } from 'typeorm';

/** A message as it travels on a topic: key = subject key, value = protobuf, headers = CloudEvents binary mode. */
export interface BusMessage {
  topic: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

export interface DeliveredMessage extends BusMessage {
  partition: number;
  offset: string;
}

/** An outbox row moved into the log by `EventBus.moveFromOutbox`. */
export interface MovedMessage {
  topic: string;
  headers: Record<string, string>;
}

export type MessageHandler = (message: DeliveredMessage) => Promise<void>;

/**
 * Consecutive messages of one topic partition, in log order. `heartbeat` (Kafka) keeps the group membership alive
 * while a long batch is worked through.
 */
export type BatchHandler = (messages: DeliveredMessage[], heartbeat?: () => Promise<void>) => Promise<void>;

export interface BatchDelivery {
  /** Most messages handed over at once. */
  maxSize: number;
  /**
   * How long the bus may wait for more messages when fewer than `maxSize` are at hand (0: hand over what is
   * there). Kafka: the fetch wait (`maxWaitTimeInMs`); in-process: one extra wait for a publish.
   */
  maxWaitMs?: number;
  /** Resolves when every message of the batch is handled; a throw means "deliver the whole batch again". */
  handle: BatchHandler;
}

export interface SubscriptionOptions {
  /** Consumer group: each group receives every message once (at least once; the inbox makes it once in effect). */
  groupId: string;
  topics: string[];
  /** Resolves when the message is handled; a throw means "deliver again" (the bus never skips a message). */
  handle: MessageHandler;
  /**
   * Opt-in batch delivery: when set, the bus hands over consecutive messages of one partition with
   * `batch.handle` instead of `handle`, and commits the offset after the batch resolved.
   */
  batch?: BatchDelivery;
}

export interface BusSubscription {
  /** Stops taking new messages and waits for the one in hand (graceful drain). */
  stop(): Promise<void>;
}

/**
 * The event backbone port. Two adapters: Kafka (cluster mode) and a durable in-process bus
 * (standalone mode). Producers never call `publish` directly: the outbox relay does.
 */
export interface EventBus {
  readonly kind: 'kafka' | 'in-process';
  /**
   * Publishes in order and resolves once the messages are durably accepted. An adapter whose log lives
   * in the same database (in-process) writes through `manager`, joining the relay's transaction.
   */
  publish(messages: BusMessage[], manager?: EntityManager): Promise<void>;
  /** Called by the relay after the transaction that carried a `publish(…, manager)` committed, with the topics it wrote to. */
  committed?(topics: readonly string[]): void;
  /**
   * An adapter whose log lives in the same database may move up to `limit` outbox rows (the oldest unlocked, in
   * `seq` order) into its log with ONE statement of the relay's transaction — the rows are deleted from the outbox
   * in the same statement, so a rollback keeps them. Returns what was moved, in order. The relay prefers it to
   * select → publish → delete.
   */
  moveFromOutbox?(manager: EntityManager, outboxTable: string, limit: number): Promise<MovedMessage[]>;
  subscribe(options: SubscriptionOptions): Promise<BusSubscription>;
  /** Messages on each topic not yet committed by the consumer group (consumer lag), summed over partitions. */
  lag(groupId: string, topics: string[]): Promise<Record<string, number>>;
  /** Readiness: can the bus accept and deliver messages now? */
  isHealthy(): Promise<boolean>;
  close(): Promise<void>;
}

export const EVENT_BUS = Symbol('EVENT_BUS');
