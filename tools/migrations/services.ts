// Every service with a schema: what the migration generator and drift check iterate over.
import type { ServiceDefinition } from '@credit/runtime';
import { RECORD_COLLECTION } from '@credit/service-record-collection';
import { CREDIT_CHECK } from '@credit/service-credit-check';
import { GATEWAY } from '@credit/service-gateway';
import { JOINT_REWARD_PUNISHMENT } from '@credit/service-joint-reward-punishment';
import { CREDIT_REPAIR } from '@credit/service-credit-repair';
import { OBJECTION } from '@credit/service-objection';

export const SERVICES: Record<string, { definition: ServiceDefinition; dir: string }> = {
  'record-collection': { definition: RECORD_COLLECTION, dir: 'services/record-collection' },
  'credit-check': { definition: CREDIT_CHECK, dir: 'services/credit-check' },
  gateway: { definition: GATEWAY, dir: 'services/gateway' },
  'joint-reward-punishment': { definition: JOINT_REWARD_PUNISHMENT, dir: 'services/joint-reward-punishment' },
  'credit-repair': { definition: CREDIT_REPAIR, dir: 'services/credit-repair' },
  objection: { definition: OBJECTION, dir: 'services/objection' },
};
