import { UseInterceptors } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { SubmitRecordDto, SubmitRecordResult } from '../api/dto';
import { PlatformApi } from '../api/platform-api.service';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';

@Resolver()
@UseInterceptors(IdempotencyInterceptor) // Idempotency-Key on its mutations
export class PlatformResolver {
  constructor(private readonly api: PlatformApi) {}

  @Mutation(() => SubmitRecordResult, { description: '提交一条信用信息 / submit one credit record' })
  @RequireScope(Scopes.recordsWrite)
  submitRecord(@CurrentCaller() caller: Caller, @Args('input') input: SubmitRecordDto): Promise<SubmitRecordResult> {
    return this.api.submitRecord(caller, input);
  }
}
