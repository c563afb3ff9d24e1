import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Events a consumer has applied, inserted in the same transaction as the effect: a redelivered event
 * finds its row and is a no-op. Lives in each consuming service's own schema.
 */
@Entity({ name: 'inbox' })
export class InboxEntity {
  @PrimaryColumn({ type: 'text' })
  consumer: string;

  @PrimaryColumn({ type: 'text' })
  eventId: string;

  @Column({ type: 'text' })
  eventType: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  processedAt: Date;
}
