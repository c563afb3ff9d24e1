import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceDefinition, type ServiceDeps } from '@credit/runtime';
import { OBJECTION_MIGRATIONS } from './database/migrations';

export const OBJECTION: ServiceDefinition = {
  name: 'objection',
  schema: 'objection',
  entities: [],
  migrations: OBJECTION_MIGRATIONS,
};

/** 异议处理: objections and verification (filled by its own issue). Boots, owns its schema (outbox and inbox), answers health checks. */
@Module({})
export class ObjectionModule {
  static forRoot(deps: ServiceDeps): DynamicModule {
    return { module: ObjectionModule, imports: [ServiceCoreModule.forRoot(OBJECTION, deps)] };
  }
}
