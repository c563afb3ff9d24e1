import { Global, Inject, Injectable, Module, type BeforeApplicationShutdown, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ensureSchema, migrateUnderLock, serviceDataSourceOptions } from '@credit/database';
import { InboxEntity, OutboxEntity, UnitOfWork } from '@credit/messaging';
import { DataSource } from 'typeorm';
import { PlatformMetrics } from '../metrics/metrics';
import { ConsumerHost } from './consumer-host';
import { OpsController } from './ops.controller';
import { notifyChannel, OutboxRelayHost } from './outbox-relay.host';
import { ServiceIdentity } from './service-identity';
import { LOGGER, SERVICE_DEPS, type ServiceDeps } from './tokens';

export interface ServiceDefinition {
  /** kebab-case service name: CloudEvents source, metrics label, consumer-group prefix. */
  name: string;
  /** The service's own PostgreSQL schema. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
}

/** Entities every service owns in its schema besides its own: the outbox and the inbox. */
export const MESSAGING_ENTITIES = [OutboxEntity, InboxEntity];

/** Graceful shutdown: stop taking events (drain consumers), then drain the outbox, then let TypeORM close. */
@Injectable()
class ShutdownCoordinator implements BeforeApplicationShutdown {
  constructor(
    private readonly consumers: ConsumerHost,
    private readonly relay: OutboxRelayHost,
    @Inject(LOGGER) private readonly log: ServiceDeps['log'],
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumers.stop();
    await this.relay.stop();
    this.log.info({}, 'consumers and outbox relay drained');
  }
}

/**
 * Everything a service needs around its business modules: its DataSource on its own schema (migrations
 * applied at start unless MIGRATE_ON_START=false), the unit of work with the outbox, the relay, the
 * consumer host, health and metrics endpoints, and the shutdown order.
 */
@Global()
@Module({})
export class ServiceCoreModule {
  static forRoot(definition: ServiceDefinition, deps: ServiceDeps): DynamicModule {
    const identity = new ServiceIdentity(definition.name, definition.schema);
    return {
      module: ServiceCoreModule,
      imports: [
        TerminusModule,
        TypeOrmModule.forRootAsync({
          useFactory: () =>
            serviceDataSourceOptions({
              url: deps.databaseUrl,
              schema: definition.schema,
              entities: [...definition.entities, ...MESSAGING_ENTITIES],
              migrations: definition.migrations,
              poolSize: deps.poolSize ?? (deps.embeddedDatabase ? 3 : 10),
              applicationName: definition.name,
            }),
          dataSourceFactory: async (options) => {
            await ensureSchema(deps.databaseUrl, definition.schema);
            const dataSource = await new DataSource(options!).initialize();
            if (deps.config.migrateOnStart) {
              const applied = await migrateUnderLock(dataSource, definition.schema);
              if (applied.length) deps.log.info({ migrations: applied }, 'migrations applied');
            }
            return dataSource;
          },
        }),
      ],
      controllers: [OpsController],
      providers: [
        { provide: SERVICE_DEPS, useValue: deps },
        { provide: LOGGER, useValue: deps.log },
        { provide: ServiceIdentity, useValue: identity },
        PlatformMetrics,
        {
          provide: UnitOfWork,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) =>
            new UnitOfWork(dataSource, identity.source, deps.embeddedDatabase ? null : notifyChannel(definition.schema), !deps.embeddedDatabase),
        },
        OutboxRelayHost,
        ConsumerHost,
        ShutdownCoordinator,
      ],
      exports: [SERVICE_DEPS, LOGGER, ServiceIdentity, PlatformMetrics, UnitOfWork, OutboxRelayHost, ConsumerHost, TypeOrmModule],
    };
  }
}
