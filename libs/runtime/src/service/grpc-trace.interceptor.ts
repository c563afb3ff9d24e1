import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { childTrace, parseTraceparent, runInTrace } from '@credit/messaging';
import { Observable } from 'rxjs';

/** Runs each gRPC handler in the caller's trace (W3C `traceparent` metadata), as a child span. */
export class GrpcTraceInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const metadata = context.switchToRpc().getContext<Metadata | undefined>();
    const header = metadata?.get?.('traceparent')?.[0];
    const trace = childTrace(parseTraceparent(typeof header === 'string' ? header : undefined));
    return new Observable((subscriber) => runInTrace(trace, () => next.handle().subscribe(subscriber)));
  }
}
