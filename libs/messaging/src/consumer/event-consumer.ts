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

/** One new (not yet applied) event of a batch. */
export interface BatchEvent<P> {
  payload: P;
  eventId: string;
  subjectKey: string;
  time: string;
  headers: Record<string, string>;
}

/** The batch's transaction; every event handed to a batch handler came from this topic. */
export interface BatchContext extends Transaction {
  topic: string;
}

/**
 * Batch handlers get consecutive new events of one type, in log order (so in per-key order), inside the
 * transaction that records their inbox rows. A throw rolls the whole batch back; it is then applied one
 * event at a time through the per-event handler (`handlers`), which a batch handler therefore needs too.
 */
export type BatchHandlers = { [N in EventName]?: (events: BatchEvent<EventPayload<N>>[], ctx: BatchContext) => Promise<void> };

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
  /**
   * Opt-in batch consumption: up to `maxSize` consecutive messages of one partition are applied in ONE
   * transaction (one multi-row inbox insert learns which are new; `batchHandlers`, else the per-event
   * handlers, apply them). A batch that fails is applied again one event at a time (retry topic, DLQ).
   */
  batch?: { maxSize: number; maxWaitMs?: number };
  batchHandlers?: BatchHandlers;
}

interface Prepared {
  message: DeliveredMessage;
  name: EventName;
  type: string;
  payload: unknown;
  eventId: string;
  span: ReturnType<typeof startSpan>;
}

class NonRetryableError extends Error {}

