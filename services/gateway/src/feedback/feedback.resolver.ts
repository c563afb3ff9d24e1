import { UseInterceptors } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { FeedbackApi } from './feedback-api.service';
import { CheckCaseView, FeedbackDto, FeedbackStatisticsDto, FeedbackStatisticsView, MeasureNoticeView, PendingFeedbackView, QuarterlyPublicationDto, QuarterlyPublicationView } from './feedback.dto';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';

@Resolver()
@UseInterceptors(IdempotencyInterceptor) // Idempotency-Key on its mutations
export class FeedbackResolver {
  constructor(private readonly api: FeedbackApi) {}

  @Mutation(() => CheckCaseView, { description: '反馈措施执行情况 / report what was done with each triggered measure' })
  @RequireScope(Scopes.checksPerform)
  submitFeedback(@CurrentCaller() caller: Caller, @Args('checkId') checkId: string, @Args('input') input: FeedbackDto): Promise<CheckCaseView> {
    return this.api.submit(caller, checkId, input);
  }

  @Query(() => CheckCaseView, { description: '奖惩案例 / the case of a check' })
  @RequireScope(Scopes.checksRead)
  checkCase(@CurrentCaller() caller: Caller, @Args('checkId') checkId: string): Promise<CheckCaseView> {
    return this.api.getCase(caller, checkId);
  }

  @Query(() => MeasureNoticeView, { description: '措施书面告知 / the written notice of an applied measure' })
  @RequireScope(Scopes.checksRead)
  measureNotice(@CurrentCaller() caller: Caller, @Args('checkId') checkId: string, @Args('measureCode') measureCode: string): Promise<MeasureNoticeView> {
    return this.api.notice(caller, checkId, measureCode);
  }

  @Query(() => [PendingFeedbackView], { description: '逾期未反馈的案例 / cases past their feedback deadline' })
  @RequireScope(Scopes.checksRead)
  pendingFeedback(@CurrentCaller() caller: Caller, @Args('departmentId', { nullable: true }) departmentId?: string): Promise<PendingFeedbackView[]> {
    return this.api.pending(caller, departmentId);
  }

  @Query(() => FeedbackStatisticsView, { description: '措施执行统计 / measures triggered, applied, declined, pending' })
  @RequireScope(Scopes.checksRead)
  feedbackStatistics(@CurrentCaller() caller: Caller, @Args('filter') filter: FeedbackStatisticsDto): Promise<FeedbackStatisticsView> {
    return this.api.statistics(caller, filter);
  }

  @Mutation(() => QuarterlyPublicationView, { description: '信用办：季度公布红黑名单 / credit office: publish a quarter’s lists' })
  @RequireScope(Scopes.admin)
  publishQuarterlyLists(@CurrentCaller() caller: Caller, @Args('input') input: QuarterlyPublicationDto): Promise<QuarterlyPublicationView> {
    return this.api.publish(caller, input);
  }
}
