import { ArgumentsHost, Catch, HttpException, Inject, type ExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { throwError, type Observable } from 'rxjs';
import { LOGGER } from '../service/tokens';
import { AppError, type ErrorDetail } from './app-error';

/** The error body of REST and of GraphQL's `extensions`: stable code, zh/en message, field path, request id. */
export interface ErrorBody {
  error: { code: string; message: { zh: string; en: string }; field?: string; details: ErrorDetail[]; requestId: string };
}

/** Maps anything thrown to the error model; internals (stacks, SQL) are logged, never returned. */
export function normalizeError(exception: unknown, log: Logger): AppError {
  if (exception instanceof AppError) return exception;
  const e = exception as { statusCode?: number };
  const status = exception instanceof HttpException ? exception.getStatus() : (e?.statusCode ?? 500);
  if (status === 413) return AppError.one('TOO_LARGE', 'PAYLOAD_TOO_LARGE', '请求体过大', 'Request body too large');
  if (status === 415) return AppError.one('VALIDATION', 'UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型', 'Unsupported content type');
  if (status === 404) return AppError.one('NOT_FOUND', 'NOT_FOUND', '资源不存在', 'Not found');
  if (status === 400) return AppError.one('VALIDATION', 'BAD_REQUEST', '请求格式错误（如 JSON 无效）', 'Malformed request (e.g. invalid JSON)');
  log.error({ err: exception }, 'unhandled error');
  return AppError.one('INTERNAL', 'INTERNAL_ERROR', '内部错误', 'Internal error');
}

export function errorBody(error: AppError, requestId: string): ErrorBody {
  const first = error.errors[0];
  return { error: { code: first.code, message: first.message, field: first.field, details: error.errors, requestId } };
}

/**
 * One global filter for every service: HTTP gets the JSON error body, gRPC a status whose message
 * carries the error model (parsed back by `AppError.fromGrpc`); GraphQL errors are left to its formatter.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly log: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    const type = host.getType<string>();
    if (type === 'graphql') throw exception;
    const error = normalizeError(exception, this.log);
    if (type === 'rpc') {
      return throwError(() => new RpcException({ code: error.grpcStatus, message: error.toGrpcMessage() }).getError());
    }
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.status(error.httpStatus).send(errorBody(error, String(request.id)));
  }
}
