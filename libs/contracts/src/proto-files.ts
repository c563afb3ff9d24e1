import { join } from 'node:path';

/** Directory holding `credit/v1/*.proto` (gRPC servers and clients load the service definitions from it). */
export const PROTO_ROOT = join(__dirname, '..', '..', '..', 'proto');

export const ProtoFiles = {
  recordCollection: 'credit/v1/record_collection_service.proto',
  creditCheck: 'credit/v1/credit_check_service.proto',
  jointRewardPunishment: 'credit/v1/joint_reward_punishment_service.proto',
  objection: 'credit/v1/objection_service.proto',
  creditRepair: 'credit/v1/credit_repair_service.proto',
  provincialExchange: 'credit/v1/provincial_exchange_service.proto',
} as const;
