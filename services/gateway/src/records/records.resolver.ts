import { UseInterceptors } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { SubmitRecordResult } from '../api/dto';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { RecordsApi } from './records-api.service';
import {
  CatalogueItemView,
  CorrectRecordDto,
  CreditRecordView,
  PublishCatalogueVersionDto,
  RevokeRecordDto,
  SubmitRecordsDto,
  SubmitRecordsResultView,
  TimelinessQueryDto,
  TimelinessScorecardView,
} from './records.dto';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';

@Resolver()
@UseInterceptors(IdempotencyInterceptor) // Idempotency-Key on its mutations
export class RecordsResolver {
  constructor(private readonly api: RecordsApi) {}

  @Mutation(() => SubmitRecordsResultView, { description: '批量提交（最多 1000 条）/ submit up to 1,000 records' })
  @RequireScope(Scopes.recordsWrite)
  submitRecords(@CurrentCaller() caller: Caller, @Args('input') input: SubmitRecordsDto): Promise<SubmitRecordsResultView> {
    return this.api.submitRecords(caller, input);
  }

  @Mutation(() => SubmitRecordResult, { description: '更正本部门的信息 / correct the department’s own record' })
  @RequireScope(Scopes.recordsWrite)
  correctRecord(@CurrentCaller() caller: Caller, @Args('recordId') recordId: string, @Args('input') input: CorrectRecordDto): Promise<SubmitRecordResult> {
    return this.api.correct(caller, recordId, input);
  }

  @Mutation(() => CreditRecordView, { description: '撤销本部门的信息 / revoke the department’s own record' })
  @RequireScope(Scopes.recordsWrite)
  revokeRecord(@CurrentCaller() caller: Caller, @Args('recordId') recordId: string, @Args('input') input: RevokeRecordDto): Promise<CreditRecordView> {
    return this.api.revoke(caller, recordId, input);
  }

  @Query(() => CreditRecordView, { description: '本部门的一条信息及其全部版本 / a record of the department with its history' })
  @RequireScope(Scopes.recordsWrite)
  record(@CurrentCaller() caller: Caller, @Args('recordId') recordId: string): Promise<CreditRecordView> {
    return this.api.get(caller, recordId);
  }

  @Query(() => [CatalogueItemView], { description: '信用信息目录 / the catalogue' })
  @RequireScope(Scopes.recordsWrite)
  catalogueItems(@CurrentCaller() caller: Caller, @Args('mine', { nullable: true }) mine?: boolean): Promise<CatalogueItemView[]> {
    return this.api.catalogue(caller, mine === true);
  }

  @Mutation(() => CatalogueItemView, { description: '信用办：发布目录项新版本 / credit office: publish a new version of a catalogue item' })
  @RequireScope(Scopes.admin)
  publishCatalogueVersion(@CurrentCaller() caller: Caller, @Args('code') code: string, @Args('input') input: PublishCatalogueVersionDto): Promise<CatalogueItemView> {
    return this.api.publishVersion(caller, code, input);
  }

  @Query(() => TimelinessScorecardView, { description: '双公示及时性评分 / 双公示 timeliness scorecard' })
  @RequireScope(Scopes.recordsWrite)
  timelinessScorecard(@CurrentCaller() caller: Caller, @Args('filter') filter: TimelinessQueryDto): Promise<TimelinessScorecardView> {
    return this.api.scorecard(caller, filter);
  }
}
