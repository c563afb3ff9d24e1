import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { SnakeNamingStrategy } from './naming.strategy';

export interface ServiceDataSourceConfig {
  /** postgres://user@host:port/db — a service's own role in production. */
  url: string;
  /** The service's own schema, e.g. `record_collection`. Every table of the service lives there. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Connections in this service's pool. */
  poolSize?: number;
  applicationName?: string;
  logging?: boolean;
}

/**
 * TypeORM options for one service: its schema, snake_case names, checked-in migrations only
 * (`synchronize` and `migrationsRun` off; migrations run at start-up by the runtime or a Job).
 */
export function serviceDataSourceOptions(config: ServiceDataSourceConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.url,
    schema: config.schema,
    entities: config.entities,
    migrations: config.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: config.applicationName ?? config.schema,
    logging: config.logging ? ['error', 'warn', 'migration'] : ['error', 'migration'],
    // No search_path tricks: on the embedded database SET leaks between connections, so every table
    // name is schema-qualified (TypeORM does it from `schema`; raw SQL writes `<schema>.<table>`).
    extra: {
      max: config.poolSize ?? 10,
      idleTimeoutMillis: 30_000,
    },
  };
}
