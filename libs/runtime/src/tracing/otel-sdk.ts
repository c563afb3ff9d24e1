import { ROOT_CONTEXT, SpanKind as OtelSpanKind, SpanStatusCode, trace, TraceFlags, type Span, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type SpanExporter,
} from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import {
  setSpanRecorder,
  spanRecorder,
  type ActiveSpan,
  type SpanAttributes,
  type SpanKind,
  type SpanRecorder,
  type SpanStart,
  type TraceContext,
} from '@credit/messaging';

/**
 * OpenTelemetry span export. The platform's own W3C trace context (libs/messaging trace-context.ts) stays
 * the carrier — HTTP header → gRPC metadata → outbox row → Kafka header → consumer — and this module only
 * records the spans started at those hook points, with the OpenTelemetry SDK, exported over OTLP/HTTP.
 * Nothing here patches modules (no auto-instrumentation) and no global OpenTelemetry provider is
 * registered: spans are parented explicitly by the carried `traceparent`.
 */
export interface TracingOptions {
  /** `service.name` of the spans (OTEL_SERVICE_NAME overrides it). */
  serviceName: string;
  /** Where spans go; default: the OTLP/HTTP exporter configured by the OTEL_EXPORTER_OTLP_* variables. */
  exporter?: SpanExporter;
  /** `batch` (default; production) or `simple` (export each span when it ends: tests). */
  processor?: 'batch' | 'simple';
  /** Fraction of new traces recorded (a caller's sampling decision is followed). Default 1. */
  sampleRatio?: number;
}

export interface Tracing {
  readonly serviceName: string;
  forceFlush(): Promise<void>;
  /** Flushes and stops exporting; spans are no longer recorded afterwards. */
  shutdown(): Promise<void>;
}

const KINDS: Record<SpanKind, OtelSpanKind> = {
  server: OtelSpanKind.SERVER,
  client: OtelSpanKind.CLIENT,
  producer: OtelSpanKind.PRODUCER,
  consumer: OtelSpanKind.CONSUMER,
  internal: OtelSpanKind.INTERNAL,
};

function clean(attributes: SpanAttributes | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(attributes ?? {})) if (v !== undefined) out[k] = v;
  return out;
}

class ActiveOtelSpan implements ActiveSpan {
  private ended = false;

  constructor(
    private readonly span: Span,
    readonly trace: TraceContext,
  ) {}

  setAttributes(attributes: SpanAttributes): void {
    this.span.setAttributes(clean(attributes));
  }

  updateName(name: string): void {
    this.span.updateName(name);
  }

  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    if (error !== undefined) {
      // The error's class and message only: messages of AppError are written for users and hold no ID numbers.
      const message = error instanceof Error ? error.message : String(error);
      this.span.setStatus({ code: SpanStatusCode.ERROR, message });
      this.span.addEvent('exception', { 'exception.type': error instanceof Error ? error.name : typeof error, 'exception.message': message });
    }
    this.span.end();
  }
}

/** Records the platform's spans with an OpenTelemetry tracer, parented by the carried W3C context. */
export class OtelSpanRecorder implements SpanRecorder {
  constructor(private readonly tracer: Tracer) {}

  start(parent: TraceContext | undefined, start: SpanStart): ActiveSpan {
    const parentContext = parent
      ? trace.setSpanContext(ROOT_CONTEXT, {
          traceId: parent.traceId,
          spanId: parent.spanId,
          // The caller's sampling decision (the flags byte of its traceparent).
          traceFlags: parent.traceparent.endsWith('-00') ? TraceFlags.NONE : TraceFlags.SAMPLED,
          isRemote: true,
        })
      : ROOT_CONTEXT;
    const span = this.tracer.startSpan(start.name, { kind: KINDS[start.kind], attributes: clean(start.attributes) }, parentContext);
    const { traceId, spanId, traceFlags } = span.spanContext();
    const flags = traceFlags & TraceFlags.SAMPLED ? '01' : '00';
    return new ActiveOtelSpan(span, { traceId, spanId, traceparent: `00-${traceId}-${spanId}-${flags}` });
  }
}

let active: { tracing: Tracing; users: number } | null = null;

/**
 * Starts recording spans in this process (idempotent: a second service in the same process — standalone
 * mode — shares the first one's SDK, and the SDK stops when the last one releases it).
 */
export function startTracing(options: TracingOptions): Tracing {
  if (active) {
    active.users += 1;
    return active.tracing;
  }
  const serviceName = process.env.OTEL_SERVICE_NAME || options.serviceName;
  const exporter = options.exporter ?? new OTLPTraceExporter();
  const processor = options.processor === 'simple' ? new SimpleSpanProcessor({ exporter }) : new BatchSpanProcessor({ exporter });
  const ratio = options.sampleRatio ?? 1;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName, 'service.namespace': 'credit-platform' }).merge(
      detectResources({ detectors: [envDetector] }),
    ),
    sampler: new ParentBasedSampler({ root: ratio >= 1 ? new AlwaysOnSampler() : new TraceIdRatioBasedSampler(ratio) }),
    spanProcessors: [processor],
  });
  const recorder = new OtelSpanRecorder(provider.getTracer('@credit/runtime'));
  setSpanRecorder(recorder);
  const tracing: Tracing = {
    serviceName,
    forceFlush: () => provider.forceFlush(),
    shutdown: async () => {
      if (!active || active.tracing !== tracing) return;
      active.users -= 1;
      if (active.users > 0) return;
      active = null;
      if (spanRecorder() === recorder) setSpanRecorder(undefined);
      await provider.shutdown();
    },
  };
  active = { tracing, users: 1 };
  return tracing;
}

