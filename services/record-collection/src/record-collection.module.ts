import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceDefinition, type ServiceDeps } from '@credit/runtime';
import { RECORD_COLLECTION_MIGRATIONS } from './database/migrations';
import { RECORD_COLLECTION_ENTITIES } from './entities';
import { RecordsGrpcController } from './records/records.grpc.controller';
import { RecordsService } from './records/records.service';

export const RECORD_COLLECTION: ServiceDefinition = {
  name: 'record-collection',
  schema: 'record_collection',
  entities: RECORD_COLLECTION_ENTITIES,
  migrations: RECORD_COLLECTION_MIGRATIONS,
};

/** 信用信息归集: catalogue, records, subjects; publishes credit.records.v1. */
@Module({})
export class RecordCollectionModule {
  static forRoot(deps: ServiceDeps): DynamicModule {
    return {
      module: RecordCollectionModule,
      imports: [ServiceCoreModule.forRoot(RECORD_COLLECTION, deps)],
      controllers: [RecordsGrpcController],
      providers: [RecordsService],
    };
  }
}
