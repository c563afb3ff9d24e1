import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { PROTO_PACKAGE } from '@credit/contracts';
import { ErrorFilter, errorBody, normalizeError } from '../errors/error.filter';
import { PinoNestLogger } from '../logging/logger';
import { PlatformMetrics } from '../metrics/metrics';
import { grpcPackageDefinition } from './grpc-definition';
import { GrpcMetricsInterceptor } from './grpc-metrics.interceptor';
import { GrpcTracingInterceptor } from '../tracing/grpc-tracing.interceptor';
import { startTracingFromEnv } from '../tracing/tracing';
import { parseTraceparent, runInTrace, startSpan, type ActiveSpan } from '@credit/messaging';
import type { ServiceDeps } from './tokens';

export interface StartServiceOptions {
  module: Type<unknown> | DynamicModule;
  /** Metrics label, e.g. `credit-check`. */
  serviceName: string;
  deps: ServiceDeps;
  http: { host: string; port: number };
  /** gRPC server for the service's internal RPC (gateway → service). */
  grpc?: { host: string; port: number; protoFile: string };
  bodyLimitBytes?: number;
  /** Service-specific HTTP wiring (Fastify hooks) applied before routes are registered. */
  configureHttp?: (app: INestApplication) => void;
}

/** gRPC loader options shared by servers and clients: camelCase fields, defaults filled, enums as numbers (ts-proto). */

/** Boots one service: Fastify HTTP (health, metrics, and for the gateway its API) plus its gRPC server. */
export async function startService(options: StartServiceOptions): Promise<INestApplication> {
  // OpenTelemetry span export when OTEL_EXPORTER_OTLP_ENDPOINT is set (docs/OPERATIONS.md, "Traces").
  const tracing = await startTracingFromEnv(options.serviceName);
  const app = await NestFactory.create<NestFastifyApplication>(
    options.module,
    new FastifyAdapter({ bodyLimit: options.bodyLimitBytes ?? 1_048_576, trustProxy: true }),
    { logger: new PinoNestLogger(options.deps.log), abortOnError: false },
  );
  // Registered on the app before the gRPC server connects, which inherits it (APP_FILTER providers do
  // not reach a hybrid app's microservice handlers).
  app.useGlobalFilters(new ErrorFilter(options.deps.log));
  // Errors Fastify raises before a route runs (body too large, malformed JSON) get the same error model.
  // Fastify routes keep the error handler in force when they are registered, so it is set before Nest
  // registers its routes; Nest's own later handler would never reach those routes and only trigger
  // Fastify's "overriding an errorHandler" warning, so the adapter call is made a no-op.
  const adapter = app.getHttpAdapter();
  adapter.getInstance().setErrorHandler((error, request, reply) => {
    const normalized = normalizeError(error, options.deps.log);
    void reply.status(normalized.httpStatus).send(errorBody(normalized, String(request.id)));
  });
  adapter.setErrorHandler = () => undefined;
  options.configureHttp?.(app);
  const metrics = app.get(PlatformMetrics);
  const service = options.serviceName;
  const httpSpans = new WeakMap<object, ActiveSpan>();
  if (tracing) adapter.getInstance().addHook('onClose', (_instance, done) => void tracing.shutdown().then(() => done(), () => done()));
  // HTTP latency by route pattern (never the raw URL: it could carry identifiers).
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.httpDuration.observe({ service, method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
      const span = httpSpans.get(request);
      span?.updateName(`${request.method} ${route}`);
      span?.setAttributes({ 'http.route': route, 'http.response.status_code': reply.statusCode });
      span?.end(reply.statusCode >= 500 ? new Error(`HTTP ${reply.statusCode}`) : undefined);
      done();
    });
  // Only where there is a gRPC server (its handlers inherit them): on HTTP routes they do nothing but cost each
  // request two more steps of Nest's interceptor chain (the gateway, which has no gRPC server, serves every check).
  if (options.grpc) app.useGlobalInterceptors(new GrpcTracingInterceptor(service), new GrpcMetricsInterceptor(metrics, service));
  // Every HTTP request runs in a server span: in the caller's trace (W3C traceparent header) or a new one,
  // echoed back; recorded when tracing is on, named by route pattern (never the raw URL) when it ends.
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    const header = request.headers.traceparent;
    const span = startSpan(parseTraceparent(Array.isArray(header) ? header[0] : header), {
      name: request.method,
      kind: 'server',
      attributes: { 'http.request.method': request.method, 'credit.service': service },
    });
    httpSpans.set(request, span);
    void reply.header('traceparent', span.trace.traceparent).header('x-request-id', String(request.id));
    runInTrace(span.trace, done);
  });
  if (options.grpc) {
    app.connectMicroservice<MicroserviceOptions>({
      transport: Transport.GRPC,
      options: {
        package: PROTO_PACKAGE,
        packageDefinition: grpcPackageDefinition(options.grpc.protoFile),
        url: `${options.grpc.host}:${options.grpc.port}`,
      },
    }, { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  await app.listen(options.http.port, options.http.host);
  return app;
}
