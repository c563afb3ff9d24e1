import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AppError } from '@credit/runtime';
import { Scopes, type Caller } from '../auth/clients.service';

interface WithCaller {
  headers: Record<string, string | string[] | undefined>;
  caller?: Caller;
}

function requestOf(context: ExecutionContext): WithCaller {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext<{ req: WithCaller }>().req;
  return context.switchToHttp().getRequest<WithCaller>();
}


/**
 * The request's `Idempotency-Key` header (already validated by the idempotency hooks for REST, the interceptor for
 * GraphQL), for both alike. Passed on to the owning service, so a retry is deduplicated there too, also when the
 * gateway's replay does not apply (another body, or a key the gateway freed after an error).
 */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const raw = requestOf(context).headers['idempotency-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  return key || undefined;
});

/** True for the credit office (信用办), which sees every department's cases and statistics. */
export const isCreditOffice = (caller: Caller): boolean => caller.scopes.includes(Scopes.admin);

/** The department a supervision query is for: the credit office may name any (or none: all); others only their own. */
export function supervisedDepartment(caller: Caller, requested: string | undefined): string {
  if (isCreditOffice(caller)) return requested ?? '';
  if (requested && requested !== caller.departmentId) {
    throw AppError.one('FORBIDDEN', 'DEPARTMENT_NOT_ALLOWED', '只能查询本部门的统计，全部部门须由信用办查询', 'Only your own department; the credit office (admin) sees every department', 'departmentId');
  }
  return caller.departmentId;
}
