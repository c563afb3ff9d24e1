import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IdempotencyKey } from '../api/request-context';
import { errorResponses } from '../api/rest.controller';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { IDEMPOTENCY_HEADER_DOC } from '../objections/objections.controller';
import { CommitmentsApi } from './commitments-api.service';
import { CommitmentPageView, CommitmentsQueryDto, CommitmentView, MakeCommitmentDto, RecordFulfilmentDto } from './commitments.dto';

/** REST: credit commitments (信用承诺) received at a department's window, and their fulfilment. */
@ApiTags('commitments')
@ApiBearerAuth('bearer')
@Controller('api/v1/commitments')
export class CommitmentsController {
  constructor(private readonly api: CommitmentsApi) {}

  @Post()
  @RequireScope(Scopes.commitmentsWrite)
  @ApiOperation({
    summary: '受理信用承诺 / receive a subject’s credit commitment',
    description:
      'Scope `commitments:write`. The receiving department comes from the token. An idempotency key is required (body `idempotencyKey` or the `Idempotency-Key` header): the same key and content give the same commitment, the same key with other content 409.',
  })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiResponse({ status: 201, type: CommitmentView })
  @errorResponses(400, 401, 403, 409, 413, 429, 503)
  make(@CurrentCaller() caller: Caller, @Body() body: MakeCommitmentDto, @IdempotencyKey() key: string | undefined): Promise<CommitmentView> {
    return this.api.make(caller, body, key);
  }

  @Post(':commitmentId/fulfilment')
  @HttpCode(200)
  @RequireScope(Scopes.commitmentsWrite)
  @ApiOperation({
    summary: '记录履约情况 / record the fulfilment of a commitment',
    description: 'Scope `commitments:write`; only the receiving department, once (the identical request again changes nothing). BREACHED (未履约) becomes an adverse record (COMMITMENT_BREACH).',
  })
  @ApiResponse({ status: 200, type: CommitmentView })
  @errorResponses(400, 401, 403, 404, 409, 429, 503)
  fulfil(@CurrentCaller() caller: Caller, @Param('commitmentId') commitmentId: string, @Body() body: RecordFulfilmentDto): Promise<CommitmentView> {
    return this.api.fulfil(caller, commitmentId, body);
  }

  @Get()
  @RequireScope(Scopes.commitmentsRead)
  @ApiOperation({
    summary: '信用承诺列表 / commitments by receiving department or subject',
    description:
      'Scope `commitments:read`. A department lists the commitments it received (by `subjectKey` too: only its own); the credit office (`admin`) any department’s or any subject’s. Newest first; cursor paging, at most 100 per page.',
  })
  @ApiResponse({ status: 200, type: CommitmentPageView })
  @errorResponses(400, 401, 403, 429, 503)
  list(@CurrentCaller() caller: Caller, @Query() query: CommitmentsQueryDto): Promise<CommitmentPageView> {
    return this.api.list(caller, query);
  }

  @Get(':commitmentId')
  @RequireScope(Scopes.commitmentsRead)
  @ApiOperation({ summary: '一项信用承诺 / one commitment', description: 'Scope `commitments:read`. By id or code; the receiving department or the credit office, anyone else 404.' })
  @ApiResponse({ status: 200, type: CommitmentView })
  @errorResponses(401, 403, 404, 429, 503)
  get(@CurrentCaller() caller: Caller, @Param('commitmentId') commitmentId: string): Promise<CommitmentView> {
    return this.api.get(caller, commitmentId);
  }
}
