/**
 * Spans across the hops of one request, exported by the OpenTelemetry SDK to an in-memory exporter:
 * an HTTP request (Fastify hook) → a gRPC call it makes with the request's traceparent (as the gateway
 * does) → the gRPC handler's unit of work emits an event (traceparent in its CloudEvents headers) → the
 * outbox relay publishes it on the bus → a consumer handles it in the same trace.
 */
import { Controller, Get, Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { credentials, loadPackageDefinition, Metadata, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { Events, PROTO_ROOT, RecordCollected, Topics } from '@credit/contracts';
import { currentTrace, setSpanRecorder, spanRecorder, startSpan, UnitOfWork, type TraceContext } from '@credit/messaging';
import { eventually, startServiceUnderTest, type ServiceUnderTest } from '@credit/testing';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { SpanKind } from '@opentelemetry/api';
import { join, relative } from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ConsumerHost } from '../service/consumer-host';
import { ServiceCoreModule } from '../service/service-core.module';
import type { ServiceDeps } from '../service/tokens';
import { startTracing, type Tracing } from './otel-sdk';
import { startTracingFromEnv } from './tracing';

const SCHEMA = 'tracing_probe';
const PROTO = join(__dirname, 'testing', 'tracing-probe.proto');

class CreateMessagingTables1700000000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ${SCHEMA}.inbox (consumer text NOT NULL, event_id text NOT NULL, event_type text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(), CONSTRAINT pk_inbox_consumer_event_id PRIMARY KEY (consumer, event_id))`);
    await q.query(`CREATE TABLE ${SCHEMA}.outbox (seq bigserial NOT NULL, event_id text NOT NULL, topic text NOT NULL, message_key text NOT NULL,
      event_type text NOT NULL, headers jsonb NOT NULL, payload bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0, last_error text, CONSTRAINT pk_outbox_seq PRIMARY KEY (seq))`);
  }
  async down(): Promise<void> {}
}

/** What the consumer saw: the trace it ran in. */
const consumed: { subjectKey: string; trace: TraceContext | undefined }[] = [];
let grpcTarget = '';

@Controller()
class ProbeGrpcController {
  constructor(private readonly uow: UnitOfWork) {}

  @GrpcMethod('TracingProbe', 'Emit')
  async emit(request: { subjectKey: string }): Promise<{ eventId: string }> {
    const eventId = `probe-${request.subjectKey}`;
    const payload = { ...RecordCollected.decode(new Uint8Array()), recordId: eventId, subject: { key: request.subjectKey, type: 1, name: '测试', uscc: '', maskedIdNumber: '' } };
    await this.uow.run(async (tx) => tx.emit({ definition: Events.RecordCollected, subjectKey: request.subjectKey, id: eventId, payload }));
    return { eventId };
  }
}

/** The gateway's part: an HTTP route that calls a service by gRPC with the request's traceparent. */
@Controller('probe')
class ProbeHttpController {
  @Get()
  async call(): Promise<{ eventId: string }> {
    const definition = loadPackageDefinition(loadSync(PROTO, { keepCase: false, defaults: true })) as any;
    const client = new definition.credit.v1.TracingProbe(grpcTarget, credentials.createInsecure());
    const metadata = new Metadata();
    metadata.set('traceparent', currentTrace()!.traceparent);
    try {
      return await new Promise((resolve, reject) =>
        client.emit({ subjectKey: 'ORG:TRACE-PROBE' }, metadata, (error: ServiceError | null, reply: { eventId: string }) => (error ? reject(error) : resolve(reply))),
      );
    } finally {
      client.close();
    }
  }
}

@Injectable()
class ProbeConsumer implements OnModuleInit {
  constructor(private readonly host: ConsumerHost) {}
  onModuleInit(): void {
    this.host.register({
      name: 'tracing-probe.consumer',
      topics: [Topics.records],
      handlers: { RecordCollected: async (_payload, ctx) => void consumed.push({ subjectKey: ctx.subjectKey, trace: currentTrace() }) },
    });
  }
}

@Module({})
class ProbeModule {
  static forRoot(deps: ServiceDeps): DynamicModule {
    return {
      module: ProbeModule,
      imports: [ServiceCoreModule.forRoot({ name: 'tracing-probe', schema: SCHEMA, entities: [], migrations: [CreateMessagingTables1700000000000] }, deps)],
      controllers: [ProbeGrpcController, ProbeHttpController],
      providers: [ProbeConsumer],
    };
  }
}

describe('OpenTelemetry traces across HTTP → gRPC → event → consumer', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let service: ServiceUnderTest;

  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'tracing-probe', exporter, processor: 'simple' });
    service = await startServiceUnderTest('tracing', (deps) => ProbeModule.forRoot(deps), {
      serviceName: 'tracing-probe',
      protoFile: relative(PROTO_ROOT, PROTO),
    });
    grpcTarget = service.grpcUrl!;
  });

  afterAll(async () => {
    await service?.stop();
    await tracing?.shutdown();
  });

  it('records the HTTP and gRPC server spans in the caller’s trace, and the consumer runs in it', async () => {
    const traceId = 'aa'.repeat(16);
    const callerSpan = 'bb'.repeat(8);
    const response = await fetch(`${await service.app.getUrl()}/probe`, { headers: { traceparent: `00-${traceId}-${callerSpan}-01` } });
    expect(response.status).toBe(200);
    const echoed = response.headers.get('traceparent')!;

    const spans = () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    const http = await eventually('HTTP span', () => spans().find((s) => s.kind === SpanKind.SERVER && s.name === 'GET /probe'));
    const grpc = spans().find((s) => s.kind === SpanKind.SERVER && s.name === 'credit.v1.TracingProbe/Emit');
    // HTTP span: child of the caller's span, echoed in the response, attributes without the URL.
    expect(http.parentSpanContext?.spanId).toBe(callerSpan);
    expect(echoed).toBe(`00-${traceId}-${http.spanContext().spanId}-01`);
    expect(http.attributes).toMatchObject({ 'http.route': '/probe', 'http.response.status_code': 200, 'credit.service': 'tracing-probe' });
    // gRPC server span: child of the HTTP span, across the gRPC hop.
    expect(grpc).toBeDefined();
    expect(grpc!.parentSpanContext?.spanId).toBe(http.spanContext().spanId);
    expect(grpc!.attributes).toMatchObject({ 'rpc.system': 'grpc', 'rpc.service': 'credit.v1.TracingProbe', 'rpc.method': 'Emit' });
    expect(grpc!.resource.attributes['service.name']).toBe('tracing-probe');

    // The event carries the gRPC span as its parent (CloudEvents header); the consumer handles it in that trace.
    const row = await eventually('event published', async () => {
      const rows = await service.db.query<{ headers: Record<string, string> }>(
        `SELECT headers FROM bus.messages WHERE topic = $1 AND headers->>'ce_id' = 'probe-ORG:TRACE-PROBE'`,
        [Topics.records],
      );
      return rows[0];
    });
    expect(row.headers.traceparent).toBe(`00-${traceId}-${grpc!.spanContext().spanId}-01`);
    const seen = await eventually('event consumed', () => consumed.find((c) => c.subjectKey === 'ORG:TRACE-PROBE'));
    expect(seen.trace?.traceId).toBe(traceId);
  });

  it('a failed request is a failed span', async () => {
    const response = await fetch(`${await service.app.getUrl()}/no-such-route`);
    expect(response.status).toBe(404);
    const traceId = response.headers.get('traceparent')!.split('-')[1];
    const span = await eventually('404 span', () => exporter.getFinishedSpans().find((s) => s.spanContext().traceId === traceId));
    expect(span.attributes['http.response.status_code']).toBe(404);
    expect(span.name).toBe('GET unmatched');
    expect(span.status.code).toBe(0); // 4xx is the caller's error, not the server's
  });
});

describe('tracing off', () => {
  it('starts no SDK without an OTLP endpoint, and spans are then context only', async () => {
    expect(await startTracingFromEnv('x', {})).toBeNull();
    expect(spanRecorder()).toBeUndefined();
    const span = startSpan(undefined, { name: 'n', kind: 'internal' });
    expect(span.trace.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    span.end();
  });

  it('rejects a malformed endpoint or sampling ratio at start', async () => {
    await expect(startTracingFromEnv('x', { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).rejects.toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    await expect(startTracingFromEnv('x', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_SAMPLER_ARG: '2' })).rejects.toThrow(/OTEL_TRACES_SAMPLER_ARG/);
    expect(spanRecorder()).toBeUndefined();
    setSpanRecorder(undefined);
  });
});
