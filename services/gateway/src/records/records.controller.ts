import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SubmitRecordResult } from '../api/dto';
import { errorResponses } from '../api/rest.controller';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { RecordsApi } from './records-api.service';
import {
  CatalogueItemView,
  CatalogueResponsibilityDto,
  CorrectRecordDto,
  CreditRecordView,
  PublishCatalogueVersionDto,
  RevokeRecordDto,
  SubmitRecordsDto,
  SubmitRecordsResultView,
  TimelinessQueryDto,
  TimelinessScorecardView,
} from './records.dto';

/** REST: batches, corrections and revocations of the department's own records; the catalogue. */
@ApiTags('records')
@ApiBearerAuth('bearer')
@Controller('api/v1')
export class RecordsController {
  constructor(private readonly api: RecordsApi) {}

  @Post('records/batch')
  @HttpCode(200)
  @RequireScope(Scopes.recordsWrite)
  @ApiOperation({
    summary: '批量提交（最多 1000 条）/ submit up to 1,000 records',
    description: 'Scope `records:write`. Each row is validated and stored on its own: a rejected row stores nothing and names its index and field; the others are stored. Re-posting the same batch creates nothing new.',
  })
  @ApiResponse({ status: 200, type: SubmitRecordsResultView })
  @errorResponses(400, 401, 403, 409, 413, 429, 503)
  submitBatch(@CurrentCaller() caller: Caller, @Body() body: SubmitRecordsDto): Promise<SubmitRecordsResultView> {
    return this.api.submitRecords(caller, body);
  }

  @Get('records/:recordId')
  @RequireScope(Scopes.recordsWrite)
  @ApiOperation({ summary: '查询本部门一条信息及其全部版本 / a record of the department with its history', description: 'Scope `records:write`; ID numbers masked.' })
  @ApiResponse({ status: 200, type: CreditRecordView })
  @errorResponses(400, 401, 403, 404, 429, 503)
  get(@CurrentCaller() caller: Caller, @Param('recordId') recordId: string): Promise<CreditRecordView> {
    return this.api.get(caller, recordId);
  }

  @Post('records/:recordId/corrections')
  @RequireScope(Scopes.recordsWrite)
  @ApiOperation({ summary: '更正本部门的信息（新版本）/ correct the department’s own record (new version)', description: 'Scope `records:write`; only the provider.' })
  @ApiResponse({ status: 201, type: SubmitRecordResult })
  @errorResponses(400, 401, 403, 404, 409, 429, 503)
  correct(@CurrentCaller() caller: Caller, @Param('recordId') recordId: string, @Body() body: CorrectRecordDto): Promise<SubmitRecordResult> {
    return this.api.correct(caller, recordId, body);
  }

  @Post('records/:recordId/revocation')
  @HttpCode(200)
  @RequireScope(Scopes.recordsWrite)
  @ApiOperation({ summary: '撤销本部门的信息 / revoke the department’s own record', description: 'Scope `records:write`; only the provider. Revoking twice changes nothing.' })
  @ApiResponse({ status: 200, type: CreditRecordView })
  @errorResponses(400, 401, 403, 404, 429, 503)
  revoke(@CurrentCaller() caller: Caller, @Param('recordId') recordId: string, @Body() body: RevokeRecordDto): Promise<CreditRecordView> {
    return this.api.revoke(caller, recordId, body);
  }

  @Get('catalogue')
  @RequireScope(Scopes.recordsWrite)
  @ApiOperation({ summary: '信用信息目录 / the catalogue', description: 'Scope `records:write`. `mine=true`: only the items the department may submit to.' })
  @ApiQuery({ name: 'mine', required: false, type: Boolean })
  @ApiResponse({ status: 200, type: [CatalogueItemView] })
  @errorResponses(401, 403, 429, 503)
  catalogue(@CurrentCaller() caller: Caller, @Query('mine') mine?: string): Promise<CatalogueItemView[]> {
    return this.api.catalogue(caller, mine === 'true');
  }

  @Put('catalogue/:code/responsibility')
  @RequireScope(Scopes.admin)
  @ApiOperation({ summary: '信用办：设置部门报送责任 / credit office: grant or withdraw a department', description: 'Scope `admin`.' })
  @ApiResponse({ status: 200, type: CatalogueItemView })
  @errorResponses(400, 401, 403, 404, 429, 503)
  setResponsibility(@Param('code') code: string, @Body() body: CatalogueResponsibilityDto): Promise<CatalogueItemView> {
    return this.api.setResponsibility(code, body);
  }

  @Post('catalogue/:code/versions')
  @RequireScope(Scopes.admin)
  @ApiOperation({
    summary: '信用办：发布目录项新版本 / credit office: publish a new version of a catalogue item',
    description: 'Scope `admin`. Field schema, required and optional fields, …; applies to submissions from its effective date (today or later); stored records keep their version. Empty values keep the previous version’s.',
  })
  @ApiResponse({ status: 201, type: CatalogueItemView })
  @errorResponses(400, 401, 403, 404, 409, 429, 503)
  publishVersion(@CurrentCaller() caller: Caller, @Param('code') code: string, @Body() body: PublishCatalogueVersionDto): Promise<CatalogueItemView> {
    return this.api.publishVersion(caller, code, body);
  }

  @Get('timeliness')
  @RequireScope(Scopes.recordsWrite)
  @ApiOperation({
    summary: '双公示及时性评分 / 双公示 timeliness scorecard',
    description:
      'Scope `records:write`. Per department for decisions in [periodStart, periodEnd]: on-time rate against the policy’s working-day limit, overdue records, completeness of the optional standard fields, rejected-row rate. A department sees its own; the credit office (`admin`) any department, or every one without `departmentId`.',
  })
  @ApiResponse({ status: 200, type: TimelinessScorecardView })
  @errorResponses(400, 401, 403, 429, 503)
  timeliness(@CurrentCaller() caller: Caller, @Query() query: TimelinessQueryDto): Promise<TimelinessScorecardView> {
    return this.api.scorecard(caller, query);
  }
}
