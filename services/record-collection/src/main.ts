import 'reflect-metadata';
import { ProtoFiles } from '@credit/contracts';
import { runClusterService, runMain } from '@credit/runtime';
import { RecordCollectionModule } from './record-collection.module';

runMain(() =>
  runClusterService({
    name: 'record-collection',
    module: (deps) => RecordCollectionModule.forRoot(deps),
    defaultHttpPort: 3001,
    grpc: { protoFile: ProtoFiles.recordCollection, defaultPort: 50051 },
  }),
);
