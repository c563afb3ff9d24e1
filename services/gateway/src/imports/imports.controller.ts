import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorResponses } from '../api/rest.controller';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { ImportsApi } from './imports-api.service';
import { ImportErrorsQueryDto, ImportStatusView, ImportUploadQueryDto } from './imports.dto';

/** REST: bulk imports of records (批量导入), NDJSON or CSV files of any size, streamed. */
@ApiTags('imports')
@ApiBearerAuth('bearer')
@Controller('api/v1/imports')
export class ImportsController {
  constructor(private readonly api: ImportsApi) {}

  @Post()
  @HttpCode(201)
  @RequireScope(Scopes.recordsWrite)
  @ApiConsumes('application/x-ndjson', 'text/csv')
  @ApiOperation({
    summary: '批量导入信用记录 / import a file of records',
    description:
      'Scope `records:write`; the submitting department comes from the token. Body: NDJSON (one record per line, the shape of POST /api/v1/records) or CSV with a header row ' +
      '(subjectType, subjectName, uscc, idNumber, decisionNumber, decisionDate, severity, catalogueItemCode?, fieldsJson?; other columns are fields). ' +
      'The body is streamed and stored chunk by chunk; each row is validated independently and a rejected row stores nothing. Re-posting the same file with the same `batchKey` ' +
      'resumes an interrupted upload and creates nothing new.',
  })
  @ApiResponse({ status: 201, type: ImportStatusView })
  @errorResponses(400, 401, 403, 404, 409, 413, 429, 503)
  upload(@CurrentCaller() caller: Caller, @Req() request: FastifyRequest, @Query() query: ImportUploadQueryDto): Promise<ImportStatusView> {
    return this.api.upload(caller, request.headers['content-type'], (request.body ?? request.raw) as AsyncIterable<Buffer>, query);
  }

  @Get(':id')
  @RequireScope(Scopes.recordsWrite)
  @ApiOperation({ summary: '导入批次状态 / an import batch', description: 'Scope `records:write`; only the department’s own batches.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, type: ImportStatusView })
  @errorResponses(401, 403, 404, 429, 503)
  get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<ImportStatusView> {
    return this.api.get(caller, id);
  }

  @Get(':id/errors')
  @RequireScope(Scopes.recordsWrite)
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiOperation({
    summary: '导入错误明细 / the rejected rows of an import',
    description: 'Scope `records:write`. One line per problem: line number, field, code, message (zh, en); CSV with a header row (default) or NDJSON.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'text/csv or application/x-ndjson', schema: { type: 'string' } })
  @errorResponses(400, 401, 403, 404, 429, 503)
  async errors(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Query() query: ImportErrorsQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { contentType, content } = await this.api.errors(caller, id, query.format);
    const extension = query.format === 'ndjson' ? 'ndjson' : 'csv';
    void reply.header('content-type', contentType).header('content-disposition', `attachment; filename="import-${id}-errors.${extension}"`);
    return content;
  }
}
