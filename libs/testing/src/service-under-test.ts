import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { EventDefinition } from '@credit/contracts';
import { encodeEvent, InProcessEventBus } from '@credit/messaging';
import { createLogger, EnvReader, readRuntimeConfig, startService, type ServiceDeps } from '@credit/runtime';
import { createTestDatabase, type TestDatabase } from './database';
import { freePort } from './processes';

export interface ServiceUnderTest {
  app: INestApplication;
  db: TestDatabase;
  bus: InProcessEventBus;
  /** host:port of the service's gRPC server (when a proto file was given). */
  grpcUrl: string | null;
  /**
   * Puts an event on the bus as another service's outbox relay would (the service's consumers receive it).
   * Pass a deterministic `id` to test redelivery.
   */
  publish<T>(definition: EventDefinition<T>, subjectKey: string, payload: T, id?: string): Promise<void>;
  /** Every event of this type on the bus so far, decoded, oldest first (what the service emitted). */
  events<T>(definition: EventDefinition<T>): Promise<{ id: string; subjectKey: string; payload: T }[]>;
  stop(): Promise<void>;
}

/**
 * One service alone on a throwaway database of the real PostgreSQL, with the in-process bus (standalone
 * mode's bus), started as `npm start` starts it (migrations, consumers, outbox relay, gRPC server). Other
 * services' events are published with `publish`; what it emits is read with `events`.
 */
export async function startServiceUnderTest(
  label: string,
  module: (deps: ServiceDeps) => DynamicModule,
  options: { serviceName: string; protoFile?: string; env?: Record<string, string> },
): Promise<ServiceUnderTest> {
  const db = await createTestDatabase(label);
  const env = new EnvReader({ DATABASE_URL: db.url, LOG_LEVEL: 'warn', ...options.env });
  const config = readRuntimeConfig(env);
  const log = createLogger({ level: config.logLevel, service: options.serviceName });
  const bus = await InProcessEventBus.create({ url: db.url, log });
  const deps: ServiceDeps = { config, databaseUrl: db.url, embeddedDatabase: false, bus, log, poolSize: 4 };
  const grpcPort = options.protoFile ? await freePort() : 0;
  const app = await startService({
    serviceName: options.serviceName,
    module: module(deps),
    deps,
    http: { host: '127.0.0.1', port: 0 },
    grpc: options.protoFile ? { host: '127.0.0.1', port: grpcPort, protoFile: options.protoFile } : undefined,
  });
  return {
    app,
    db,
    bus,
    grpcUrl: options.protoFile ? `127.0.0.1:${grpcPort}` : null,
    publish: async (definition, subjectKey, payload, id) => {
      const encoded = encodeEvent({ definition, subjectKey, payload, id }, '/credit/test');
      await bus.publish([{ topic: encoded.topic, key: encoded.key, value: encoded.value, headers: encoded.headers }]);
    },
    events: async <T>(definition: EventDefinition<T>) => {
      const rows = await db.query<{ message_key: string; headers: Record<string, string>; payload: Buffer }>(
        `SELECT message_key, headers, payload FROM bus.messages WHERE topic = $1 AND headers->>'ce_type' = $2 ORDER BY seq`,
        [definition.topic, definition.type],
      );
      return rows.map((r) => ({ id: r.headers.ce_id, subjectKey: r.message_key, payload: definition.codec.decode(r.payload) }));
    },
    stop: async () => {
      await app.close();
      await bus.close();
      await db.drop();
    },
  };
}
