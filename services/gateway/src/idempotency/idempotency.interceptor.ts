import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { Caller } from '../auth/clients.service';
import { IdempotencyStore, idempotencyKeyOf, requestHashOf } from './idempotency.store';

/**
 * Idempotency keys on GraphQL mutations: the same key with the same mutation and arguments returns the first result
 * again without a second effect (idempotency.store.ts). Bound to the resolvers that have mutations
 * (`@UseInterceptors`), not globally: REST requests are handled by the Fastify hooks (idempotency.hooks.ts), which
 * spare every REST request Nest's interceptor chain.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const gql = GqlExecutionContext.create(context);
    if (gql.getInfo<{ operation: { operation: string } }>().operation.operation !== 'mutation') return next.handle();
    const request = gql.getContext<{ req: FastifyRequest & { caller?: Caller } }>().req;
    const key = idempotencyKeyOf(request.headers);
    if (!key || !request.caller) return next.handle();
    const requestHash = requestHashOf(`graphql:${gql.getInfo<{ fieldName: string }>().fieldName}`, gql.getArgs());
    return from(this.run(request.caller.clientId, key, requestHash, next));
  }

  private async run(clientId: string, key: string, requestHash: string, next: CallHandler): Promise<unknown> {
    const claim = await this.store.claim(clientId, key, requestHash);
    if (claim.replay) return claim.response;
    try {
      const response = await lastValueFrom(next.handle(), { defaultValue: null });
      await this.store.complete(clientId, key, 200, JSON.stringify(response ?? null));
      return response;
    } catch (error) {
      await this.store.release(clientId, key);
      throw error;
    }
  }
}
