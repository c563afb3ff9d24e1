import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceDefinition, type ServiceDeps } from '@credit/runtime';
import { CREDIT_CHECK_MIGRATIONS } from './database/migrations';
import { ProfileConsumer } from './profile/profile.consumer';
import { ProfileGrpcController } from './profile/profile.grpc.controller';
import { ProfileService } from './profile/profile.service';
import { CheckCorrectionNoticeEntity, ProfileListEntryEntity, ProfileObjectionEntity, ProfileRecordEntity, SubjectProfileEntity } from './profile/subject-profile.entity';
import { CheckLogQueryService } from './check/check-log.query';
import { CheckLogPartitions, CheckLogWriter } from './check/check-log.writer';
import { CheckService } from './check/check.service';
import { MeasuresEditionEntity } from './measures/measures-edition.entity';
import { MeasuresEditionsService } from './measures/measures-editions.service';
import { MeasuresConsumer } from './measures/measures.consumer';
import { REPORT_GRADE_PROVIDERS } from './report/report-grade.rpc';

export const CREDIT_CHECK_ENTITIES = [SubjectProfileEntity, ProfileRecordEntity, ProfileListEntryEntity, ProfileObjectionEntity, CheckCorrectionNoticeEntity, MeasuresEditionEntity];

export const CREDIT_CHECK: ServiceDefinition = {
  name: 'credit-check',
  schema: 'credit_check',
  entities: CREDIT_CHECK_ENTITIES,
  migrations: CREDIT_CHECK_MIGRATIONS,
};

/** 信用核查: subject profiles built from events; checks with verdicts and measures, logged in a hash chain; answered by gRPC. */
@Module({})
export class CreditCheckModule {
  static forRoot(deps: ServiceDeps): DynamicModule {
    return {
      module: CreditCheckModule,
      imports: [ServiceCoreModule.forRoot(CREDIT_CHECK, deps)],
      controllers: [ProfileGrpcController],
      providers: [ProfileService, ProfileConsumer, CheckService, CheckLogWriter, CheckLogPartitions, CheckLogQueryService, MeasuresEditionsService, MeasuresConsumer, ...REPORT_GRADE_PROVIDERS],
    };
  }
}
