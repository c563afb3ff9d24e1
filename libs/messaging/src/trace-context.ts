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

/**
 * A new span id: in the parent's trace when there is one, otherwise in a new trace. Such a span is never
 * recorded, so while spans are exported (a recorder is set) a child of a parent is the parent itself:
 * what runs or is called under it hangs off a span the collector has, not off an id it never receives.
 */
export function childTrace(parent?: TraceContext): TraceContext {
  if (parent && recorder) return parent;
  const traceId = parent?.traceId ?? randomHex(16);
  const spanId = randomHex(8);
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}

// Ids come from a pool of random bytes refilled 4 KiB at a time: a span per event (relay, consumers) must not cost
// two calls into the CSPRNG (~10 µs, measured in bulk imports).
const RANDOM_POOL_BYTES = 4096;
let randomPool = Buffer.alloc(0);
let randomPoolOffset = 0;

function randomHex(bytes: number): string {
  if (randomPoolOffset + bytes > randomPool.length) {
    randomPool = randomBytes(RANDOM_POOL_BYTES);
    randomPoolOffset = 0;
  }
  const hex = randomPool.toString('hex', randomPoolOffset, randomPoolOffset + bytes);
  randomPoolOffset += bytes;
  return hex;
}

export function currentTrace(): TraceContext | undefined {
  return storage.getStore();
}

export function runInTrace<T>(trace: TraceContext, work: () => T): T {
  return storage.run(trace, work);
}

// --- Recorded spans (OpenTelemetry export: libs/runtime/src/tracing) ------------------------------------

export type SpanKind = 'server' | 'client' | 'producer' | 'consumer' | 'internal';
export type SpanAttributes = Record<string, string | number | boolean | undefined>;

export interface SpanStart {
  /** Low-cardinality name: `GET /api/v1/checks`, `credit.v1.CreditCheckService/GetSubjectProfile`, `credit.records.v1 process`. */
  name: string;
  kind: SpanKind;
  /** Never an ID number or any other personal data. */
  attributes?: SpanAttributes;
}

/** A span in progress: its context (run work in it with runInTrace; propagate `trace.traceparent`) and its end. */
export interface ActiveSpan {
  readonly trace: TraceContext;
  setAttributes(attributes: SpanAttributes): void;
  updateName(name: string): void;
  /** Ends the span; an error marks it failed. Idempotent. */
  end(error?: unknown): void;
}

/** Records spans somewhere (the OpenTelemetry SDK when OTEL_EXPORTER_OTLP_ENDPOINT is set). */
export interface SpanRecorder {
  start(parent: TraceContext | undefined, span: SpanStart): ActiveSpan;
}

let recorder: SpanRecorder | undefined;

/** Installs (or, with undefined, removes) the process's span recorder. Without one, spans cost nothing. */
export function setSpanRecorder(next: SpanRecorder | undefined): void {
  recorder = next;
}

export function spanRecorder(): SpanRecorder | undefined {
  return recorder;
}

const noop = (): void => undefined;

/** Starts a span under `parent` (a remote or the current context): recorded when a recorder is set. */
export function startSpan(parent: TraceContext | undefined, span: SpanStart): ActiveSpan {
  if (recorder) return recorder.start(parent, span);
  return { trace: childTrace(parent), setAttributes: noop, updateName: noop, end: noop };
}

/** Runs `work` in a new span under `parent` and ends it when the work settles (failed if it throws). */
export async function inSpan<T>(parent: TraceContext | undefined, span: SpanStart, work: (span: ActiveSpan) => Promise<T>): Promise<T> {
  const active = startSpan(parent, span);
  try {
    const result = await runInTrace(active.trace, () => work(active));
    active.end();
    return result;
  } catch (error) {
    active.end(error);
    throw error;
  }
}
