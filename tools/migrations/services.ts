// Every service with a schema: what the migration generator and drift check iterate over.
import type { ServiceDefinition } from '@credit/runtime';
import { RECORD_COLLECTION } from '../../services/record-collection/src/record-collection.module';
import { CREDIT_CHECK } from '../../services/credit-check/src/credit-check.module';
import { GATEWAY } from '../../services/gateway/src/gateway.definition';
import { JOINT_REWARD_PUNISHMENT } from '../../services/joint-reward-punishment/src/joint-reward-punishment.module';
import { CREDIT_REPAIR } from '../../services/credit-repair/src/credit-repair.module';
import { OBJECTION } from '../../services/objection/src/objection.module';

export const SERVICES: Record<string, { definition: ServiceDefinition; dir: string }> = {
  'record-collection': { definition: RECORD_COLLECTION, dir: 'services/record-collection' },
  'credit-check': { definition: CREDIT_CHECK, dir: 'services/credit-check' },
  gateway: { definition: GATEWAY, dir: 'services/gateway' },
  'joint-reward-punishment': { definition: JOINT_REWARD_PUNISHMENT, dir: 'services/joint-reward-punishment' },
  'credit-repair': { definition: CREDIT_REPAIR, dir: 'services/credit-repair' },
  objection: { definition: OBJECTION, dir: 'services/objection' },
};
