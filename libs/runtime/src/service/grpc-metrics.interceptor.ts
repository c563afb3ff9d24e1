import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { tap, type Observable } from 'rxjs';
import { AppError } from '../errors/app-error';
import type { PlatformMetrics } from '../metrics/metrics';

/** gRPC handler latency by method and status code (HTTP is measured by a Fastify hook). */
export class GrpcMetricsInterceptor implements NestInterceptor {
  constructor(
    private readonly metrics: PlatformMetrics,
    private readonly service: string,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const started = process.hrtime.bigint();
    const method = context.getHandler().name;
    const observe = (code: string) =>
      this.metrics.grpcDuration.observe({ service: this.service, method, code }, Number(process.hrtime.bigint() - started) / 1e9);
    return next.handle().pipe(
      tap({
        next: () => observe('OK'),
        error: (error: unknown) => observe(GrpcStatus[error instanceof AppError ? error.grpcStatus : GrpcStatus.INTERNAL]),
      }),
    );
  }
}
