import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Topics, type MeasuresEditionPublished } from '@credit/contracts';
import type { EventContext } from '@credit/messaging';
import { AppError, ConsumerHost } from '@credit/runtime';
import { editionFromEvent } from './measures-edition';
import { MeasuresEditionsService } from './measures-editions.service';

/** Editions of the measures list from joint-reward-punishment (credit.catalogue.v1): stored once, then used by checks from their day. */
@Injectable()
export class MeasuresConsumer implements OnModuleInit {
  constructor(
    private readonly host: ConsumerHost,
    private readonly editions: MeasuresEditionsService,
  ) {}

  onModuleInit(): void {
    this.host.register({
      name: 'credit-check.measures',
      topics: [Topics.catalogue],
      handlers: { MeasuresEditionPublished: (e, ctx) => this.onEditionPublished(e, ctx) },
    });
  }

  async onEditionPublished(event: MeasuresEditionPublished, ctx: EventContext): Promise<void> {
    const parsed = editionFromEvent(event);
    if (!parsed.ok) throw AppError.validation(parsed.errors);
    await this.editions.store(ctx.manager, parsed.edition, parsed.basis);
  }
}