/**
 * Runs a service's event handlers idempotently: each event is applied in one transaction with its
 * `(consumer, event id)` inbox row, so a redelivered event is a no-op. A payload that cannot be decoded
 * goes straight to `<topic>.dlq`; a handler that keeps failing is retried in place, then through
 * `<topic>.retry` with growing delays, then dead-lettered with the error in headers — the partition
 * keeps flowing. The source offset is committed only after the event was applied or handed on.
 *
 * With `batch` set, the bus hands over consecutive messages of one partition and they are applied in ONE
 * transaction (`handleBatch`): one multi-row inbox insert (`ON CONFLICT DO NOTHING RETURNING`) tells which are
 * new, then runs of one event type go to the batch handler (or the per-event handler, same transaction), in log
 * order — so per-key order holds. If the batch fails it is rolled back and applied again one event at a time
 * through the per-event path above (retry topic, DLQ), so a poison event holds nothing up.
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
    const { batch } = this.options;
    this.subscription = await this.bus.subscribe({
      groupId: this.options.name,
      topics,
      handle: (m) => this.handle(m),
      batch: batch && { maxSize: batch.maxSize, maxWaitMs: batch.maxWaitMs, handle: (messages, heartbeat) => this.handleBatch(messages, heartbeat) },
    });
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

  /**
   * Exposed for tests and the replay tool: handle consecutive messages of one partition as the bus would in
   * batch mode — new events applied in one transaction; on failure, one event at a time through `handle`.
   */
  async handleBatch(messages: DeliveredMessage[], heartbeat: () => Promise<void> = () => Promise.resolve()): Promise<void> {
    if (messages.length === 0) return;
    // Retry-topic messages wait for their due time and belong to one group each: the per-event path.
    if (messages.length === 1 || messages[0].topic.endsWith('.retry')) {
      for (const message of messages) {
        await this.handle(message);
        await heartbeat();
      }
      return;
    }
    const prepared: Prepared[] = [];
    const aside: DeliveredMessage[] = []; // not decodable or without id: the per-event path dead-letters them
    for (const message of messages) {
      const type = message.headers[CE.type];
      const name = type ? this.typeNames.get(type) : undefined;
      if (!name) {
        this.count(type ?? 'unknown', 'ignored');
        continue;
      }
      const eventId = message.headers[CE.id];
      let payload: unknown;
      try {
        payload = eventDefinitionByType(type!)!.codec.decode(message.value);
      } catch {
        aside.push(message);
        continue;
      }
      if (!eventId) {
        aside.push(message);
        continue;
      }
      const span = startSpan(parseTraceparent(message.headers[CE.traceparent]), {
        name: `${message.topic} process`,
        kind: 'consumer',
        attributes: {
          'messaging.system': this.bus.kind,
          'messaging.destination.name': message.topic,
          'messaging.consumer.group.name': this.options.name,
          'messaging.message.id': eventId,
          'messaging.batch.message_count': messages.length,
          'cloudevents.event_type': type!,
        },
      });
      prepared.push({ message, name, type: type!, payload, eventId, span });
    }
    if (prepared.length > 0) {
      let applied: Set<Prepared>;
      try {
        applied = await this.applyBatch(prepared);
      } catch (error) {
        prepared.forEach((p) => p.span.end(error));
        if (this.stopping) throw error; // redeliver after restart
        this.log.warn({ consumer: this.options.name, events: prepared.length, err: errorSummary(error) }, 'batch failed; applying its events one at a time');
        for (const message of messages) {
          if (!this.typeNames.has(message.headers[CE.type] ?? '')) continue;
          await this.handle(message);
          await heartbeat();
        }
        return;
      }
      for (const p of prepared) {
        p.span.end();
        const isNew = applied.has(p);
        this.log.debug({ consumer: this.options.name, type: p.type, eventId: p.eventId, traceId: p.span.trace.traceId, applied: isNew }, isNew ? 'event applied' : 'event already applied');
        this.count(p.type, isNew ? 'applied' : 'duplicate');
      }
    }
    for (const message of aside) await this.handle(message);
  }

  /** One transaction: the inbox rows of the batch, then the new events in log order; returns the new ones. */
  private applyBatch(prepared: Prepared[]): Promise<Set<Prepared>> {
    return this.uow.run(async (tx) => {
      const rows: { event_id: string }[] = await tx.manager.query(
        `INSERT INTO ${this.options.schema}.inbox (consumer, event_id, event_type)
         SELECT $1, e.event_id, e.event_type FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS e(event_id, event_type, ord) ORDER BY e.ord
         ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
        [this.options.name, prepared.map((p) => p.eventId), prepared.map((p) => p.type)],
      );
      const claimed = new Set(rows.map((r) => r.event_id));
      // The first delivery of each claimed id applies (an id twice in one batch applies once).
      const fresh = prepared.filter((p) => claimed.delete(p.eventId));
      // Runs of consecutive events of one type: a batch handler per run, else the per-event handler per event.
      for (let start = 0; start < fresh.length; ) {
        let end = start + 1;
        while (end < fresh.length && fresh[end].name === fresh[start].name) end += 1;
        const run = fresh.slice(start, end);
        const batchHandler = this.options.batchHandlers?.[run[0].name] as ((events: BatchEvent<unknown>[], ctx: BatchContext) => Promise<void>) | undefined;
        if (batchHandler) {
          await runInTrace(run[0].span.trace, () =>
            batchHandler(
              run.map((p) => ({ payload: p.payload, eventId: p.eventId, subjectKey: subjectOf(p.message), time: p.message.headers[CE.time] ?? '', headers: p.message.headers })),
              { ...tx, topic: run[0].message.topic },
            ),
          );
        } else {
          const handler = this.options.handlers[run[0].name] as (payload: unknown, ctx: EventContext) => Promise<void>;
          for (const p of run) {
            await runInTrace(p.span.trace, () =>
              handler(p.payload, { ...tx, eventId: p.eventId, subjectKey: subjectOf(p.message), time: p.message.headers[CE.time] ?? '', topic: p.message.topic, headers: p.message.headers }),
            );
          }
        }
        start = end;
      }
      return new Set(fresh);
    });
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
        subjectKey: subjectOf(message),
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

function subjectOf(message: DeliveredMessage): string {
  return message.headers[CE.subject] ?? message.key;
}
