import type { DynamicModule, INestApplication } from '@nestjs/common';
import { EnvReader } from '../config/env';
import { readRuntimeConfig } from '../config/runtime-config';
import { createLogger } from '../logging/logger';
import { createEventBus } from './event-bus.factory';
import { startService } from './start-service';
import type { ServiceDeps } from './tokens';

export interface ClusterServiceSpec {
  name: string;
  module: (deps: ServiceDeps) => DynamicModule;
  defaultHttpPort: number;
  grpc?: { protoFile: string; defaultPort: number };
  configureHttp?: (app: INestApplication) => void;
}

/**
 * Entry point of one service in cluster mode (one process per service): configuration from the
 * environment (DATABASE_URL required; KAFKA_BROKERS for the bus), graceful stop on SIGTERM/SIGINT.
 */
export async function runClusterService(spec: ClusterServiceSpec): Promise<void> {
  const env = new EnvReader();
  const config = readRuntimeConfig(env);
  const host = env.string('HOST', '0.0.0.0');
  const httpPort = env.int('HTTP_PORT', spec.defaultHttpPort, { min: 1, max: 65535 });
  const grpcPort = spec.grpc ? env.int('GRPC_PORT', spec.grpc.defaultPort, { min: 1, max: 65535 }) : 0;
  const databaseUrl = config.databaseUrl ?? env.string('DATABASE_URL');
  env.done();

  const log = createLogger({ level: config.logLevel, service: spec.name });
  const bus = await createEventBus(config, { clientId: spec.name, databaseUrl, log });
  const deps: ServiceDeps = { config, databaseUrl, embeddedDatabase: false, bus, log };
  const app = await startService({
    serviceName: spec.name,
    module: spec.module(deps),
    deps,
    http: { host, port: httpPort },
    grpc: spec.grpc ? { host, port: grpcPort, protoFile: spec.grpc.protoFile } : undefined,
    configureHttp: spec.configureHttp,
  });
  log.info({ httpPort, grpcPort: grpcPort || undefined, bus: bus.kind }, `${spec.name} started`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await app.close();
    await bus.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** Runs `main` and exits non-zero with a readable message on a start-up failure (bad configuration first). */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
