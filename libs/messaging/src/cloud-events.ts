import { randomUUID } from 'node:crypto';
import type { EventDefinition } from '@credit/contracts';

/** CloudEvents 1.0, Kafka protocol binding, binary content mode: attributes as `ce_` headers. */
export const CE = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  time: 'ce_time',
  subject: 'ce_subject',
  contentType: 'content-type',
  traceparent: 'traceparent',
} as const;

export const PROTOBUF_CONTENT_TYPE = 'application/protobuf';

/** Headers the retry and dead-letter paths add. */
export const X = {
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
  attempt: 'x-retry-attempt',
  notBefore: 'x-retry-not-before',
  errorMessage: 'x-error-message',
  errorKind: 'x-error-kind',
  failedAt: 'x-failed-at',
  consumer: 'x-consumer',
} as const;

export interface OutgoingEvent<T> {
  definition: EventDefinition<T>;
  payload: T;
  /** Subject key: message key and `ce_subject`, so every event of one subject stays in order. */
  subjectKey: string;
  /** Idempotent producers pass a deterministic id (e.g. record id + version); otherwise a UUID. */
  id?: string;
  time?: Date;
  traceparent?: string;
}

export interface EncodedEvent {
  id: string;
  topic: string;
  key: string;
  type: string;
  headers: Record<string, string>;
  value: Buffer;
}

export function encodeEvent<T>(event: OutgoingEvent<T>, source: string): EncodedEvent {
  const id = event.id ?? randomUUID();
  const headers: Record<string, string> = {
    [CE.specversion]: '1.0',
    [CE.id]: id,
    [CE.source]: source,
    [CE.type]: event.definition.type,
    [CE.time]: (event.time ?? new Date()).toISOString(),
    [CE.subject]: event.subjectKey,
    [CE.contentType]: PROTOBUF_CONTENT_TYPE,
  };
  if (event.traceparent) headers[CE.traceparent] = event.traceparent;
  return {
    id,
    topic: event.definition.topic,
    key: event.subjectKey,
    type: event.definition.type,
    headers,
    value: Buffer.from(event.definition.codec.encode(event.payload).finish()),
  };
}
