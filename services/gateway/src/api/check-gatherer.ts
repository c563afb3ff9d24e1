import { performance } from 'node:perf_hooks';
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { CheckManyRequest, CheckManyResult, CheckRequest, CheckResult } from '@credit/contracts';
import { childTrace, currentTrace } from '@credit/messaging';
import { AppError } from '@credit/runtime';
import { currentGrpcAudit, outsideGrpcAudit, recordGrpcCall } from '../audit/grpc-audit';
import type { GrpcCallAudit } from '../audit/request-audit.entity';

/** Most checks sent in one call (50 results with large profiles stay far below the client's message limit). */
export const MAX_GATHERED = 50;

const CHECK_MANY = 'credit.v1.CreditCheckService/CheckMany';

interface Waiting {
  request: CheckRequest;
  traceparent: string;
  audit: GrpcCallAudit[] | undefined;
  resolve: (result: CheckResult) => void;
  reject: (error: unknown) => void;
}

export interface CheckTransport {
  /** One CheckMany call (rejects with the gRPC error). */
  many(request: CheckManyRequest): Promise<CheckManyResult>;
  /** One Check call, errors already mapped to the error model. */
  single(request: CheckRequest): Promise<CheckResult>;
}

/**
 * Gathers the single checks that arrive in the same turn of the event loop (the requests read from the sockets
 * in one poll) into one `CheckMany` call to credit-check: under load, one gRPC round trip, one profile query and
 * one log transaction serve tens of checks, where each used to cost its own. Every check keeps its own trace, its
 * own answer or refusal, and its own entry in the request audit. A lone check waits for nothing but the end of the
 * current turn.
 *
 * A credit-check without `CheckMany` (older, during a rolling upgrade) or a reply too large for one message makes
 * the gatherer send the checks one by one.
 */
export class CheckGatherer {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private gathering = true;

  constructor(private readonly transport: CheckTransport) {}

  check(request: CheckRequest): Promise<CheckResult> {
    if (!this.gathering) return this.transport.single(request);
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, traceparent: childTrace(currentTrace()).traceparent, audit: currentGrpcAudit(), resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // Outside the first request's context: the call belongs to all the checks it carries.
        outsideGrpcAudit(() => setImmediate(() => this.flush()));
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.waiting.length > 0) void this.send(this.waiting.splice(0, MAX_GATHERED));
  }

  private async send(group: Waiting[]): Promise<void> {
    const started = performance.now();
    let result: CheckManyResult;
    try {
      result = await this.transport.many({ checks: group.map((w) => ({ request: w.request, traceparent: w.traceparent })) });
    } catch (error) {
      const code = (error as { code?: number }).code;
      if (code === GrpcStatus.UNIMPLEMENTED || code === GrpcStatus.RESOURCE_EXHAUSTED) {
        if (code === GrpcStatus.UNIMPLEMENTED) this.gathering = false;
        for (const w of group) this.transport.single(w.request).then(w.resolve, w.reject);
        return;
      }
      this.audit(group, started, code === undefined ? 'UNKNOWN' : (GrpcStatus[code] ?? String(code)));
      const mapped = AppError.fromGrpc(error);
      for (const w of group) w.reject(mapped);
      return;
    }
    this.audit(group, started, 'OK');
    group.forEach((w, i) => {
      const outcome = result.outcomes[i];
      if (outcome?.result) w.resolve(outcome.result);
      else w.reject(AppError.fromGrpc({ details: outcome?.error ?? '' }));
    });
  }

  private audit(group: Waiting[], started: number, code: string): void {
    const ms = Math.round((performance.now() - started) * 10) / 10;
    for (const w of group) recordGrpcCall(w.audit, { method: CHECK_MANY, code, ms });
  }
}
