// Every service with a schema: what the migration generator and drift check iterate over. Loaded lazily, so
// generating one service's migration needs only that service to load.
import type { ServiceDefinition } from '@credit/runtime';

type Loader = () => Promise<ServiceDefinition>;

export const SERVICES: Record<string, { definition: Loader; dir: string }> = {
  'record-collection': { definition: async () => (await import('@credit/service-record-collection')).RECORD_COLLECTION, dir: 'services/record-collection' },
  'credit-check': { definition: async () => (await import('@credit/service-credit-check')).CREDIT_CHECK, dir: 'services/credit-check' },
  gateway: { definition: async () => (await import('@credit/service-gateway')).GATEWAY, dir: 'services/gateway' },
  'joint-reward-punishment': {
    definition: async () => (await import('@credit/service-joint-reward-punishment')).JOINT_REWARD_PUNISHMENT,
    dir: 'services/joint-reward-punishment',
  },
  'credit-repair': { definition: async () => (await import('@credit/service-credit-repair')).CREDIT_REPAIR, dir: 'services/credit-repair' },
  objection: { definition: async () => (await import('@credit/service-objection')).OBJECTION, dir: 'services/objection' },
  'provincial-exchange': {
    definition: async () => (await import('@credit/service-provincial-exchange')).PROVINCIAL_EXCHANGE,
    dir: 'services/provincial-exchange',
  },
};
