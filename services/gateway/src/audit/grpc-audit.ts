import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { InterceptingCall, ListenerBuilder, RequesterBuilder, status as GrpcStatus, type Interceptor } from '@grpc/grpc-js';
import type { GrpcCallAudit } from './request-audit.entity';

/** At most this many calls are kept per request (a batch may fan out); the rest are counted in one entry. */
const MAX_CALLS = 50;

const calls = new AsyncLocalStorage<GrpcCallAudit[]>();

/** Runs `work` (a request's handling) with a fresh list that the gRPC calls made under it are appended to. */
export function runWithGrpcAudit<T>(into: GrpcCallAudit[], work: () => T): T {
  return calls.run(into, work);
}

/** The list of the request being served (undefined outside a request). */
export function currentGrpcAudit(): GrpcCallAudit[] | undefined {
  return calls.getStore();
}

/** Runs `work` outside any request: calls it makes are recorded by whoever records them explicitly. */
export function outsideGrpcAudit<T>(work: () => T): T {
  return calls.exit(work);
}

/** Appends one call to the current request's list (no-op outside a request, e.g. at start-up). */
export function recordGrpcCall(list: GrpcCallAudit[] | undefined, call: GrpcCallAudit): void {
  if (!list) return;
  if (list.length < MAX_CALLS) {
    list.push(call);
    return;
  }
  const overflow = list[MAX_CALLS] ?? { method: '(more calls)', code: 'OK', ms: 0 };
  if (list.length === MAX_CALLS) list.push(overflow);
  overflow.ms += call.ms;
  if (call.code !== 'OK') overflow.code = call.code;
}

const codeName = (code: number): string => (GrpcStatus as unknown as Record<number, string>)[code] ?? String(code);

/**
 * gRPC client interceptor for the gateway's service clients (every call of `Backends`): records the method
 * (`credit.v1.CreditCheckService/Check`), its status code and its latency into the request being served, so
 * the request audit row says which service methods a request reached and how they answered. The request's list
 * is captured when the call starts (still in the request's async context); the status arrives later.
 */
export const grpcAuditInterceptor: Interceptor = (options, nextCall) => {
  const list = calls.getStore();
  if (!list) return new InterceptingCall(nextCall(options));
  const method = options.method_definition.path.replace(/^\//, '');
  const started = performance.now();
  return new InterceptingCall(
    nextCall(options),
    new RequesterBuilder()
      .withStart((metadata, listener, next) => {
        next(
          metadata,
          new ListenerBuilder()
            .withOnReceiveStatus((status, nextStatus) => {
              recordGrpcCall(list, { method, code: codeName(status.code), ms: Math.round((performance.now() - started) * 10) / 10 });
              nextStatus(status);
            })
            .build(),
        );
      })
      .build(),
  );
};
