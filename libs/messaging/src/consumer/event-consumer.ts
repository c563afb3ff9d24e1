import { dlqTopic, eventDefinitionByType, Events, retryTopic, type EventName, type EventPayload } from '@credit/contracts';
import type { EntityManager } from 'typeorm';
import { CE, X } from '../cloud-events';
import type { BusSubscription, DeliveredMessage, EventBus } from '../event-bus';
import { errorSummary, type Log } from '../logger';
import { backoffMs, sleep } from '../timing';
import { parseTraceparent, runInTrace, startSpan } from '../trace-context';
import type { Transaction, UnitOfWork } from '../unit-of-work';

export interface EventContext extends Transaction {
  eventId: string;
  subjectKey: string;
  time: string;
  topic: string;
  headers: Record<string, string>;
}

export type EventHandlers = { [N in EventName]?: (payload: EventPayload<N>, ctx: EventContext) => Promise<void> };

export interface RetryPolicy {
  /** Attempts in place before the event leaves for the retry topic. */
  inPlaceAttempts: number;
  inPlaceBaseDelayMs: number;
  /** Delay before each pass through the retry topic; after the last, the event goes to the DLQ. */
  retryTopicDelaysMs: number[];
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  inPlaceAttempts: 3,
  inPlaceBaseDelayMs: 100,
  retryTopicDelaysMs: [1_000, 10_000, 60_000],
};

export interface ConsumerMetrics {
  handled(consumer: string, type: string, outcome: 'applied' | 'duplicate' | 'ignored' | 'retry' | 'dead-letter'): void;
}

export interface EventConsumerOptions {
  /** Consumer group and inbox name, e.g. `credit-check.profile`. */
  name: string;
  /** The consuming service's schema (holds its `inbox`). */
  schema: string;
  topics: string[];
  handlers: EventHandlers;
  retry?: Partial<RetryPolicy>;
  metrics?: ConsumerMetrics;
}

class NonRetryableError extends Error {}

/**
 * Runs a service's event handlers idempotently: each event is applied in one transaction with its
 * `(consumer, event id)` inbox row, so a redelivered event is a no-op. A payload that cannot be decoded
 * goes straight to `<topic>.dlq`; a handler that keeps failing is retried in place, then through
 * `<topic>.retry` with growing delays, then dead-lettered with the error in headers — the partition
 * keeps flowing. The source offset is committed only after the event was applied or handed on.
 */
