import 'reflect-metadata';
import { EnvReader, runClusterService, runMain } from '@credit/runtime';
import { readExchangeSettings } from './exchange/exchange.config';
import { PROVINCIAL_EXCHANGE_PROTO, ProvincialExchangeModule } from './provincial-exchange.module';

runMain(() => {
  const env = new EnvReader();
  const settings = readExchangeSettings(env);
  env.done();
  return runClusterService({
    name: 'provincial-exchange',
    module: (deps) => ProvincialExchangeModule.forRoot(deps, { settings }),
    defaultHttpPort: 3007,
    grpc: { protoFile: PROVINCIAL_EXCHANGE_PROTO, defaultPort: 50057 },
  });
});
