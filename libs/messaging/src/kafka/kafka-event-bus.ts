import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type EachBatchPayload, type IHeaders, type KafkaMessage, type LogEntry, type Producer } from 'kafkajs';
import type { BusMessage, BusSubscription, DeliveredMessage, EventBus, SubscriptionOptions } from '../event-bus';
import { errorSummary, type Log } from '../logger';
import { backoffMs, sleep } from '../timing';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  log: Log;
  /** Consumer group session timeout; the test broker wants it short (6000), production the default (30000). */
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  maxWaitTimeMs?: number;
  /** Partitions of one consumer handled concurrently (order is kept within a partition). */
  partitionsConsumedConcurrently?: number;
  connectionTimeoutMs?: number;
}

/**
 * Kafka adapter (kafkajs). Producer: acks=all, one request in flight (retries cannot reorder a key),
 * not idempotent — effectively-once comes from outbox + inbox, not from the broker. Consumers commit
 * an offset only after the handler resolved; a failing handler is retried in place, with heartbeats,
 * until it succeeds (the consumer runner turns lasting failures into retry/DLQ messages).
 */
export class KafkaEventBus implements EventBus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private producerConnected = false;
  private readonly consumers = new Set<Consumer>();
  private admin: Admin | null = null;

  constructor(private readonly options: KafkaBusOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      connectionTimeout: options.connectionTimeoutMs ?? 3000,
      retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 10_000 },
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => this.kafkaLog(entry),
    });
    this.producer = this.kafka.producer({
      allowAutoTopicCreation: false,
      idempotent: false,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.producer.on(this.producer.events.CONNECT, () => (this.producerConnected = true));
    this.producer.on(this.producer.events.DISCONNECT, () => (this.producerConnected = false));
  }

  async connect(): Promise<void> {
    await this.producer.connect();
    this.producerConnected = true;
  }

  async publish(messages: BusMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const byTopic = new Map<string, { key: string; value: Buffer; headers: IHeaders }[]>();
    for (const m of messages) {
      const list = byTopic.get(m.topic) ?? [];
      list.push({ key: m.key, value: m.value, headers: m.headers });
      byTopic.set(m.topic, list);
    }
    await this.producer.sendBatch({
      acks: -1,
      timeout: 10_000,
      topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })),
    });
  }

  async subscribe(options: SubscriptionOptions): Promise<BusSubscription> {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 3000,
      maxWaitTimeInMs: options.batch?.maxWaitMs || (this.options.maxWaitTimeMs ?? 500),
      retry: { initialRetryTime: 300, retries: 10 },
    });
    let stopping = false;
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: true });
    const retrying = async (what: () => Promise<void>, context: Record<string, unknown>, heartbeat: () => Promise<void>): Promise<void> => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await what();
        } catch (error) {
          if (stopping) throw error; // leave it uncommitted for the next owner of the partition
          this.options.log.warn({ err: errorSummary(error), groupId: options.groupId, ...context, attempt }, 'kafka: handler failed; delivering again');
          await sleep(backoffMs(attempt, 200, 10_000));
          await heartbeat();
        }
      }
    };
    const batch = options.batch;
    if (batch) {
      // Consecutive messages of one partition, at most maxSize at a time; each slice's offset is resolved (and
      // committed) only after the handler resolved. Slices of partitions handed over at the same moment go to the
      // handler together (SliceMerger): a fetch brings each partition's share, and a transaction per share was most
      // of the consumer's cost in a bulk import (batches of ~80 records where the in-process bus hands 1,000).
      const merger = new SliceMerger(batch.maxSize, (messages, heartbeat, context) => retrying(() => batch.handle(messages, heartbeat), context, heartbeat));
      await consumer.run({
        autoCommit: true,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? BATCH_PARTITIONS_CONCURRENTLY,
        eachBatch: async ({ batch: fetched, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload) => {
          const { topic, partition } = fetched;
          for (let from = 0; from < fetched.messages.length; from += batch.maxSize) {
            if (!isRunning() || isStale()) return;
            const slice = fetched.messages.slice(from, from + batch.maxSize);
            const delivered = slice.map((message) => toDelivered(topic, partition, message));
            await merger.add(delivered, heartbeat, { topic, partition, from: slice[0].offset, to: slice[slice.length - 1].offset });
            resolveOffset(slice[slice.length - 1].offset);
            await commitOffsetsIfNecessary();
            await heartbeat();
          }
        },
      });
    } else {
      await consumer.run({
        autoCommit: true,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
        eachMessage: async ({ topic, partition, message, heartbeat }) => {
          await retrying(() => options.handle(toDelivered(topic, partition, message)), { topic, partition, offset: message.offset }, heartbeat);
        },
      });
    }
    this.consumers.add(consumer);
    return {
      stop: async () => {
        stopping = true;
        await consumer.disconnect();
        this.consumers.delete(consumer);
      },
    };
  }

  async lag(groupId: string, topics: string[]): Promise<Record<string, number>> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    const committed = await this.admin.fetchOffsets({ groupId, topics });
    const result: Record<string, number> = {};
    for (const topic of topics) {
      const ends = await this.admin.fetchTopicOffsets(topic);
      const done = new Map((committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
      result[topic] = ends.reduce((sum, p) => {
        const at = done.get(p.partition) ?? -1;
        // -1: nothing committed yet; the group starts from the beginning (low watermark)
        return sum + Math.max(0, Number(p.high) - (at >= 0 ? at : Number(p.low)));
      }, 0);
    }
    return result;
  }

  isHealthy(): Promise<boolean> {
    return Promise.resolve(this.producerConnected);
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.disconnect()));
    this.consumers.clear();
    await this.admin?.disconnect();
    await this.producer.disconnect();
  }

  private kafkaLog({ level, log }: LogEntry): void {
    const { message, ...rest } = log;
    const obj = { kafka: rest };
    if (level === logLevel.ERROR) this.options.log.error(obj, `kafkajs: ${message}`);
    else if (level === logLevel.WARN) this.options.log.warn(obj, `kafkajs: ${message}`);
  }
}

