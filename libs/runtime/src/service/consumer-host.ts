import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { EventConsumer, UnitOfWork, type EventConsumerOptions } from '@credit/messaging';
import { PlatformMetrics } from '../metrics/metrics';
import { SERVICE_DEPS, type ServiceDeps } from './tokens';
import { ServiceIdentity } from './service-identity';

/** Feature modules register their consumers in onModuleInit; they start once the app is up and stop first on shutdown. */
@Injectable()
export class ConsumerHost implements OnApplicationBootstrap {
  private readonly consumers: { consumer: EventConsumer; name: string; topics: string[] }[] = [];
  private started = false;
  private lagTimer: NodeJS.Timeout | null = null;

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
    this.consumers.push({ consumer, name: options.name, topics: options.topics });
    if (this.started) void consumer.start();
    return consumer;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.started = true;
    await Promise.all(this.consumers.map((c) => c.consumer.start()));
    if (this.consumers.length > 0) {
      this.lagTimer = setInterval(() => void this.updateLag(), 5_000);
      this.lagTimer.unref();
    }
  }

  async stop(): Promise<void> {
    if (this.lagTimer) clearInterval(this.lagTimer);
    await Promise.all(this.consumers.map((c) => c.consumer.stop()));
  }

  /** Consumer lag per topic as a gauge (credit_consumer_lag); a failure keeps the last values. */
  async updateLag(): Promise<void> {
    for (const { name, topics } of this.consumers) {
      try {
        const lag = await this.deps.bus.lag(name, topics);
        for (const [topic, value] of Object.entries(lag)) this.metrics.consumerLag.set({ service: this.identity.name, consumer: name, topic }, value);
      } catch (error) {
        this.deps.log.debug({ err: error, consumer: name }, 'consumer lag not available');
      }
    }
  }
}
