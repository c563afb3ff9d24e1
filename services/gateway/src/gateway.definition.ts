import type { ServiceDefinition } from '@credit/runtime';
import { ApiClientEntity, DepartmentEntity } from './auth/api-client.entity';
import { SigningKeyEntity } from './auth/signing-key.entity';
import { IdempotencyRecordEntity } from './idempotency/idempotency-record.entity';
import { RequestAuditEntity } from './audit/request-audit.entity';
import { GATEWAY_MIGRATIONS } from './database/migrations';

export const GATEWAY: ServiceDefinition = {
  name: 'gateway',
  schema: 'gateway',
  entities: [DepartmentEntity, ApiClientEntity, SigningKeyEntity, IdempotencyRecordEntity, RequestAuditEntity],
  migrations: GATEWAY_MIGRATIONS,
};
