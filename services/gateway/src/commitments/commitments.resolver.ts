import { UseInterceptors } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdempotencyKey } from '../api/request-context';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { CommitmentsApi } from './commitments-api.service';
import { CommitmentPageView, CommitmentsQueryDto, CommitmentView, MakeCommitmentDto, RecordFulfilmentDto } from './commitments.dto';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';

@Resolver()
@UseInterceptors(IdempotencyInterceptor) // Idempotency-Key on its mutations
export class CommitmentsResolver {
  constructor(private readonly api: CommitmentsApi) {}

  @Mutation(() => CommitmentView, { description: '受理信用承诺 / receive a subject’s credit commitment' })
  @RequireScope(Scopes.commitmentsWrite)
  makeCommitment(@CurrentCaller() caller: Caller, @Args('input') input: MakeCommitmentDto, @IdempotencyKey() key: string | undefined): Promise<CommitmentView> {
    return this.api.make(caller, input, key);
  }

  @Mutation(() => CommitmentView, { description: '记录履约情况 / record the fulfilment of a commitment' })
  @RequireScope(Scopes.commitmentsWrite)
  recordFulfilment(@CurrentCaller() caller: Caller, @Args('commitmentId') commitmentId: string, @Args('input') input: RecordFulfilmentDto): Promise<CommitmentView> {
    return this.api.fulfil(caller, commitmentId, input);
  }

  @Query(() => CommitmentView, { description: '一项信用承诺 / one commitment' })
  @RequireScope(Scopes.commitmentsRead)
  commitment(@CurrentCaller() caller: Caller, @Args('commitmentId') commitmentId: string): Promise<CommitmentView> {
    return this.api.get(caller, commitmentId);
  }

  @Query(() => CommitmentPageView, { description: '信用承诺列表 / commitments by receiving department or subject' })
  @RequireScope(Scopes.commitmentsRead)
  commitments(@CurrentCaller() caller: Caller, @Args('filter', { nullable: true }) filter?: CommitmentsQueryDto): Promise<CommitmentPageView> {
    return this.api.list(caller, filter ?? {});
  }
}
