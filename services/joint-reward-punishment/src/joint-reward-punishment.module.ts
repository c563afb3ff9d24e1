import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceDefinition, type ServiceDeps } from '@credit/runtime';
import { JOINT_REWARD_PUNISHMENT_MIGRATIONS } from './database/migrations';
import { JOINT_REWARD_PUNISHMENT_ENTITIES } from './entities';
import { CasesConsumer } from './feedback/cases.consumer';
import { FeedbackStatisticsService } from './feedback/feedback-statistics.service';
import { FeedbackService } from './feedback/feedback.service';
import { NoticeWithdrawalConsumer } from './feedback/notice-withdrawal.consumer';
import { CleanYearsService } from './lists/clean-years.service';
import { JrpClock } from './lists/clock';
import { DailySweepService, JRP_OPTIONS, type JointRewardPunishmentOptions } from './lists/daily-sweep.service';
import { JrpGrpcController } from './lists/jrp.grpc.controller';
import { ListEntriesService } from './lists/list-entries.service';
import { ListProposalsService } from './lists/list-proposals.service';
import { ListsConsumer } from './lists/lists.consumer';
import { MeasuresService } from './measures/measures.service';
import { PublicationService } from './publication/publication.service';

export const JOINT_REWARD_PUNISHMENT: ServiceDefinition = {
  name: 'joint-reward-punishment',
  schema: 'joint_reward_punishment',
  entities: JOINT_REWARD_PUNISHMENT_ENTITIES,
  migrations: JOINT_REWARD_PUNISHMENT_MIGRATIONS,
};

/**
 * 联合奖惩: the measures list (versioned editions), red / serious-dishonesty / key-attention list entries with
 * their notices and lifecycle, auto-initiation rules on credit.records.v1 (and the clean-years rule on the daily
 * sweep); publishes credit.lists.v1. Cases from credit.checks.v1 with the departments' feedback, the notices of
 * measures applied, feedback statistics and the quarterly red/black list publication.
 */
@Module({})
export class JointRewardPunishmentModule {
  static forRoot(deps: ServiceDeps, options: JointRewardPunishmentOptions = {}): DynamicModule {
    return {
      module: JointRewardPunishmentModule,
      imports: [ServiceCoreModule.forRoot(JOINT_REWARD_PUNISHMENT, deps)],
      controllers: [JrpGrpcController],
      providers: [
        { provide: JRP_OPTIONS, useValue: options },
        JrpClock,
        MeasuresService,
        ListEntriesService,
        ListProposalsService,
        ListsConsumer,
        CleanYearsService,
        DailySweepService,
        FeedbackService,
        FeedbackStatisticsService,
        CasesConsumer,
        NoticeWithdrawalConsumer,
        PublicationService,
      ],
    };
  }
}
