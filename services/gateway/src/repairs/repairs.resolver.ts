import { UseInterceptors } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { IdempotencyKey } from '../api/request-context';
import { RepairsApi } from './repairs-api.service';
import {
  ApplyForRepairDto,
  CommitmentBreachDto,
  DecideRepairDto,
  ReminderLetterView,
  RepairApplicationView,
  RepairEligibilityDto,
  RepairEligibilityView,
  RepairPageView,
  RepairQueryDto,
  RepairStatisticsQueryDto,
  RepairStatisticsView,
} from './repairs.dto';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';

@Resolver()
@UseInterceptors(IdempotencyInterceptor) // Idempotency-Key on its mutations
export class RepairsResolver {
  constructor(private readonly api: RepairsApi) {}

  @Mutation(() => RepairApplicationView, { description: '申请信用修复（免费；不符合条件的申请以 REFUSED 记录并说明原因）/ apply for repair (free; an ineligible one is REFUSED with reasons)' })
  @RequireScope(Scopes.repairsApply)
  applyForRepair(@CurrentCaller() caller: Caller, @Args('input') input: ApplyForRepairDto, @IdempotencyKey() key?: string): Promise<RepairApplicationView> {
    return this.api.apply(caller, input, key);
  }

  @Mutation(() => RepairApplicationView, { description: '作出修复决定（仅认定部门）/ decide a repair application (deciding department only)' })
  @RequireScope(Scopes.repairsDecide)
  decideRepair(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: DecideRepairDto,
    @IdempotencyKey() key?: string,
  ): Promise<RepairApplicationView> {
    return this.api.decide(caller, id, input, key);
  }

  @Mutation(() => RepairApplicationView, {
    description: '报告违反修复承诺（仅认定部门或信用办；修复被撤销）/ report a broken repair commitment (deciding department or credit office; the repair is revoked)',
  })
  @RequireScope(Scopes.repairsDecide)
  reportCommitmentBreach(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: CommitmentBreachDto,
    @IdempotencyKey() key?: string,
  ): Promise<RepairApplicationView> {
    return this.api.reportBreach(caller, id, input, key);
  }

  @Query(() => RepairEligibilityView, { description: '修复条件预检：现在能否修复，否则最早何时 / may it be repaired now, and from when' })
  @RequireScope(Scopes.repairsApply)
  repairEligibility(@CurrentCaller() caller: Caller, @Args('input') input: RepairEligibilityDto): Promise<RepairEligibilityView> {
    return this.api.eligibility(caller, input);
  }

  @Query(() => RepairApplicationView, { description: '查看修复申请（提交部门、认定部门、信用办）/ one repair application (filing or deciding department, credit office)' })
  @RequireScope(Scopes.repairsApply, Scopes.repairsDecide)
  repairApplication(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<RepairApplicationView> {
    return this.api.get(caller, id);
  }

  @Query(() => RepairPageView, {
    description: '修复申请列表：本部门提交的（REQUESTED）或待本部门决定的（TO_DECIDE），最新在前 / applications filed by or to be decided by the department, newest first',
  })
  @RequireScope(Scopes.repairsApply, Scopes.repairsDecide)
  repairApplications(@CurrentCaller() caller: Caller, @Args('filter', { nullable: true }) filter?: RepairQueryDto): Promise<RepairPageView> {
    return this.api.list(caller, filter ?? {});
  }

  @Query(() => ReminderLetterView, { description: '信用修复提醒告知函 / the repair reminder letter of a record' })
  @RequireScope(Scopes.repairsApply, Scopes.repairsDecide)
  reminderLetter(@CurrentCaller() caller: Caller, @Args('recordId', { type: () => ID }) recordId: string): Promise<ReminderLetterView> {
    return this.api.reminderLetter(caller, recordId);
  }

  @Query(() => RepairStatisticsView, { description: '信用修复统计（本部门；信用办可查全部）/ repair statistics (own department; the credit office all)' })
  @RequireScope(Scopes.repairsDecide)
  repairStatistics(@CurrentCaller() caller: Caller, @Args('filter', { nullable: true }) filter?: RepairStatisticsQueryDto): Promise<RepairStatisticsView> {
    return this.api.statistics(caller, filter ?? {});
  }
}
