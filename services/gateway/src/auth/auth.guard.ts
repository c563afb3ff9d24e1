import { createParamDecorator, Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { requireScope, type Caller } from './clients.service';
import { RateLimiter } from './rate-limiter';
import { TokenService } from './token.service';

export const RATE_LIMITER = Symbol('RATE_LIMITER');

const SCOPE = 'credit:scope';
/**
 * The scope an operation needs — or, given several, any one of them (e.g. an objection read by the filing and by
 * the verifying department); `admin` passes every check. The guard authenticates and checks it for REST and
 * GraphQL alike.
 */
export const RequireScope = (...anyOf: [string, ...string[]]) => SetMetadata(SCOPE, anyOf);

interface WithCaller {
  headers: Record<string, string | undefined>;
  caller?: Caller;
}

function requestOf(context: ExecutionContext): WithCaller {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext<{ req: WithCaller }>().req;
  return context.switchToHttp().getRequest<WithCaller>();
}

function replyOf(context: ExecutionContext): FastifyReply | undefined {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext<{ reply?: FastifyReply }>().reply;
  return context.switchToHttp().getResponse<FastifyReply>();
}

/** Authenticates (JWT, and the mTLS certificate of a bound client), rate-limits per client, and checks the operation's scope — REST and GraphQL alike. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenService,
    private readonly reflector: Reflector,
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const scopes = this.reflector.get<string[] | undefined>(SCOPE, context.getHandler());
    if (!scopes) return true;
    const request = requestOf(context);
    // (already verified by the idempotency hook when the request carries an Idempotency-Key)
    request.caller ??= await this.tokens.verify(request.headers.authorization, request.headers);
    this.limiter.admit(request.caller.clientId, (wait) => replyOf(context)?.header('Retry-After', String(wait)));
    requireScope(request.caller, ...scopes);
    return true;
  }
}

export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => requestOf(context).caller!);
