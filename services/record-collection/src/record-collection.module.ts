import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceDefinition, type ServiceDeps } from '@credit/runtime';
import { CatalogueService } from './catalogue/catalogue.service';
import { FieldSchemas } from './catalogue/field-schemas';
import { CollectionClock } from './collection-clock';
import { CommitmentsGrpcController } from './commitments/commitments.grpc.controller';
import { CommitmentsService } from './commitments/commitments.service';
import { RECORD_COLLECTION_MIGRATIONS } from './database/migrations';
import { RECORD_COLLECTION_ENTITIES } from './entities';
import { ImportsGrpcController } from './imports/imports.grpc.controller';
import { ImportsService } from './imports/imports.service';
import { ReactionsConsumer } from './reactions/reactions.consumer';
import { PublicitySweepService } from './records/publicity-sweep.service';
import { RecordStatusService } from './records/record-status.service';
import { RecordsGrpcController } from './records/records.grpc.controller';
import { RecordsService } from './records/records.service';
import { TimelinessService } from './timeliness/timeliness.service';

export const RECORD_COLLECTION: ServiceDefinition = {
  name: 'record-collection',
  schema: 'record_collection',
  entities: RECORD_COLLECTION_ENTITIES,
  migrations: RECORD_COLLECTION_MIGRATIONS,
};

/**
 * 信用信息归集: catalogue and responsibility, records (single, batch, corrections, revocations), subjects,
 * publicity end, credit commitments, 双公示 timeliness, versioned field schemas; reacts to objection outcomes
 * and repairs; publishes credit.records.v1 and credit.commitments.v1.
 */
@Module({})
export class RecordCollectionModule {
  static forRoot(deps: ServiceDeps): DynamicModule {
    return {
      module: RecordCollectionModule,
      imports: [ServiceCoreModule.forRoot(RECORD_COLLECTION, deps)],
      controllers: [RecordsGrpcController, ImportsGrpcController, CommitmentsGrpcController],
      providers: [
        CollectionClock,
        FieldSchemas,
        CatalogueService,
        RecordsService,
        RecordStatusService,
        PublicitySweepService,
        ReactionsConsumer,
        ImportsService,
        CommitmentsService,
        TimelinessService,
      ],
    };
  }
}
