import 'reflect-metadata';
import { ProtoFiles } from '@credit/contracts';
import { runClusterService, runMain } from '@credit/runtime';
import { ObjectionModule } from './objection.module';

runMain(() =>
  runClusterService({
    name: 'objection',
    module: (deps) => ObjectionModule.forRoot(deps),
    defaultHttpPort: 3006,
    grpc: { protoFile: ProtoFiles.objection, defaultPort: 50056 },
  }),
);
