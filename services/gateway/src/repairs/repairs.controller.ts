import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { errorResponses } from '../api/rest.controller';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { IDEMPOTENCY_HEADER_DOC } from '../objections/objections.controller';
import { IdempotencyKey } from '../api/request-context';
import { RepairsApi } from './repairs-api.service';
import {
  ApplyForRepairDto,
  CommitmentBreachDto,
  DecideRepairDto,
  ReminderLetterView,
  RepairApplicationView,
  RepairEligibilityDto,
  RepairEligibilityView,
  RepairPageView,
  RepairQueryDto,
  RepairStatisticsQueryDto,
  RepairStatisticsView,
} from './repairs.dto';

/** REST: credit repair (信用修复) — reminder letters, eligibility, applications, decisions, supervision. */
@ApiTags('repairs')
@ApiBearerAuth('bearer')
@Controller('api/v1/repairs')
export class RepairsController {
  constructor(private readonly api: RepairsApi) {}

  @Post()
  @RequireScope(Scopes.repairsApply)
  @ApiOperation({
    summary: '申请信用修复（免费）/ apply for credit repair (free of charge)',
    description:
      'Scope `repairs:apply`. An ineligible application is stored as REFUSED with every unmet condition and the earliest eligible date (201, not an error); an eligible one is ACCEPTED with its feedback and decision due dates. Evidence files are referenced by SHA-256 (no upload).',
  })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiResponse({ status: 201, type: RepairApplicationView })
  @errorResponses(400, 401, 403, 404, 409, 413, 429, 503)
  apply(@CurrentCaller() caller: Caller, @Body() body: ApplyForRepairDto, @IdempotencyKey() key: string | undefined): Promise<RepairApplicationView> {
    return this.api.apply(caller, body, key);
  }

  @Post('eligibility')
  @HttpCode(200)
  @RequireScope(Scopes.repairsApply)
  @ApiOperation({
    summary: '修复条件预检 / may it be repaired, and from when',
    description: 'Scope `repairs:apply`. Nothing is stored. POST because the subject may carry an ID number, which must not appear in a URL.',
  })
  @ApiResponse({ status: 200, type: RepairEligibilityView })
  @errorResponses(400, 401, 403, 404, 429, 503)
  eligibility(@CurrentCaller() caller: Caller, @Body() body: RepairEligibilityDto): Promise<RepairEligibilityView> {
    return this.api.eligibility(caller, body);
  }

  @Get()
  @RequireScope(Scopes.repairsApply, Scopes.repairsDecide)
  @ApiOperation({
    summary: '修复申请列表 / list repair applications',
    description:
      'Scope `repairs:apply` for role REQUESTED (what the department filed), `repairs:decide` for role TO_DECIDE (its decision queue). The credit office (`admin`) sees every department, or one with `departmentId`. Filter by status and subject key. Newest first; cursor pagination, at most 100 per page.',
  })
  @ApiResponse({ status: 200, type: RepairPageView })
  @errorResponses(400, 401, 403, 429, 503)
  list(@CurrentCaller() caller: Caller, @Query() query: RepairQueryDto): Promise<RepairPageView> {
    return this.api.list(caller, query);
  }

  @Get('statistics')
  @RequireScope(Scopes.repairsDecide)
  @ApiOperation({
    summary: '信用修复统计 / repair statistics',
    description: 'Scope `repairs:decide` for the department’s own cases; the credit office (`admin`) every department’s: by status, on-time decision rate, overdue, repeat repairs.',
  })
  @ApiResponse({ status: 200, type: RepairStatisticsView })
  @errorResponses(400, 401, 403, 429, 503)
  statistics(@CurrentCaller() caller: Caller, @Query() query: RepairStatisticsQueryDto): Promise<RepairStatisticsView> {
    return this.api.statistics(caller, query);
  }

  @Get('reminder-letters/:recordId')
  @RequireScope(Scopes.repairsApply, Scopes.repairsDecide)
  @ApiOperation({ summary: '信用修复提醒告知函 / the repair reminder letter of a record', description: 'Scope `repairs:apply` or `repairs:decide`. Issued with the penalty decision (两书同达).' })
  @ApiParam({ name: 'recordId', format: 'uuid' })
  @ApiResponse({ status: 200, type: ReminderLetterView })
  @errorResponses(401, 403, 404, 429, 503)
  reminderLetter(@CurrentCaller() caller: Caller, @Param('recordId') recordId: string): Promise<ReminderLetterView> {
    return this.api.reminderLetter(caller, recordId);
  }

  @Get(':id')
  @RequireScope(Scopes.repairsApply, Scopes.repairsDecide)
  @ApiOperation({
    summary: '查看修复申请 / one repair application',
    description: 'Scope `repairs:apply` or `repairs:decide`. Only the department that filed it, the deciding department and the credit office may read it; anyone else gets 404.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, type: RepairApplicationView })
  @errorResponses(401, 403, 404, 429, 503)
  get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<RepairApplicationView> {
    return this.api.get(caller, id);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @RequireScope(Scopes.repairsDecide)
  @ApiOperation({
    summary: '作出修复决定 / decide a repair application',
    description: 'Scope `repairs:decide`; only the deciding department (the penalty’s provider or the list’s identifying department), once. APPROVED stops publicity and ends list entries everywhere; REJECTED needs reasons.',
  })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, type: RepairApplicationView })
  @errorResponses(400, 401, 403, 404, 409, 429, 503)
  decide(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: DecideRepairDto,
    @IdempotencyKey() key: string | undefined,
  ): Promise<RepairApplicationView> {
    return this.api.decide(caller, id, body, key);
  }

  @Post(':id/commitment-breach')
  @HttpCode(200)
  @RequireScope(Scopes.repairsDecide)
  @ApiOperation({
    summary: '报告违反修复承诺 / report a broken repair commitment',
    description:
      'Scope `repairs:decide`; only the deciding department, or the credit office (`admin`). The repair is revoked and the record is displayed for its full maximum period.',
  })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, type: RepairApplicationView })
  @errorResponses(400, 401, 403, 404, 409, 429, 503)
  reportBreach(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: CommitmentBreachDto,
    @IdempotencyKey() key: string | undefined,
  ): Promise<RepairApplicationView> {
    return this.api.reportBreach(caller, id, body, key);
  }
}
