import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { errorResponses } from '../api/rest.controller';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { ObjectionsApi } from './objections-api.service';
import {
  DecideObjectionDto,
  FileObjectionDto,
  FileObjectionResultView,
  ObjectionNotificationQueryDto,
  ObjectionNotificationView,
  ObjectionPageView,
  ObjectionQueryDto,
  ObjectionStatisticsQueryDto,
  ObjectionStatisticsView,
  ObjectionView,
} from './objections.dto';
import { IdempotencyKey } from '../api/request-context';

export const IDEMPOTENCY_HEADER_DOC = {
  name: 'Idempotency-Key',
  required: false,
  description: '8–128 位；相同键与相同请求体的重试返回首次结果（跨网关实例亦然）/ 8–128 chars; a retry with the same key and body returns the first result, through any gateway replica',
};

/** REST: objections (异议处理) — filing, verification outcome, queues and supervision. */
@ApiTags('objections')
@ApiBearerAuth('bearer')
@Controller('api/v1/objections')
export class ObjectionsController {
  constructor(private readonly api: ObjectionsApi) {}

  /** 201 for a new objection, 200 when the filing was merged into the objection already open on the target. */
  @Post()
  @RequireScope(Scopes.objectionsFile)
  @ApiOperation({
    summary: '提出异议 / file an objection',
    description:
      'Scope `objections:file`. The filing department comes from the token. The record or list entry is marked “under objection” at once and the punishment measures resting on it are suspended until the provider decides. A second filing on a target with an open objection is merged into it (200, `merged: true`). Attachments travel inline (Base64) within the 1 MiB request limit.',
  })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiResponse({ status: 201, type: FileObjectionResultView, description: '新异议 / a new objection' })
  @ApiResponse({ status: 200, type: FileObjectionResultView, description: '并入已在核查的异议 / merged into the open objection' })
  @errorResponses(400, 401, 403, 404, 409, 413, 429, 503)
  async file(
    @CurrentCaller() caller: Caller,
    @Body() body: FileObjectionDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FileObjectionResultView> {
    const result = await this.api.file(caller, body, key);
    void reply.status(result.merged ? 200 : 201);
    return result;
  }

  @Get()
  @RequireScope(Scopes.objectionsFile, Scopes.objectionsDecide)
  @ApiOperation({
    summary: '异议列表 / list objections',
    description:
      'Scope `objections:file` for role FILED (what the department filed), `objections:decide` for role VERIFYING (its verification queue). The credit office (`admin`) sees every department. Newest first; cursor pagination, at most 100 per page.',
  })
  @ApiResponse({ status: 200, type: ObjectionPageView })
  @errorResponses(400, 401, 403, 429, 503)
  list(@CurrentCaller() caller: Caller, @Query() query: ObjectionQueryDto): Promise<ObjectionPageView> {
    return this.api.list(caller, query);
  }

  @Get('statistics')
  @RequireScope(Scopes.objectionsDecide)
  @ApiOperation({
    summary: '异议处理统计 / objection handling statistics',
    description: 'Scope `objections:decide` for the department’s own figures; the credit office (`admin`) every department’s: open, overdue, escalated, median handling days, outcome shares.',
  })
  @ApiResponse({ status: 200, type: ObjectionStatisticsView })
  @errorResponses(400, 401, 403, 429, 503)
  statistics(@CurrentCaller() caller: Caller, @Query() query: ObjectionStatisticsQueryDto): Promise<ObjectionStatisticsView> {
    return this.api.statistics(caller, query);
  }

  @Get('notifications')
  @RequireScope(Scopes.objectionsDecide)
  @ApiOperation({ summary: '核查提醒与督办 / reminders and escalations', description: 'Scope `objections:decide`. Addressed to the caller’s department.' })
  @ApiResponse({ status: 200, type: [ObjectionNotificationView] })
  @errorResponses(400, 401, 403, 429, 503)
  notifications(@CurrentCaller() caller: Caller, @Query() query: ObjectionNotificationQueryDto): Promise<ObjectionNotificationView[]> {
    return this.api.notifications(caller, query);
  }

  @Get(':id')
  @RequireScope(Scopes.objectionsFile, Scopes.objectionsDecide)
  @ApiOperation({
    summary: '查看异议 / one objection',
    description: 'Scope `objections:file` or `objections:decide`. Only the filing departments, the verifying department and the credit office may read it. With statements, attachment metadata and history.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, type: ObjectionView })
  @errorResponses(400, 401, 403, 404, 429, 503)
  get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<ObjectionView> {
    return this.api.get(caller, id);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @RequireScope(Scopes.objectionsDecide)
  @ApiOperation({
    summary: '作出核查结论 / decide an objection',
    description:
      'Scope `objections:decide`; only the verifying department (the provider of the information). CORRECTED (with the corrected fields), REVOKED or MAINTAINED. A second, different decision is refused (409).',
  })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, type: ObjectionView })
  @errorResponses(400, 401, 403, 404, 409, 429, 503)
  decide(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: DecideObjectionDto,
    @IdempotencyKey() key: string | undefined,
  ): Promise<ObjectionView> {
    return this.api.decide(caller, id, body, key);
  }
}
