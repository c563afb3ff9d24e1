import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Topics } from '@credit/contracts';
import { ConsumerHost } from '@credit/runtime';
import { FeedbackService } from './feedback.service';

/**
 * "Measures respond automatically, cases are fed back automatically": every CheckPerformed with applying
 * measures (credit.checks.v1) becomes a case awaiting the checking department's feedback. Idempotent per event
 * (inbox) and per check id.
 */
@Injectable()
export class CasesConsumer implements OnModuleInit {
  constructor(
    private readonly host: ConsumerHost,
    private readonly feedback: FeedbackService,
  ) {}

  onModuleInit(): void {
    this.host.register({
      name: 'joint-reward-punishment.cases',
      topics: [Topics.checks],
      handlers: { CheckPerformed: (e, ctx) => this.feedback.intake(e, ctx) },
    });
  }
}