export class EventConsumer {
  private subscription: BusSubscription | null = null;
  private readonly policy: RetryPolicy;
  private readonly typeNames = new Map<string, EventName>();
  private stopping = false;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly bus: EventBus,
    private readonly options: EventConsumerOptions,
    private readonly log: Log,
  ) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    for (const name of Object.keys(options.handlers) as EventName[]) this.typeNames.set(Events[name].type, name);
  }

  async start(): Promise<void> {
    const topics = [...this.options.topics, ...this.options.topics.map(retryTopic)];
    this.subscription = await this.bus.subscribe({ groupId: this.options.name, topics, handle: (m) => this.handle(m) });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.subscription?.stop();
    this.subscription = null;
  }

  /** Exposed for tests and the replay tool: handle one delivered message exactly as the bus would. */
  async handle(message: DeliveredMessage): Promise<void> {
    const isRetry = message.topic.endsWith('.retry');
    if (isRetry && message.headers[X.consumer] !== this.options.name) return; // another group's retry
    const type = message.headers[CE.type];
    const name = type ? this.typeNames.get(type) : undefined;
    if (!name) return this.count(type ?? 'unknown', 'ignored');

    if (isRetry) await this.waitUntil(Number(message.headers[X.notBefore] ?? 0));
    const sourceTopic = isRetry ? (message.headers[X.originalTopic] ?? message.topic.replace(/\.retry$/, '')) : message.topic;

    // Handle inside the producer's trace (a consumer span): logs and events emitted here carry its trace id.
    const span = startSpan(parseTraceparent(message.headers[CE.traceparent]), {
      name: `${sourceTopic} process`,
      kind: 'consumer',
      attributes: {
        'messaging.system': this.bus.kind,
        'messaging.destination.name': sourceTopic,
        'messaging.consumer.group.name': this.options.name,
        'messaging.message.id': message.headers[CE.id] ?? '',
        'cloudevents.event_type': type!,
      },
    });
    let failure: unknown;
    try {
      await this.process(name, type!, message, sourceTopic, span.trace);
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      span.end(failure);
    }
  }

  private async process(name: EventName, type: string, message: DeliveredMessage, sourceTopic: string, trace: ReturnType<typeof startSpan>['trace']): Promise<void> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.policy.inPlaceAttempts; attempt += 1) {
      try {
        const applied = await runInTrace(trace, () => this.applyOnce(name, message));
        this.log.debug({ consumer: this.options.name, type, eventId: message.headers[CE.id], traceId: trace.traceId, applied }, applied ? 'event applied' : 'event already applied');
        return this.count(type, applied ? 'applied' : 'duplicate');
      } catch (error) {
        lastError = error;
        if (error instanceof NonRetryableError || this.stopping) break;
        if (attempt < this.policy.inPlaceAttempts) await sleep(backoffMs(attempt, this.policy.inPlaceBaseDelayMs, 5_000));
      }
    }
    if (this.stopping && !(lastError instanceof NonRetryableError)) throw lastError; // redeliver after restart

    const passes = Number(message.headers[X.attempt] ?? 0);
    if (!(lastError instanceof NonRetryableError) && passes < this.policy.retryTopicDelaysMs.length) {
      await this.forward(retryTopic(sourceTopic), message, sourceTopic, lastError, {
        [X.attempt]: String(passes + 1),
        [X.notBefore]: String(Date.now() + this.policy.retryTopicDelaysMs[passes]),
      });
      this.log.warn({ consumer: this.options.name, type, eventId: message.headers[CE.id], pass: passes + 1, err: errorSummary(lastError) }, 'event sent to retry topic');
      return this.count(type, 'retry');
    }
    await this.forward(dlqTopic(sourceTopic), message, sourceTopic, lastError, { [X.attempt]: String(passes) });
    this.log.error({ consumer: this.options.name, type, eventId: message.headers[CE.id], err: errorSummary(lastError) }, 'event dead-lettered');
    this.count(type, 'dead-letter');
  }

  /** Applies the event with its inbox row in one transaction; false when it was applied before. */
  private applyOnce(name: EventName, message: DeliveredMessage): Promise<boolean> {
    const definition = eventDefinitionByType(message.headers[CE.type]!)!;
    let payload: unknown;
    try {
      payload = definition.codec.decode(message.value);
    } catch (error) {
      throw new NonRetryableError(`undecodable ${definition.protoType}: ${errorSummary(error)}`);
    }
    const eventId = message.headers[CE.id];
    if (!eventId) throw new NonRetryableError('missing ce_id header');
    const handler = this.options.handlers[name] as (payload: unknown, ctx: EventContext) => Promise<void>;
    return this.uow.run(async (tx) => {
      if (!(await this.claim(tx.manager, eventId, definition.type))) return false;
      await handler(payload, {
        ...tx,
        eventId,
        subjectKey: message.headers[CE.subject] ?? message.key,
        time: message.headers[CE.time] ?? '',
        topic: message.topic,
        headers: message.headers,
      });
      return true;
    });
  }

  private async claim(manager: EntityManager, eventId: string, type: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO ${this.options.schema}.inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
       ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
      [this.options.name, eventId, type],
    );
    return rows.length === 1;
  }

  private async forward(
    topic: string,
    message: DeliveredMessage,
    sourceTopic: string,
    error: unknown,
    extra: Record<string, string>,
  ): Promise<void> {
    const isRetry = message.topic.endsWith('.retry');
    await this.bus.publish([
      {
        topic,
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          [X.consumer]: this.options.name,
          [X.originalTopic]: sourceTopic,
          [X.originalPartition]: isRetry ? (message.headers[X.originalPartition] ?? '') : String(message.partition),
          [X.originalOffset]: isRetry ? (message.headers[X.originalOffset] ?? '') : message.offset,
          [X.errorKind]: error instanceof NonRetryableError ? 'non-retryable' : 'handler-failed',
          [X.errorMessage]: errorSummary(error),
          [X.failedAt]: new Date().toISOString(),
          ...extra,
        },
      },
    ]);
  }

  private async waitUntil(epochMs: number): Promise<void> {
    while (!this.stopping && Date.now() < epochMs) await sleep(Math.min(500, epochMs - Date.now()));
    if (this.stopping && Date.now() < epochMs) throw new Error('stopping before the retry was due');
  }

  private count(type: string, outcome: Parameters<ConsumerMetrics['handled']>[2]): void {
    this.options.metrics?.handled(this.options.name, type, outcome);
  }
}
