import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { EventConsumer, UnitOfWork, type EventConsumerOptions } from '@credit/messaging';
import { PlatformMetrics } from '../metrics/metrics';
import { SERVICE_DEPS, type ServiceDeps } from './tokens';
import { ServiceIdentity } from './service-identity';

/** Feature modules register their consumers in onModuleInit; they start once the app is up and stop first on shutdown. */
@Injectable()
export class ConsumerHost implements OnApplicationBootstrap {
  private readonly consumers: EventConsumer[] = [];
  private started = false;

  constructor(
    @Inject(SERVICE_DEPS) private readonly deps: ServiceDeps,
    private readonly uow: UnitOfWork,
    private readonly identity: ServiceIdentity,
    private readonly metrics: PlatformMetrics,
  ) {}

  register(options: Omit<EventConsumerOptions, 'schema' | 'metrics'>): EventConsumer {
    const consumer = new EventConsumer(
      this.uow,
      this.deps.bus,
      {
        ...options,
        schema: this.identity.schema,
        metrics: {
          handled: (name, type, outcome) => this.metrics.eventsConsumed.inc({ service: this.identity.name, consumer: name, type, outcome }),
        },
      },
      this.deps.log.child({ consumer: options.name }),
    );
    this.consumers.push(consumer);
    if (this.started) void consumer.start();
    return consumer;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.started = true;
    await Promise.all(this.consumers.map((c) => c.start()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
  }
}
