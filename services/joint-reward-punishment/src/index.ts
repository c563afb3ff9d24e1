// Public surface for the composition root (standalone) and tools; other services must not import it.
export { JOINT_REWARD_PUNISHMENT, JointRewardPunishmentModule } from './joint-reward-punishment.module';
export type { JointRewardPunishmentOptions } from './lists/daily-sweep.service';
export { DailySweepService } from './lists/daily-sweep.service';
