import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceDefinition, type ServiceDeps } from '@credit/runtime';
import { CREDIT_REPAIR_MIGRATIONS } from './database/migrations';

export const CREDIT_REPAIR: ServiceDefinition = {
  name: 'credit-repair',
  schema: 'credit_repair',
  entities: [],
  migrations: CREDIT_REPAIR_MIGRATIONS,
};

/** 信用修复: repair applications and outcomes (filled by its own issue). Boots, owns its schema (outbox and inbox), answers health checks. */
@Module({})
export class CreditRepairModule {
  static forRoot(deps: ServiceDeps): DynamicModule {
    return { module: CreditRepairModule, imports: [ServiceCoreModule.forRoot(CREDIT_REPAIR, deps)] };
  }
}
