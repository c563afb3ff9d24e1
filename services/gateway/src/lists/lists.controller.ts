import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { errorResponses } from '../api/rest.controller';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { IDEMPOTENCY_HEADER_DOC } from '../objections/objections.controller';
import { IdempotencyKey } from '../api/request-context';
import { ListsApi } from './lists-api.service';
import { ImportMeasuresEditionDto, ListEntriesQueryDto, ListEntryDetailView, ListEntryView, ListNoticeView, MeasureListView, MeasuresQueryDto, ProposeListEntryDto } from './lists.dto';

/** REST: red / serious-dishonesty / key-attention lists and the measures list (联合奖惩). */
@ApiTags('lists')
@ApiBearerAuth('bearer')
@Controller('api/v1/lists')
export class ListsController {
  constructor(private readonly api: ListsApi) {}

  @Post()
  @RequireScope(Scopes.listsWrite)
  @ApiOperation({
    summary: '提出名单认定 / propose a list entry',
    description:
      'Scope `lists:write`. The identifying department (认定部门) comes from the token. The subject is notified (告知) and may object before the entry takes effect.',
  })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiResponse({ status: 201, type: ListEntryDetailView })
  @errorResponses(400, 401, 403, 404, 409, 413, 429, 503)
  propose(@CurrentCaller() caller: Caller, @Body() body: ProposeListEntryDto, @IdempotencyKey() key: string | undefined): Promise<ListEntryDetailView> {
    return this.api.propose(caller, body, key);
  }

  @Post('search')
  @HttpCode(200)
  @RequireScope(Scopes.listsRead)
  @ApiOperation({
    summary: '主体的名单情况 / a subject’s list entries',
    description: 'Scope `lists:read`. Current entries, newest first (`includeEnded` adds ended ones). POST because the subject may carry an ID number, which must not appear in a URL.',
  })
  @ApiResponse({ status: 200, type: [ListEntryView] })
  @errorResponses(400, 401, 403, 429, 503)
  search(@CurrentCaller() caller: Caller, @Body() body: ListEntriesQueryDto): Promise<ListEntryView[]> {
    return this.api.entries(caller, body);
  }

  @Get('measures')
  @RequireScope(Scopes.listsRead)
  @ApiOperation({ summary: '联合奖惩措施清单 / the measures list', description: 'Scope `lists:read`. The edition in force today unless one is named.' })
  @ApiResponse({ status: 200, type: MeasureListView })
  @errorResponses(400, 401, 403, 404, 429, 503)
  measures(@Query() query: MeasuresQueryDto): Promise<MeasureListView> {
    return this.api.measures(query);
  }

  @Get('measures/csv')
  @RequireScope(Scopes.listsRead)
  @ApiProduces('text/csv')
  @ApiOperation({ summary: '措施清单 CSV / the measures list as CSV', description: 'Scope `lists:read`. UTF-8 with a header row; `|` separates the values of a multi-valued column.' })
  @ApiResponse({ status: 200, description: 'text/csv', schema: { type: 'string' } })
  @errorResponses(400, 401, 403, 404, 429, 503)
  async measuresCsv(@Query() query: MeasuresQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { editionId, csv } = await this.api.measuresCsv(query);
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="measures-${editionId}.csv"`);
    return csv;
  }

  @Post('measures/editions')
  @RequireScope(Scopes.admin)
  @ApiOperation({
    summary: '信用办：导入措施清单新版本 / credit office: import a new edition of the measures list',
    description:
      'Scope `admin`. The CSV text in the export’s format (`GET /lists/measures/csv`). Every row is validated (an unknown type, class, effect, channel, target list, grade, subject type or matter type names its row and column; nothing is stored then). Takes effect on `effectiveFrom` (not before today, after the latest edition’s); past editions never change.',
  })
  @ApiResponse({ status: 201, type: MeasureListView })
  @errorResponses(400, 401, 403, 409, 413, 429, 503)
  importEdition(@CurrentCaller() caller: Caller, @Body() body: ImportMeasuresEditionDto): Promise<MeasureListView> {
    return this.api.importEdition(caller, body);
  }

  @Get(':id')
  @RequireScope(Scopes.listsRead)
  @ApiOperation({ summary: '名单条目 / one list entry', description: 'Scope `lists:read`. With its transitions, oldest first.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, type: ListEntryDetailView })
  @errorResponses(401, 403, 404, 429, 503)
  entry(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<ListEntryDetailView> {
    return this.api.entry(caller, id);
  }

  @Get(':id/notice')
  @RequireScope(Scopes.listsRead)
  @ApiOperation({ summary: '名单告知书 / the notice of a list entry', description: 'Scope `lists:read`. The notice (告知书) sent to the subject, with the end of its objection window.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, type: ListNoticeView })
  @errorResponses(401, 403, 404, 429, 503)
  notice(@Param('id') id: string): Promise<ListNoticeView> {
    return this.api.notice(id);
  }

  @Get(':id/notice/pdf')
  @RequireScope(Scopes.listsRead)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: '名单告知书 PDF / the notice of a list entry as PDF', description: 'Scope `lists:read`. A4, Chinese font embedded.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'application/pdf' })
  @errorResponses(401, 403, 404, 429, 503)
  async noticePdf(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const notice = await this.api.noticePdf(id);
    void reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${encodeURIComponent(notice.fileName || `${notice.noticeNumber}.pdf`)}"`);
    return Buffer.from(notice.pdf);
  }
}
