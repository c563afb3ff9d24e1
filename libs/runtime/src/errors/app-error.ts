import { status as GrpcStatus } from '@grpc/grpc-js';

/** One error model for REST, GraphQL and gRPC: a stable code, a field path, the message in Chinese and English. */
export interface ErrorDetail {
  code: string;
  field?: string;
  message: { zh: string; en: string };
}

export type ErrorKind = 'VALIDATION' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'CONFLICT' | 'TOO_LARGE' | 'RATE_LIMITED' | 'UNAVAILABLE' | 'INTERNAL';

const HTTP_STATUS: Record<ErrorKind, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

const GRPC_STATUS: Record<ErrorKind, GrpcStatus> = {
  VALIDATION: GrpcStatus.INVALID_ARGUMENT,
  UNAUTHENTICATED: GrpcStatus.UNAUTHENTICATED,
  FORBIDDEN: GrpcStatus.PERMISSION_DENIED,
  NOT_FOUND: GrpcStatus.NOT_FOUND,
  CONFLICT: GrpcStatus.ALREADY_EXISTS,
  TOO_LARGE: GrpcStatus.RESOURCE_EXHAUSTED,
  RATE_LIMITED: GrpcStatus.RESOURCE_EXHAUSTED,
  UNAVAILABLE: GrpcStatus.UNAVAILABLE,
  INTERNAL: GrpcStatus.INTERNAL,
};

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly errors: ErrorDetail[],
  ) {
    super(errors.map((e) => `${e.code}${e.field ? ` (${e.field})` : ''}: ${e.message.en}`).join('; '));
    this.name = 'AppError';
  }

  static validation(errors: ErrorDetail[]): AppError {
    return new AppError('VALIDATION', errors);
  }

  static one(kind: ErrorKind, code: string, zh: string, en: string, field?: string): AppError {
    return new AppError(kind, [{ code, field, message: { zh, en } }]);
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.kind];
  }

  get grpcStatus(): GrpcStatus {
    return GRPC_STATUS[this.kind];
  }

  /** Wire form inside a gRPC status message, parsed back by `AppError.fromGrpc`. */
  toGrpcMessage(): string {
    return JSON.stringify({ kind: this.kind, errors: this.errors });
  }

  static fromGrpc(error: unknown): AppError {
    const e = error as { code?: number; details?: string };
    if (typeof e?.details === 'string') {
      try {
        const parsed = JSON.parse(e.details) as { kind?: ErrorKind; errors?: ErrorDetail[] };
        if (parsed.kind && Array.isArray(parsed.errors)) return new AppError(parsed.kind, parsed.errors);
      } catch {
        // not ours: fall through
      }
    }
    if (e?.code === GrpcStatus.UNAVAILABLE || e?.code === GrpcStatus.DEADLINE_EXCEEDED) {
      return AppError.one('UNAVAILABLE', 'SERVICE_UNAVAILABLE', '服务暂不可用，请稍后重试', 'Service temporarily unavailable, retry later');
    }
    return AppError.one('INTERNAL', 'INTERNAL_ERROR', '内部错误', 'Internal error');
  }
}
