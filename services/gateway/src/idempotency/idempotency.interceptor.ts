import { createHash } from 'node:crypto';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { canonicalJson } from '@credit/domain';
import { AppError } from '@credit/runtime';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { Caller } from '../auth/clients.service';
import { IdempotencyRecordEntity } from './idempotency-record.entity';

const HEADER = 'idempotency-key';
const KEY = /^[\w.:-]{8,128}$/;

/**
 * Idempotency keys on every mutation (REST POST, GraphQL mutations): the same key with the same body
 * returns the first response again without a second effect; the same key with another body is refused
 * with 409; a retry while the first is still running gets 409 too (retry later). Keys are per client.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const target = this.target(context);
    if (!target) return next.handle();
    return from(this.run(target, next));
  }

  private target(context: ExecutionContext) {
    if (context.getType<string>() === 'graphql') {
      const gql = GqlExecutionContext.create(context);
      if (gql.getInfo<{ operation: { operation: string } }>().operation.operation !== 'mutation') return null;
      const request = gql.getContext<{ req: FastifyRequest & { caller?: Caller } }>().req;
      return this.describe(request, `graphql:${gql.getInfo<{ fieldName: string }>().fieldName}`, gql.getArgs(), null);
    }
    if (context.getType() !== 'http') return null;
    const request = context.switchToHttp().getRequest<FastifyRequest & { caller?: Caller }>();
    if (request.method !== 'POST') return null;
    return this.describe(request, `${request.method} ${request.routeOptions.url}`, request.body, context.switchToHttp().getResponse<FastifyReply>());
  }

  private describe(request: FastifyRequest & { caller?: Caller }, operation: string, body: unknown, reply: FastifyReply | null) {
    const raw = request.headers[HEADER];
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!key || !request.caller) return null;
    if (!KEY.test(key)) {
      throw AppError.one('VALIDATION', 'IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key 须为 8–128 位字母、数字或 . _ : -', 'Idempotency-Key must be 8–128 characters of letters, digits, . _ : -', 'Idempotency-Key');
    }
    const requestHash = createHash('sha256').update(`${operation}\n${canonicalJson(body)}`).digest('hex');
    return { clientId: request.caller.clientId, key, requestHash, reply };
  }

  private async run(target: { clientId: string; key: string; requestHash: string; reply: FastifyReply | null }, next: CallHandler): Promise<unknown> {
    const repo = this.dataSource.getRepository(IdempotencyRecordEntity);
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO gateway.idempotency_record (client_id, key, request_hash, status_code, response, created_at)
       VALUES ($1, $2, $3, NULL, NULL, now()) ON CONFLICT (client_id, key) DO NOTHING RETURNING key`,
      [target.clientId, target.key, target.requestHash],
    );
    if (claimed.length === 0) {
      const existing = await repo.findOneByOrFail({ clientId: target.clientId, key: target.key });
      if (existing.requestHash !== target.requestHash) {
        throw AppError.one('CONFLICT', 'IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于另一个请求', 'This Idempotency-Key was used for a different request', 'Idempotency-Key');
      }
      if (existing.statusCode === null) {
        throw AppError.one('CONFLICT', 'IDEMPOTENCY_IN_PROGRESS', '相同请求仍在处理中，请稍后重试', 'The same request is still being processed; retry later', 'Idempotency-Key');
      }
      if (target.reply) void target.reply.status(existing.statusCode).header('Idempotent-Replayed', 'true');
      return existing.response;
    }
    try {
      const response = await lastValueFrom(next.handle(), { defaultValue: null });
      const statusCode = target.reply?.statusCode ?? 200;
      await repo.update({ clientId: target.clientId, key: target.key }, { statusCode, response: response as never });
      return response;
    } catch (error) {
      // Nothing happened (or it is unknown): free the key so the client's retry runs again.
      await repo.delete({ clientId: target.clientId, key: target.key });
      throw error;
    }
  }
}

