import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { SubmitRecordDto, SubmitRecordResult } from './dto';
import { ErrorBodyDoc } from './error-body.doc';
import { PlatformApi } from './platform-api.service';

const errors = (...statuses: number[]) =>
  statuses.map((status) => ApiResponse({ status, description: ERROR_TEXT[status], schema: { $ref: getSchemaPath(ErrorBodyDoc) } }));
const ERROR_TEXT: Record<number, string> = {
  400: '输入无效 / invalid input (nothing stored)',
  401: '缺少或无效的令牌 / missing or invalid token',
  403: '权限不足 / scope or department not allowed',
  409: 'Idempotency-Key 冲突 / idempotency key reused with another body',
  413: '请求体过大 / body too large',
  429: '请求过多 / rate limited (see Retry-After)',
  503: '服务暂不可用 / a service is unavailable; retry',
};
const applyAll = (decorators: MethodDecorator[]): MethodDecorator => (target, key, descriptor) => {
  for (const d of decorators) d(target, key, descriptor);
};

/** The error responses of an operation, documented with the error model. */
export const errorResponses = (...statuses: number[]): MethodDecorator => applyAll(errors(...statuses));

/** REST API for departmental systems (`/api/v1`). */
@ApiTags('records')
@ApiBearerAuth('bearer')
@Controller('api/v1')
export class RestController {
  constructor(private readonly api: PlatformApi) {}

  /** 201 for a new record or version, 200 when an identical record was already stored. */
  @Post('records')
  @RequireScope(Scopes.recordsWrite)
  @ApiOperation({ summary: '提交一条信用信息 / submit one credit record', description: 'Scope `records:write`. The submitting department comes from the token.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–128 chars; a retry with the same key and body replays the first response' })
  @ApiResponse({ status: 201, type: SubmitRecordResult, description: 'CREATED or NEW_VERSION' })
  @ApiResponse({ status: 200, type: SubmitRecordResult, description: 'UNCHANGED: an identical record was already stored' })
  @applyAll(errors(400, 401, 403, 409, 413, 429, 503))
  async submitRecord(
    @CurrentCaller() caller: Caller,
    @Body() body: SubmitRecordDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SubmitRecordResult> {
    const result = await this.api.submitRecord(caller, body);
    void reply.status(result.outcome === 'UNCHANGED' ? 200 : 201);
    return result;
  }
}
