import { createParamDecorator, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { requireScope, type Caller } from './clients.service';
import { TokenService } from './token.service';

const SCOPE = 'credit:scope';
/** The scope an operation needs; the guard authenticates and checks it for REST and GraphQL alike. */
export const RequireScope = (scope: string) => SetMetadata(SCOPE, scope);

interface WithCaller {
  headers: Record<string, string | undefined>;
  caller?: Caller;
}

function requestOf(context: ExecutionContext): WithCaller {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext<{ req: WithCaller }>().req;
  return context.switchToHttp().getRequest<WithCaller>();
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const scope = this.reflector.get<string | undefined>(SCOPE, context.getHandler());
    if (!scope) return true;
    const request = requestOf(context);
    request.caller = await this.tokens.verify(request.headers.authorization);
    requireScope(request.caller, scope);
    return true;
  }
}

export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => requestOf(context).caller!);
