import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** ACTIVE, PUBLICITY_ENDED, REPAIRED or REVOKED (RecordStatus in records.proto). */
export type RecordStatusValue = 'ACTIVE' | 'PUBLICITY_ENDED' | 'REPAIRED' | 'REVOKED';

/** SUBMITTED (by the provider, first or changed), CORRECTED (explicit correction), OBJECTION_CORRECTED. */
export type ChangeKind = 'SUBMITTED' | 'CORRECTED' | 'OBJECTION_CORRECTED';

/** A person an organisation's record is attributed to (落实到人). The full ID number stays in this table only. */
export interface StoredRelatedPerson {
  role: string;
  name: string;
  idNumber: string;
  maskedIdNumber: string;
  subjectKey: string;
}

/** A credit record's identity (natural key: provider + catalogue item + decision number), current version and status. */
@Entity({ name: 'credit_record' })
@Index('uq_credit_record_natural_key', ['providerDepartmentId', 'catalogueItemCode', 'decisionNumber'], { unique: true })
@Index('ix_credit_record_status_period_end', ['status', 'periodEnd'])
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

  @Column({ type: 'text', default: 'ACTIVE' })
  status: RecordStatusValue;

  /** Why the status last changed (EXPIRED, REPAIRED, PROVIDER_REVOKED, …); null while never changed. */
  @Column({ type: 'text', nullable: true })
  statusCause: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null;

  /** The day the record stops being displayed (exclusive), after repairs; null when not displayed. */
  @Column({ type: 'date', nullable: true })
  publicityEnd: string | null;

  /**
   * End of the maximum period of the record's tier (decision date + max months, policy at the decision
   * date), also for records that are not displayed; null for records that are not adverse.
   */
  @Column({ type: 'date', nullable: true })
  periodEnd: string | null;

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

  /** As submitted (full ID numbers of named persons included: this table is their only store). */
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

  @Column({ type: 'text', default: 'SUBMITTED' })
  changeKind: ChangeKind;

  /** The reason of a correction. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text', nullable: true })
  submittedByDepartmentId: string | null;

  @Column({ type: 'text', nullable: true })
  objectionId: string | null;

  /** 落实到人: legal representative and responsible persons of a SERIOUS record of an organisation. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  relatedPersons: StoredRelatedPerson[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
