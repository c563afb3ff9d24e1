import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { parseTraceparent, runInTrace, startSpan } from '@credit/messaging';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { Observable } from 'rxjs';

/**
 * Runs each gRPC handler in a server span under the caller's trace (W3C `traceparent` metadata). The span
 * is recorded when tracing is on (libs/runtime/src/tracing); otherwise it only carries the context, as
 * before. Name: `credit.v1.<Service>/<Method>`; attributes without request data.
 */
export class GrpcTracingInterceptor implements NestInterceptor {
  constructor(private readonly serviceName: string) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const metadata = context.switchToRpc().getContext<Metadata | undefined>();
    const header = metadata?.get?.('traceparent')?.[0];
    const pattern = Reflect.getMetadata(PATTERN_METADATA, context.getHandler()) as unknown;
    const { service, rpc } = grpcNames(pattern, context.getHandler().name);
    const span = startSpan(parseTraceparent(typeof header === 'string' ? header : undefined), {
      name: `credit.v1.${service}/${rpc}`,
      kind: 'server',
      attributes: { 'rpc.system': 'grpc', 'rpc.service': `credit.v1.${service}`, 'rpc.method': rpc, 'credit.service': this.serviceName },
    });
    return new Observable((subscriber) =>
      runInTrace(span.trace, () =>
        next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            span.end(error);
            subscriber.error(error);
          },
          complete: () => {
            span.end();
            subscriber.complete();
          },
        }),
      ),
    );
  }
}

/** `@GrpcMethod('CreditCheckService', 'GetSubjectProfile')` stores `{ service, rpc }` (one or a list). */
function grpcNames(pattern: unknown, handler: string): { service: string; rpc: string } {
  const first = (Array.isArray(pattern) ? pattern[0] : pattern) as { service?: string; rpc?: string } | undefined;
  return { service: first?.service ?? 'unknown', rpc: first?.rpc ?? handler };
}
