import 'reflect-metadata';
import { runClusterService, runMain } from '@credit/runtime';
import { ObjectionModule } from './objection.module';

runMain(() =>
  runClusterService({
    name: 'objection',
    module: (deps) => ObjectionModule.forRoot(deps),
    defaultHttpPort: 3006,
  }),
);
