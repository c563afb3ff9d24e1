import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { errorResponses } from '../api/rest.controller';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { ChecksApi } from './checks-api.service';
import { CheckBatchDto, CheckBatchResultView, CheckDto, CheckLogPageView, CheckLogQueryDto, CheckResultView } from './checks.dto';

/** REST: checks (逢办必查) and the department's check log. */
@ApiTags('checks')
@ApiBearerAuth('bearer')
@Controller('api/v1/checks')
export class ChecksController {
  constructor(private readonly api: ChecksApi) {}

  @Post()
  @HttpCode(200)
  @RequireScope(Scopes.checksPerform)
  @ApiOperation({
    summary: '核查主体信用（逢办必查）/ check a subject before a matter',
    description:
      'Scope `checks:perform`. Returns the verdict (REJECT for a mandatory bar — 一票否决, RESTRICT, REVIEW, PROCEED, PROCEED_WITH_INCENTIVES), the measures that apply with their basis, the evidence, the written notice and the policy version. Every check is logged before it is answered.',
  })
  @ApiResponse({ status: 200, type: CheckResultView })
  @errorResponses(400, 401, 403, 429, 503)
  check(@CurrentCaller() caller: Caller, @Body() body: CheckDto): Promise<CheckResultView> {
    return this.api.check(caller, body);
  }

  @Post('batch')
  @HttpCode(200)
  @RequireScope(Scopes.checksPerform)
  @ApiOperation({ summary: '批量核查（最多 500 个）/ check up to 500 subjects', description: 'Scope `checks:perform`. A bad identifier refuses only its own item.' })
  @ApiResponse({ status: 200, type: CheckBatchResultView })
  @errorResponses(400, 401, 403, 429, 503)
  checkBatch(@CurrentCaller() caller: Caller, @Body() body: CheckBatchDto): Promise<CheckBatchResultView> {
    return this.api.checkBatch(caller, body);
  }

  @Post('log/search')
  @HttpCode(200)
  @RequireScope(Scopes.checksRead)
  @ApiOperation({
    summary: '查询核查日志 / search the check log',
    description: 'Scope `checks:read`. A department sees its own checks; the credit office (`admin`) every department’s. Newest first; cursor pagination.',
  })
  @ApiResponse({ status: 200, type: CheckLogPageView })
  @errorResponses(400, 401, 403, 429, 503)
  searchLog(@CurrentCaller() caller: Caller, @Body() body: CheckLogQueryDto): Promise<CheckLogPageView> {
    return this.api.checkLog(caller, body);
  }

  @Get('log')
  @RequireScope(Scopes.checksRead)
  @ApiOperation({ summary: '核查日志（按办件号、日期）/ the check log by case reference and dates', description: 'Scope `checks:read`. Same as POST log/search without a subject.' })
  @ApiResponse({ status: 200, type: CheckLogPageView })
  @errorResponses(400, 401, 403, 429, 503)
  log(@CurrentCaller() caller: Caller, @Query() query: CheckLogQueryDto): Promise<CheckLogPageView> {
    return this.api.checkLog(caller, { ...query, subject: undefined });
  }
}
