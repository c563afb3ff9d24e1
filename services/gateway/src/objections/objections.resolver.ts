import { UseInterceptors } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { ObjectionsApi } from './objections-api.service';
import {
  DecideObjectionDto,
  FileObjectionDto,
  FileObjectionResultView,
  ObjectionNotificationQueryDto,
  ObjectionNotificationView,
  ObjectionPageView,
  ObjectionQueryDto,
  ObjectionStatisticsQueryDto,
  ObjectionStatisticsView,
  ObjectionView,
} from './objections.dto';
import { IdempotencyKey } from '../api/request-context';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';

@Resolver()
@UseInterceptors(IdempotencyInterceptor) // Idempotency-Key on its mutations
export class ObjectionsResolver {
  constructor(private readonly api: ObjectionsApi) {}

  @Mutation(() => FileObjectionResultView, { description: '提出异议（标注“异议处理中”，暂停相关惩戒措施）/ file an objection (marks the target, suspends the measures on it)' })
  @RequireScope(Scopes.objectionsFile)
  fileObjection(@CurrentCaller() caller: Caller, @Args('input') input: FileObjectionDto, @IdempotencyKey() key?: string): Promise<FileObjectionResultView> {
    return this.api.file(caller, input, key);
  }

  @Mutation(() => ObjectionView, { description: '作出核查结论（仅核查部门）/ decide an objection (verifying department only)' })
  @RequireScope(Scopes.objectionsDecide)
  decideObjection(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: DecideObjectionDto,
    @IdempotencyKey() key?: string,
  ): Promise<ObjectionView> {
    return this.api.decide(caller, id, input, key);
  }

  @Query(() => ObjectionView, { description: '查看异议（提出部门、核查部门、信用办）/ one objection (filing or verifying department, credit office)' })
  @RequireScope(Scopes.objectionsFile, Scopes.objectionsDecide)
  objection(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<ObjectionView> {
    return this.api.get(caller, id);
  }

  @Query(() => ObjectionPageView, { description: '异议列表：本部门提出的（FILED）或待本部门核查的（VERIFYING）/ objections filed by or to be verified by the department' })
  @RequireScope(Scopes.objectionsFile, Scopes.objectionsDecide)
  objections(@CurrentCaller() caller: Caller, @Args('filter', { nullable: true }) filter?: ObjectionQueryDto): Promise<ObjectionPageView> {
    return this.api.list(caller, filter ?? {});
  }

  @Query(() => ObjectionStatisticsView, { description: '异议处理统计（本部门；信用办可查全部）/ objection statistics (own department; the credit office all)' })
  @RequireScope(Scopes.objectionsDecide)
  objectionStatistics(@CurrentCaller() caller: Caller, @Args('filter', { nullable: true }) filter?: ObjectionStatisticsQueryDto): Promise<ObjectionStatisticsView> {
    return this.api.statistics(caller, filter ?? {});
  }

  @Query(() => [ObjectionNotificationView], { description: '核查提醒与督办（本部门）/ reminders and escalations for the department' })
  @RequireScope(Scopes.objectionsDecide)
  objectionNotifications(
    @CurrentCaller() caller: Caller,
    @Args('filter', { nullable: true }) filter?: ObjectionNotificationQueryDto,
  ): Promise<ObjectionNotificationView[]> {
    return this.api.notifications(caller, filter ?? {});
  }
}
