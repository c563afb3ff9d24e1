import 'reflect-metadata';
import { ProtoFiles } from '@credit/contracts';
import { runClusterService, runMain } from '@credit/runtime';
import { CreditCheckModule } from './credit-check.module';

runMain(() =>
  runClusterService({
    name: 'credit-check',
    module: (deps) => CreditCheckModule.forRoot(deps),
    defaultHttpPort: 3002,
    grpc: { protoFile: ProtoFiles.creditCheck, defaultPort: 50052 },
  }),
);
