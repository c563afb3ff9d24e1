import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A credit record's identity (natural key: provider + catalogue item + decision number) and its current version. */
@Entity({ name: 'credit_record' })
@Index('uq_credit_record_natural_key', ['providerDepartmentId', 'catalogueItemCode', 'decisionNumber'], { unique: true })
export class CreditRecordEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  providerDepartmentId: string;

  @Column({ type: 'text' })
  catalogueItemCode: string;

  @Column({ type: 'text' })
  decisionNumber: string;

  @Index('ix_credit_record_subject_key')
  @Column({ type: 'text' })
  subjectKey: string;

  @Column({ type: 'int' })
  currentVersion: number;

  /** SHA-256 of the submitted content: an identical re-submission is a no-op. */
  @Column({ type: 'text' })
  contentHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Every version of a record, kept for history. */
@Entity({ name: 'credit_record_version' })
export class CreditRecordVersionEntity {
  @PrimaryColumn({ type: 'uuid' })
  recordId: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ type: 'int' })
  catalogueItemVersion: number;

  @Column({ type: 'text' })
  subjectKey: string;

  @Column({ type: 'text' })
  subjectName: string;

  @Column({ type: 'date' })
  decisionDate: string;

  /** MINOR, GENERAL, SERIOUS for adverse records. */
  @Column({ type: 'text', nullable: true })
  severity: string | null;

  @Column({ type: 'jsonb' })
  fields: Record<string, unknown>;

  @Column({ type: 'date', nullable: true })
  publicityStart: string | null;

  @Column({ type: 'date', nullable: true })
  publicityEnd: string | null;

  /** Policy parameter versions used for the publicity window. */
  @Column({ type: 'text', nullable: true })
  policyVersion: string | null;

  @Column({ type: 'text' })
  contentHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
