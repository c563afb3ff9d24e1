import 'reflect-metadata';
import { runClusterService, runMain } from '@credit/runtime';
import { CreditRepairModule } from './credit-repair.module';

runMain(() =>
  runClusterService({
    name: 'credit-repair',
    module: (deps) => CreditRepairModule.forRoot(deps),
    defaultHttpPort: 3005,
  }),
);
