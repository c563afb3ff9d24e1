import { Module, type DynamicModule } from '@nestjs/common';
import { deadlineGauge, ServiceCoreModule, type ServiceDefinition, type ServiceDeps } from '@credit/runtime';
import { OBJECTION_MIGRATIONS } from './database/migrations';
import { DeadlineSweepService } from './objection/deadline-sweep.service';
import { ObjectionDecisionService } from './objection/objection-decision.service';
import { OBJECTION_ENTITIES } from './objection/objection.entities';
import { ObjectionFilingService } from './objection/objection-filing.service';
import { ObjectionGrpcController } from './objection/objection.grpc.controller';
import { ObjectionQueryService } from './objection/objection-query.service';
import { objectionProviders, type ObjectionModuleOptions } from './objection/objection.settings';
import { TargetsConsumer } from './objection/targets.consumer';

export const OBJECTION: ServiceDefinition = {
  name: 'objection',
  schema: 'objection',
  entities: OBJECTION_ENTITIES,
  migrations: OBJECTION_MIGRATIONS,
};

/**
 * 异议处理: a read model of objectable targets (records, list entries), filing with immediate marking
 * (ObjectionMarked), verification by the providing department (ObjectionResolved), deadline reminders and
 * escalations, supervision statistics.
 */
@Module({})
export class ObjectionModule {
  static forRoot(deps: ServiceDeps, options: ObjectionModuleOptions = {}): DynamicModule {
    return {
      module: ObjectionModule,
      imports: [ServiceCoreModule.forRoot(OBJECTION, deps)],
      controllers: [ObjectionGrpcController],
      providers: [
        ...objectionProviders(options),
        TargetsConsumer,
        ObjectionFilingService,
        ObjectionDecisionService,
        ObjectionQueryService,
        DeadlineSweepService,
        ...deadlineGauge([
          {
            kind: 'objection_verification',
            sql: `SELECT count(*) AS open, count(*) FILTER (WHERE verification_due < $1::date) AS overdue FROM objection.objection WHERE status = 'OPEN'`,
          },
        ]),
      ],
    };
  }
}
