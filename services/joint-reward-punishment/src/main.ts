import 'reflect-metadata';
import { ProtoFiles } from '@credit/contracts';
import { runClusterService, runMain } from '@credit/runtime';
import { JointRewardPunishmentModule } from './joint-reward-punishment.module';

runMain(() =>
  runClusterService({
    name: 'joint-reward-punishment',
    module: (deps) => JointRewardPunishmentModule.forRoot(deps),
    defaultHttpPort: 3004,
    grpc: { protoFile: ProtoFiles.jointRewardPunishment, defaultPort: 50054 },
  }),
);
