import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Events waiting to be published, written in the same transaction as the state change that caused
 * them. Lives in each service's own schema. Rows are deleted once the bus has accepted them.
 */
@Entity({ name: 'outbox' })
export class OutboxEntity {
  /** Publication order (per-key order follows from it). */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq: string;

  /** The CloudEvents id. */
  @Column({ type: 'text' })
  eventId: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'text' })
  messageKey: string;

  @Column({ type: 'text' })
  eventType: string;

  @Column({ type: 'jsonb' })
  headers: Record<string, string>;

  @Column({ type: 'bytea' })
  payload: Buffer;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}
