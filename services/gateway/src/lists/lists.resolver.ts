import { UseInterceptors } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { IdempotencyKey } from '../api/request-context';
import { ListsApi } from './lists-api.service';
import { ImportMeasuresEditionDto, ListEntriesQueryDto, ListEntryDetailView, ListEntryView, ListNoticeView, MeasureListView, MeasuresQueryDto, ProposeListEntryDto } from './lists.dto';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';

@Resolver()
@UseInterceptors(IdempotencyInterceptor) // Idempotency-Key on its mutations
export class ListsResolver {
  constructor(private readonly api: ListsApi) {}

  @Mutation(() => ListEntryDetailView, { description: '提出名单认定（本部门为认定部门）/ propose a list entry (the caller’s department identifies)' })
  @RequireScope(Scopes.listsWrite)
  proposeListEntry(@CurrentCaller() caller: Caller, @Args('input') input: ProposeListEntryDto, @IdempotencyKey() key?: string): Promise<ListEntryDetailView> {
    return this.api.propose(caller, input, key);
  }

  @Query(() => [ListEntryView], { description: '主体的名单情况 / a subject’s list entries' })
  @RequireScope(Scopes.listsRead)
  listEntries(@CurrentCaller() caller: Caller, @Args('query') query: ListEntriesQueryDto): Promise<ListEntryView[]> {
    return this.api.entries(caller, query);
  }

  @Query(() => ListEntryDetailView, { description: '名单条目及其变更 / one list entry with its transitions' })
  @RequireScope(Scopes.listsRead)
  listEntry(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<ListEntryDetailView> {
    return this.api.entry(caller, id);
  }

  @Query(() => ListNoticeView, { description: '名单告知书 / the notice of a list entry' })
  @RequireScope(Scopes.listsRead)
  listNotice(@Args('entryId', { type: () => ID }) entryId: string): Promise<ListNoticeView> {
    return this.api.notice(entryId);
  }

  @Query(() => MeasureListView, { description: '联合奖惩措施清单 / the measures list' })
  @RequireScope(Scopes.listsRead)
  measures(@Args('filter', { nullable: true }) filter?: MeasuresQueryDto): Promise<MeasureListView> {
    return this.api.measures(filter ?? {});
  }

  @Mutation(() => MeasureListView, { description: '信用办：导入措施清单新版本（CSV）/ credit office: import a new edition of the measures list (CSV)' })
  @RequireScope(Scopes.admin)
  importMeasuresEdition(@CurrentCaller() caller: Caller, @Args('input') input: ImportMeasuresEditionDto): Promise<MeasureListView> {
    return this.api.importEdition(caller, input);
  }
}
