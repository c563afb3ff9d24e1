import 'reflect-metadata';
import { EnvReader, runClusterService, runMain } from '@credit/runtime';
import { readMtlsConfig } from './auth/mtls';
import { GatewayModule, readRateLimit } from './gateway.module';

const env = new EnvReader();
const options = {
  recordCollectionGrpc: env.string('RECORD_COLLECTION_GRPC', '127.0.0.1:50051'),
  creditCheckGrpc: env.string('CREDIT_CHECK_GRPC', '127.0.0.1:50052'),
  jointRewardPunishmentGrpc: env.string('JOINT_REWARD_PUNISHMENT_GRPC', '127.0.0.1:50054'),
  creditRepairGrpc: env.string('CREDIT_REPAIR_GRPC', '127.0.0.1:50055'),
  objectionGrpc: env.string('OBJECTION_GRPC', '127.0.0.1:50056'),
  rateLimit: readRateLimit(env),
  mtls: readMtlsConfig(env),
};

runMain(async () => {
  env.done();
  await runClusterService({
    name: 'gateway',
    module: (deps) => GatewayModule.forRoot(deps, options),
    defaultHttpPort: 3000,
    configureHttp: (app) => GatewayModule.configureHttp(app),
  });
});
