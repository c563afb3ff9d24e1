import 'reflect-metadata';
import { ProtoFiles } from '@credit/contracts';
import { DEFAULT_FEEDBACK_WORKING_DAYS } from '@credit/domain';
import { EnvReader, runClusterService, runMain } from '@credit/runtime';
import { JointRewardPunishmentModule } from './joint-reward-punishment.module';

runMain(async () => {
  const env = new EnvReader();
  // Working days a checking department has to feed back on the measures a check triggered.
  const feedbackWorkingDays = env.int('JRP_FEEDBACK_WORKING_DAYS', DEFAULT_FEEDBACK_WORKING_DAYS, { min: 1, max: 60 });
  env.done();
  await runClusterService({
    name: 'joint-reward-punishment',
    module: (deps) => JointRewardPunishmentModule.forRoot(deps, { feedbackWorkingDays }),
    defaultHttpPort: 3004,
    grpc: { protoFile: ProtoFiles.jointRewardPunishment, defaultPort: 50054 },
  });
});
