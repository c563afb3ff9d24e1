import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceDefinition, type ServiceDeps } from '@credit/runtime';
import { JOINT_REWARD_PUNISHMENT_MIGRATIONS } from './database/migrations';

export const JOINT_REWARD_PUNISHMENT: ServiceDefinition = {
  name: 'joint-reward-punishment',
  schema: 'joint_reward_punishment',
  entities: [],
  migrations: JOINT_REWARD_PUNISHMENT_MIGRATIONS,
};

/** 联合奖惩: measures list, red / serious-dishonesty / key-attention lists (filled by its own issue). Boots, owns its schema (outbox and inbox), answers health checks. */
@Module({})
export class JointRewardPunishmentModule {
  static forRoot(deps: ServiceDeps): DynamicModule {
    return { module: JointRewardPunishmentModule, imports: [ServiceCoreModule.forRoot(JOINT_REWARD_PUNISHMENT, deps)] };
  }
}