/** Partitions handled at once by a batch consumer: as many as a topic has (6), so their slices can be merged. */
const BATCH_PARTITIONS_CONCURRENTLY = 6;

interface WaitingSlice {
  messages: DeliveredMessage[];
  heartbeat: () => Promise<void>;
  context: Record<string, unknown>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Hands the slices that arrive in the same turn of the event loop (one per partition of a fetch) to the batch
 * handler as one batch of at most maxSize messages. Per-partition order holds: a partition's next slice is only
 * handed over once the batch holding its previous one resolved. Each slice's promise settles with its batch.
 */
class SliceMerger {
  private waiting: WaitingSlice[] = [];
  private scheduled = false;

  constructor(
    private readonly maxSize: number,
    private readonly handle: (messages: DeliveredMessage[], heartbeat: () => Promise<void>, context: Record<string, unknown>) => Promise<void>,
  ) {}

  add(messages: DeliveredMessage[], heartbeat: () => Promise<void>, context: Record<string, unknown>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ messages, heartbeat, context, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.waiting.length > 0) {
      const group: WaitingSlice[] = [];
      let size = 0;
      while (this.waiting.length > 0 && (group.length === 0 || size + this.waiting[0].messages.length <= this.maxSize)) {
        const next = this.waiting.shift()!;
        group.push(next);
        size += next.messages.length;
      }
      const context = group.length === 1 ? group[0].context : { slices: group.map((g) => g.context) };
      this.handle(
        group.flatMap((g) => g.messages),
        group[0].heartbeat, // one consumer: any of its partitions' heartbeat keeps the session
        context,
      ).then(
        () => group.forEach((g) => g.resolve()),
        (error: unknown) => group.forEach((g) => g.reject(error)),
      );
    }
  }
}

function toDelivered(topic: string, partition: number, message: KafkaMessage): DeliveredMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? '',
    value: message.value ?? Buffer.alloc(0),
    headers: stringHeaders(message.headers),
  };
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.map(String).join(',') : v.toString();
  }
  return out;
}
