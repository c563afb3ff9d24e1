import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { errorResponses } from '../api/rest.controller';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { FeedbackApi } from './feedback-api.service';
import { CheckCaseView, FeedbackDto, FeedbackStatisticsDto, FeedbackStatisticsView, MeasureNoticeView, PendingFeedbackView, QuarterlyPublicationDto, QuarterlyPublicationView } from './feedback.dto';

/** REST: feedback on the measures a check triggered (奖惩案例自动反馈), notices, statistics, publication. */
@ApiTags('feedback')
@ApiBearerAuth('bearer')
@Controller('api/v1')
export class FeedbackController {
  constructor(private readonly api: FeedbackApi) {}

  @Post('checks/:checkId/feedback')
  @HttpCode(200)
  @RequireScope(Scopes.checksPerform)
  @ApiOperation({
    summary: '反馈措施执行情况 / report what was done with each triggered measure',
    description: 'Scope `checks:perform`; only the department that made the check. APPLIED needs a start date and an outcome; NOT_APPLIED a reason. Sending the same feedback again changes nothing.',
  })
  @ApiResponse({ status: 200, type: CheckCaseView })
  @errorResponses(400, 401, 403, 404, 409, 429, 503)
  submit(@CurrentCaller() caller: Caller, @Param('checkId') checkId: string, @Body() body: FeedbackDto): Promise<CheckCaseView> {
    return this.api.submit(caller, checkId, body);
  }

  @Get('checks/:checkId/case')
  @RequireScope(Scopes.checksRead)
  @ApiOperation({ summary: '奖惩案例 / the case of a check: triggered measures and their feedback', description: 'Scope `checks:read`; own department (credit office: any).' })
  @ApiResponse({ status: 200, type: CheckCaseView })
  @errorResponses(401, 403, 404, 429, 503)
  getCase(@CurrentCaller() caller: Caller, @Param('checkId') checkId: string): Promise<CheckCaseView> {
    return this.api.getCase(caller, checkId);
  }

  @Get('checks/:checkId/notices/:measureCode')
  @RequireScope(Scopes.checksRead)
  @ApiOperation({ summary: '措施书面告知 / the written notice of an applied measure', description: 'Scope `checks:read`.' })
  @ApiResponse({ status: 200, type: MeasureNoticeView })
  @errorResponses(401, 403, 404, 429, 503)
  notice(@CurrentCaller() caller: Caller, @Param('checkId') checkId: string, @Param('measureCode') measureCode: string): Promise<MeasureNoticeView> {
    return this.api.notice(caller, checkId, measureCode);
  }

  @Get('checks/:checkId/notices/:measureCode/pdf')
  @RequireScope(Scopes.checksRead)
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: '措施书面告知 PDF / the written notice of an applied measure as PDF',
    description: 'Scope `checks:read`; the checking department or the credit office. A withdrawn notice is marked 已撤回 with the objection and date.',
  })
  @ApiResponse({ status: 200, description: 'application/pdf' })
  @errorResponses(401, 403, 404, 429, 503)
  async noticePdf(@CurrentCaller() caller: Caller, @Param('checkId') checkId: string, @Param('measureCode') measureCode: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const notice = await this.api.noticePdf(caller, checkId, measureCode);
    void reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${encodeURIComponent(notice.fileName || `${notice.noticeNumber}.pdf`)}"`);
    return Buffer.from(notice.pdf);
  }

  @Get('feedback/pending')
  @RequireScope(Scopes.checksRead)
  @ApiOperation({ summary: '逾期未反馈的案例 / cases past their feedback deadline', description: 'Scope `checks:read`; own department (credit office: any or all).' })
  @ApiQuery({ name: 'departmentId', required: false })
  @ApiResponse({ status: 200, type: [PendingFeedbackView] })
  @errorResponses(401, 403, 429, 503)
  pending(@CurrentCaller() caller: Caller, @Query('departmentId') departmentId?: string): Promise<PendingFeedbackView[]> {
    return this.api.pending(caller, departmentId);
  }

  @Post('feedback/statistics')
  @HttpCode(200)
  @RequireScope(Scopes.checksRead)
  @ApiOperation({ summary: '措施执行统计 / measures triggered, applied, declined and pending', description: 'Scope `checks:read`; own department (credit office: any or all).' })
  @ApiResponse({ status: 200, type: FeedbackStatisticsView })
  @errorResponses(400, 401, 403, 429, 503)
  statistics(@CurrentCaller() caller: Caller, @Body() body: FeedbackStatisticsDto): Promise<FeedbackStatisticsView> {
    return this.api.statistics(caller, body);
  }

  @Post('lists/publications')
  @RequireScope(Scopes.admin)
  @ApiOperation({ summary: '信用办：季度公布红黑名单 / credit office: publish a quarter’s red and black lists', description: 'Scope `admin`. Persons masked; stored once per quarter.' })
  @ApiResponse({ status: 201, type: QuarterlyPublicationView })
  @errorResponses(400, 401, 403, 409, 429, 503)
  publish(@CurrentCaller() caller: Caller, @Body() body: QuarterlyPublicationDto): Promise<QuarterlyPublicationView> {
    return this.api.publish(caller, body);
  }
}
