import { Module, type DynamicModule } from '@nestjs/common';
import { deadlineGauge, ServiceCoreModule, type ServiceDefinition, type ServiceDeps } from '@credit/runtime';
import { CREDIT_REPAIR_MIGRATIONS } from './database/migrations';
import { ReminderLetterEntity } from './letters/reminder-letter.entity';
import { RepairListEntryEntity, RepairRecordEntity } from './read-model/read-model.entity';
import { ReadModelConsumer } from './read-model/read-model.consumer';
import { RepairApplicationEntity } from './repair/repair-application.entity';
import { REPAIR_CLOCK, REPAIR_OPTIONS, systemClock, type CreditRepairOptions } from './repair/repair-clock';
import { RepairGrpcController } from './repair/repair.grpc.controller';
import { RepairQueryService } from './repair/repair-query.service';
import { RepairStatisticsService } from './repair/repair-statistics.service';
import { RepairSweepService } from './repair/repair-sweep.service';
import { RepairService } from './repair/repair.service';

export const CREDIT_REPAIR_ENTITIES = [RepairRecordEntity, RepairListEntryEntity, ReminderLetterEntity, RepairApplicationEntity];

export const CREDIT_REPAIR: ServiceDefinition = {
  name: 'credit-repair',
  schema: 'credit_repair',
  entities: CREDIT_REPAIR_ENTITIES,
  migrations: CREDIT_REPAIR_MIGRATIONS,
};

/**
 * 信用修复: reminder letters (两书同达), eligibility, applications with working-day deadlines, decisions by the
 * deciding department, commitment breaches, overdue escalation and supervision figures. Consumes
 * credit.records.v1 and credit.lists.v1; publishes credit.repairs.v1.
 */
@Module({})
export class CreditRepairModule {
  static forRoot(deps: ServiceDeps, options: CreditRepairOptions = {}): DynamicModule {
    return {
      module: CreditRepairModule,
      imports: [ServiceCoreModule.forRoot(CREDIT_REPAIR, deps)],
      controllers: [RepairGrpcController],
      providers: [
        { provide: REPAIR_CLOCK, useValue: options.clock ?? systemClock },
        { provide: REPAIR_OPTIONS, useValue: options },
        ReadModelConsumer,
        RepairService,
        RepairStatisticsService,
        RepairQueryService,
        RepairSweepService,
        ...deadlineGauge([
          {
            kind: 'repair_decision',
            sql: `SELECT count(*) AS open, count(*) FILTER (WHERE decision_due < $1::date) AS overdue FROM credit_repair.repair_application WHERE status = 'ACCEPTED'`,
          },
        ]),
      ],
    };
  }
}
