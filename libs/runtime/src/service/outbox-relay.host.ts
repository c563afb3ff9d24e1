import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { OutboxRelay, UnitOfWork } from '@credit/messaging';
import { DataSource } from 'typeorm';
import { PlatformMetrics } from '../metrics/metrics';
import { SERVICE_DEPS, type ServiceDeps } from './tokens';
import { ServiceIdentity } from './service-identity';

export function notifyChannel(schema: string): string {
  return `credit_outbox_${schema}`;
}

/** Owns the service's outbox relay: started with the app, drained on shutdown, backlog exported as metrics. */
@Injectable()
export class OutboxRelayHost implements OnApplicationBootstrap {
  readonly relay: OutboxRelay;
  private gaugeTimer: NodeJS.Timeout | null = null;

  constructor(
    dataSource: DataSource,
    uow: UnitOfWork,
    @Inject(SERVICE_DEPS) private readonly deps: ServiceDeps,
    private readonly identity: ServiceIdentity,
    private readonly metrics: PlatformMetrics,
  ) {
    this.relay = new OutboxRelay(
      dataSource,
      deps.bus,
      {
        schema: identity.schema,
        listen: deps.embeddedDatabase ? null : { url: deps.databaseUrl, channel: notifyChannel(identity.schema) },
      },
      deps.log.child({ component: 'outbox-relay' }),
      (count) => metrics.eventsPublished.inc({ service: identity.name }, count),
    );
    uow.attachRelay(this.relay);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
    this.gaugeTimer = setInterval(() => void this.updateGauges(), 5000);
    this.gaugeTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.gaugeTimer) clearInterval(this.gaugeTimer);
    await this.relay.stop();
  }

  private async updateGauges(): Promise<void> {
    try {
      const backlog = await this.relay.backlog();
      this.metrics.outboxPending.set({ service: this.identity.name }, backlog.pending);
      this.metrics.outboxOldestAge.set({ service: this.identity.name }, backlog.oldestAgeSeconds);
    } catch {
      // the readiness probe reports database trouble; metrics just keep their last value
    }
  }
}
