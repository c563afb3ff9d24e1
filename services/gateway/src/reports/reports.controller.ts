import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { errorResponses } from '../api/rest.controller';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { ReportsApi } from './reports-api.service';
import { CreditReportView, GradeDto, InspectionSampleDto, InspectionSampleView, IssueReportDto, ReportPublicKeyView, ReportVerificationView, SubjectGradeView, VerifyReportDto } from './reports.dto';

/** REST: credit reports, their public verification, grades and inspection sampling. */
@ApiTags('reports')
@Controller('api/v1')
export class ReportsController {
  constructor(private readonly api: ReportsApi) {}

  @Post('reports')
  @ApiBearerAuth('bearer')
  @RequireScope(Scopes.checksPerform)
  @ApiOperation({ summary: '出具信用报告 / issue a signed credit report', description: 'Scope `checks:perform`. Valid 12 months (policy); the PDF is at `/reports/{number}/pdf`.' })
  @ApiResponse({ status: 201, type: CreditReportView })
  @errorResponses(400, 401, 403, 429, 503)
  issue(@CurrentCaller() caller: Caller, @Body() body: IssueReportDto): Promise<CreditReportView> {
    return this.api.issue(caller, body);
  }

  @Get('reports/public-keys')
  @ApiOperation({ summary: '报告签名公钥（公开）/ the report signing public keys (public)', description: 'No token needed: anyone can check a signature offline.' })
  @ApiResponse({ status: 200, type: [ReportPublicKeyView] })
  publicKeys(): Promise<ReportPublicKeyView[]> {
    return this.api.publicKeys();
  }

  @Post('reports/verification')
  @HttpCode(200)
  @ApiOperation({
    summary: '核验信用报告（公开）/ verify a credit report (public)',
    description: 'No token needed: whoever received a report checks that it is unaltered and still valid. Send the PDF (base64) or the JSON text.',
  })
  @ApiResponse({ status: 200, type: ReportVerificationView })
  @errorResponses(400, 413, 503)
  verify(@Body() body: VerifyReportDto): Promise<ReportVerificationView> {
    return this.api.verify(body);
  }

  @Get('reports/:reportNumber')
  @ApiBearerAuth('bearer')
  @RequireScope(Scopes.checksPerform)
  @ApiOperation({ summary: '查询信用报告 / a credit report', description: 'Scope `checks:perform`.' })
  @ApiResponse({ status: 200, type: CreditReportView })
  @errorResponses(401, 403, 404, 429, 503)
  get(@CurrentCaller() caller: Caller, @Param('reportNumber') reportNumber: string): Promise<CreditReportView> {
    return this.api.get(caller, reportNumber);
  }

  @Get('reports/:reportNumber/pdf')
  @ApiBearerAuth('bearer')
  @RequireScope(Scopes.checksPerform)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: '信用报告 PDF / the report as PDF', description: 'Scope `checks:perform`. The exact bytes that were signed.' })
  @ApiResponse({ status: 200, description: 'application/pdf' })
  @errorResponses(401, 403, 404, 429, 503)
  async pdf(@CurrentCaller() caller: Caller, @Param('reportNumber') reportNumber: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const pdf = await this.api.pdf(caller, reportNumber);
    void reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${encodeURIComponent(reportNumber)}.pdf"`);
    return pdf;
  }

  @Post('grades')
  @HttpCode(200)
  @ApiBearerAuth('bearer')
  @RequireScope(Scopes.checksPerform)
  @ApiOperation({ summary: '主体信用等级（分级分类）/ a subject’s credit grade', description: 'Scope `checks:perform`. A–D from the versioned model, with the 双随机 sampling ratio of the grade.' })
  @ApiResponse({ status: 200, type: SubjectGradeView })
  @errorResponses(400, 401, 403, 429, 503)
  grade(@CurrentCaller() caller: Caller, @Body() body: GradeDto): Promise<SubjectGradeView> {
    return this.api.grade(caller, body);
  }

  @Post('inspections/sample')
  @HttpCode(200)
  @ApiBearerAuth('bearer')
  @RequireScope(Scopes.checksPerform)
  @ApiOperation({ summary: '双随机抽查：按信用等级加权抽取 / draw inspection targets weighted by grade', description: 'Scope `checks:perform`. Reproducible: the same seed and population give the same sample.' })
  @ApiResponse({ status: 200, type: InspectionSampleView })
  @errorResponses(400, 401, 403, 429, 503)
  sample(@CurrentCaller() caller: Caller, @Body() body: InspectionSampleDto): Promise<InspectionSampleView> {
    return this.api.sample(caller, body);
  }
}
