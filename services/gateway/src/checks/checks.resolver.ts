import { UseInterceptors } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { ChecksApi } from './checks-api.service';
import { CheckBatchDto, CheckBatchResultView, CheckDto, CheckLogPageView, CheckLogQueryDto, CheckResultView } from './checks.dto';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';

@Resolver()
@UseInterceptors(IdempotencyInterceptor) // Idempotency-Key on its mutations
export class ChecksResolver {
  constructor(private readonly api: ChecksApi) {}

  @Mutation(() => CheckResultView, { description: '核查主体信用（逢办必查，记入核查日志）/ check a subject before a matter (logged)' })
  @RequireScope(Scopes.checksPerform)
  check(@CurrentCaller() caller: Caller, @Args('input') input: CheckDto): Promise<CheckResultView> {
    return this.api.check(caller, input);
  }

  @Mutation(() => CheckBatchResultView, { description: '批量核查（最多 500 个）/ check up to 500 subjects for one matter' })
  @RequireScope(Scopes.checksPerform)
  checkBatch(@CurrentCaller() caller: Caller, @Args('input') input: CheckBatchDto): Promise<CheckBatchResultView> {
    return this.api.checkBatch(caller, input);
  }

  @Query(() => CheckLogPageView, { description: '核查日志（本部门；信用办可查全部）/ the check log (own department; the credit office all)' })
  @RequireScope(Scopes.checksRead)
  checkLog(@CurrentCaller() caller: Caller, @Args('filter', { nullable: true }) filter?: CheckLogQueryDto): Promise<CheckLogPageView> {
    return this.api.checkLog(caller, filter ?? {});
  }
}
