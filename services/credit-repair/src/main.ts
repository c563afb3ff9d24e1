import 'reflect-metadata';
import { ProtoFiles } from '@credit/contracts';
import { runClusterService, runMain } from '@credit/runtime';
import { CreditRepairModule } from './credit-repair.module';

runMain(() =>
  runClusterService({
    name: 'credit-repair',
    module: (deps) => CreditRepairModule.forRoot(deps),
    defaultHttpPort: 3005,
    grpc: { protoFile: ProtoFiles.creditRepair, defaultPort: 50055 },
  }),
);
