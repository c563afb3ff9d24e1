import type { ServiceDefinition } from '@credit/runtime';
import { ApiClientEntity, DepartmentEntity } from './auth/api-client.entity';
import { SigningKeyEntity } from './auth/signing-key.entity';
import { GATEWAY_MIGRATIONS } from './database/migrations';

export const GATEWAY: ServiceDefinition = {
  name: 'gateway',
  schema: 'gateway',
  entities: [DepartmentEntity, ApiClientEntity, SigningKeyEntity],
  migrations: GATEWAY_MIGRATIONS,
};
