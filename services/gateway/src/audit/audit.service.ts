import { createHash } from 'node:crypto';
import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LOGGER } from '@credit/runtime';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { Caller } from '../auth/clients.service';
import { runWithGrpcAudit } from './grpc-audit';
import type { GrpcCallAudit } from './request-audit.entity';

type AuditedRequest = FastifyRequest & { caller?: Caller; grpcCalls?: GrpcCallAudit[] };

interface AuditRow {
  at: Date;
  requestId: string;
  clientId: string | null;
  departmentId: string | null;
  operation: string;
  subjectKeyHash: string | null;
  status: number;
  latencyMs: number;
  grpcCalls: GrpcCallAudit[] | null;
}

const FLUSH_MS = 200;
const MAX_BATCH = 500;

export const hashSubjectKey = (key: string) => createHash('sha256').update(`audit:${key}`).digest('hex').slice(0, 32);

/**
 * Request audit. Rows are grouped into one multi-row INSERT every 200 ms (or 500 rows) so auditing
 * keeps up with the check rate; a failed flush is retried with the next one, and shutdown flushes what
 * is pending. What a hard crash can lose is at most the last 200 ms of rows — a documented trade-off.
 */
@Injectable()
export class AuditService implements BeforeApplicationShutdown {
  private pending: AuditRow[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /**
   * Registers the Fastify hooks; call before the app initialises its routes. Each request is handled inside a
   * list its gRPC calls are recorded into (grpc-audit.ts), written with the request's row.
   */
  attach(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request, _reply, done) => {
      const calls: GrpcCallAudit[] = [];
      (request as AuditedRequest).grpcCalls = calls;
      runWithGrpcAudit(calls, done);
    });
    fastify.addHook('onResponse', (request, reply, done) => {
      this.record(request as AuditedRequest, reply);
      done();
    });
  }

  record(request: AuditedRequest, reply: FastifyReply): void {
    const url = request.routeOptions.url ?? 'unmatched';
    if (url.startsWith('/health') || url === '/metrics') return;
    const body = request.body as { operationName?: string; query?: string } | undefined;
    const operation = url === '/graphql' ? `graphql:${body?.operationName ?? firstField(body?.query)}` : `${request.method} ${url}`;
    const caller = request.caller;
    this.pending.push({
      at: new Date(),
      requestId: String(request.id),
      clientId: caller?.clientId ?? null,
      departmentId: caller?.departmentId ?? null,
      operation: operation.slice(0, 200),
      subjectKeyHash: caller?.subjectKey ? hashSubjectKey(caller.subjectKey) : null,
      status: reply.statusCode,
      latencyMs: reply.elapsedTime,
      grpcCalls: request.grpcCalls && request.grpcCalls.length > 0 ? [...request.grpcCalls] : null,
    });
    if (this.pending.length >= MAX_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flushing;
    const rows = this.pending.splice(0, MAX_BATCH);
    if (rows.length === 0) return;
    this.flushing = this.insert(rows).catch((error: unknown) => {
      this.log.error({ err: error, rows: rows.length }, 'audit: flush failed; retrying with the next flush');
      this.pending.unshift(...rows);
      this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS * 5);
    });
    await this.flushing;
    if (this.pending.length > 0) this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
    while (this.pending.length > 0 && !this.timer) await this.flush();
  }

  private async insert(rows: AuditRow[]): Promise<void> {
    const params: unknown[] = [];
    const values = rows.map((r, i) => {
      params.push(r.at, r.requestId, r.clientId, r.departmentId, r.operation, r.subjectKeyHash, r.status, r.latencyMs, r.grpcCalls === null ? null : JSON.stringify(r.grpcCalls));
      const o = i * 9;
      return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, $${o + 7}, $${o + 8}, $${o + 9}::jsonb)`;
    });
    await this.dataSource.query(
      `INSERT INTO gateway.request_audit (at, request_id, client_id, department_id, operation, subject_key_hash, status, latency_ms, grpc_calls) VALUES ${values.join(', ')}`,
      params,
    );
  }
}

function firstField(query: string | undefined): string {
  return /\{\s*(\w+)/.exec(query ?? '')?.[1] ?? 'anonymous';
}
