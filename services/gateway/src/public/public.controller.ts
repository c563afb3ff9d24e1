import { Controller, Get, Inject, Injectable, Param, Req, Res, type OnModuleInit } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CREDIT_CHECK_SERVICE_NAME, severityName, type CreditCheckServiceClient } from '@credit/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { call, CREDIT_CHECK_CLIENT, traceMetadata } from '../api/backends';
import { errorResponses } from '../api/rest.controller';
import { RateLimiter } from '../auth/rate-limiter';

export class PublicRecordView {
  @ApiProperty() catalogueItemCode: string;
  @ApiProperty({ description: 'PENALTY | LICENSING | …' }) category: string;
  @ApiProperty({ description: '决定文书号 / decision number' }) decisionNumber: string;
  @ApiProperty() decisionDate: string;
  @ApiProperty({ description: '信息提供单位 / provider' }) providerDepartmentId: string;
  @ApiPropertyOptional({ description: 'MINOR | GENERAL | SERIOUS' }) severity?: string;
  @ApiPropertyOptional({ description: '公示截止（不含）/ shown until (exclusive)' }) publicityEnd?: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '公开信息项 / public fields' }) fields: Record<string, unknown>;
}

export class PublicRecordsView {
  @ApiProperty({ description: '平台是否有该主体 / the platform knows the organisation' }) found: boolean;
  @ApiProperty() name: string;
  @ApiProperty() uscc: string;
  @ApiProperty({ description: '查询日期 / the day the answer is for' }) asOf: string;
  @ApiProperty({ type: () => [PublicRecordView] }) records: PublicRecordView[];
}

/** Per client IP (behind the ingress: X-Forwarded-For, trusted proxy), per gateway process. */
const PUBLIC_RATE = { perSecond: 5, burst: 20 };

/**
 * 公示查询: what the public may see about an organisation (双公示 — administrative licensing and penalty
 * decisions in their publicity window), without a token. Natural persons' information is never public.
 */
@Injectable()
export class PublicApi implements OnModuleInit {
  private checks!: CreditCheckServiceClient;

  constructor(@Inject(CREDIT_CHECK_CLIENT) private readonly client: ClientGrpc) {}

  onModuleInit(): void {
    this.checks = this.client.getService<CreditCheckServiceClient>(CREDIT_CHECK_SERVICE_NAME);
  }

  async records(uscc: string): Promise<PublicRecordsView> {
    const result = await call(this.checks.getPublicRecords({ uscc }, traceMetadata()));
    return {
      found: result.found,
      name: result.name,
      uscc: result.uscc,
      asOf: result.asOf,
      records: result.records.map((r) => ({
        catalogueItemCode: r.catalogueItemCode,
        category: r.category,
        decisionNumber: r.decisionNumber,
        decisionDate: r.decisionDate,
        providerDepartmentId: r.providerDepartmentId,
        severity: severityName(r.severity),
        publicityEnd: r.publicityEnd || undefined,
        fields: JSON.parse(r.fieldsJson || '{}'),
      })),
    };
  }
}

@ApiTags('public')
@Controller('api/v1/public')
export class PublicController {
  private readonly limiter = new RateLimiter(PUBLIC_RATE.perSecond, PUBLIC_RATE.burst);

  constructor(private readonly api: PublicApi) {}

  @Get('organisations/:uscc/records')
  @ApiOperation({
    summary: '公示查询（无需令牌）/ public query of an organisation (no token)',
    description: 'Licensing and penalty decisions that may be shown today (双公示): PUBLIC information only, penalties within their publicity window. Rate-limited per client address.',
  })
  @ApiResponse({ status: 200, type: PublicRecordsView })
  @errorResponses(400, 429, 503)
  async records(@Param('uscc') uscc: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<PublicRecordsView> {
    this.limiter.admit(request.ip, (wait) => void reply.header('Retry-After', String(wait)));
    return this.api.records(uscc);
  }
}
