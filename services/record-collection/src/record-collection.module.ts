import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceDefinition, type ServiceDeps } from '@credit/runtime';
import { CatalogueService } from './catalogue/catalogue.service';
import { RECORD_COLLECTION_MIGRATIONS } from './database/migrations';
import { RECORD_COLLECTION_ENTITIES } from './entities';
import { ImportsGrpcController } from './imports/imports.grpc.controller';
import { ImportsService } from './imports/imports.service';
import { ReactionsConsumer } from './reactions/reactions.consumer';
import { PublicitySweepService } from './records/publicity-sweep.service';
import { RecordStatusService } from './records/record-status.service';
import { RecordsGrpcController } from './records/records.grpc.controller';
import { RecordsService } from './records/records.service';

export const RECORD_COLLECTION: ServiceDefinition = {
  name: 'record-collection',
  schema: 'record_collection',
  entities: RECORD_COLLECTION_ENTITIES,
  migrations: RECORD_COLLECTION_MIGRATIONS,
};

/**
 * 信用信息归集: catalogue and responsibility, records (single, batch, corrections, revocations), subjects,
 * publicity end; reacts to objection outcomes and repairs; publishes credit.records.v1.
 */
@Module({})
export class RecordCollectionModule {
  static forRoot(deps: ServiceDeps): DynamicModule {
    return {
      module: RecordCollectionModule,
      imports: [ServiceCoreModule.forRoot(RECORD_COLLECTION, deps)],
      controllers: [RecordsGrpcController, ImportsGrpcController],
      providers: [CatalogueService, RecordsService, RecordStatusService, PublicitySweepService, ReactionsConsumer, ImportsService],
    };
  }
}
