import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { CheckDto, SubmitRecordDto, type CheckResult, type SubmitRecordResult } from './dto';
import { PlatformApi } from './platform-api.service';

/** REST API for departmental systems (`/api/v1`). */
@Controller('api/v1')
export class RestController {
  constructor(private readonly api: PlatformApi) {}

  /** 201 for a new record or version, 200 when an identical record was already stored. */
  @Post('records')
  @RequireScope(Scopes.recordsWrite)
  async submitRecord(
    @CurrentCaller() caller: Caller,
    @Body() body: SubmitRecordDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SubmitRecordResult> {
    const result = await this.api.submitRecord(caller, body);
    void reply.status(result.outcome === 'UNCHANGED' ? 200 : 201);
    return result;
  }

  @Post('checks')
  @HttpCode(200)
  @RequireScope(Scopes.checksPerform)
  check(@CurrentCaller() caller: Caller, @Body() body: CheckDto): Promise<CheckResult> {
    return this.api.check(caller, body.subject);
  }
}
