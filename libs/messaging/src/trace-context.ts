import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/**
 * W3C Trace Context (the propagation format of OpenTelemetry) carried through the platform: HTTP
 * `traceparent` at the gateway → gRPC metadata → the `traceparent` header of every event emitted while
 * handling the request → the consumer that applies it (and whatever it emits). Logs carry `traceId`.
 */
export interface TraceContext {
  traceId: string;
  spanId: string;
  /** `00-<trace id>-<span id>-<flags>` */
  traceparent: string;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const storage = new AsyncLocalStorage<TraceContext>();

export function parseTraceparent(value: string | undefined): TraceContext | undefined {
  const match = TRACEPARENT.exec(value?.trim().toLowerCase() ?? '');
  if (!match || /^0+$/.test(match[1]) || /^0+$/.test(match[2])) return undefined;
  return { traceId: match[1], spanId: match[2], traceparent: match[0] };
}

/** A new span: in the parent's trace when there is one, otherwise in a new trace. */
export function childTrace(parent?: TraceContext): TraceContext {
  const traceId = parent?.traceId ?? randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}

export function currentTrace(): TraceContext | undefined {
  return storage.getStore();
}

export function runInTrace<T>(trace: TraceContext, work: () => T): T {
  return storage.run(trace, work);
}
