import type { ServiceDefinition } from '@credit/runtime';
import { ApiClientEntity, DepartmentEntity } from './auth/api-client.entity';
import { SigningKeyEntity } from './auth/signing-key.entity';
import { IdempotencyRecordEntity } from './idempotency/idempotency-record.entity';
import { GATEWAY_MIGRATIONS } from './database/migrations';

export const GATEWAY: ServiceDefinition = {
  name: 'gateway',
  schema: 'gateway',
  entities: [DepartmentEntity, ApiClientEntity, SigningKeyEntity, IdempotencyRecordEntity],
  migrations: GATEWAY_MIGRATIONS,
};
