import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first response to a mutation sent with an `Idempotency-Key`, per client. */
@Entity({ name: 'idempotency_record' })
export class IdempotencyRecordEntity {
  @PrimaryColumn({ type: 'text' })
  clientId: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  /** SHA-256 of operation + body: the same key with another body is refused. */
  @Column({ type: 'text' })
  requestHash: string;

  /** Null while the first request is in flight. */
  @Column({ type: 'int', nullable: true })
  statusCode: number | null;

  @Column({ type: 'jsonb', nullable: true })
  response: unknown;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
