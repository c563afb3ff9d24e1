import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A subject as events carry it (never a full ID number). */
export interface StoredSubject {
  key: string;
  type: 'LEGAL_PERSON' | 'NATURAL_PERSON';
  name: string;
  uscc: string;
  maskedIdNumber: string;
}

/** The current version and status of a credit record, from credit.records.v1. */
@Entity({ name: 'repair_record' })
@Index('ix_repair_record_subject_key', ['subjectKey'])
export class RepairRecordEntity {
  @PrimaryColumn({ type: 'uuid' })
  recordId: string;

  @Column({ type: 'text' })
  subjectKey: string;

  @Column({ type: 'jsonb' })
  subject: StoredSubject;

  @Column({ type: 'int' })
  version: number;

  /** The department that decided the record: it decides a repair of it. */
  @Column({ type: 'text' })
  providerDepartmentId: string;

  @Column({ type: 'text' })
  catalogueItemCode: string;

  @Column({ type: 'text' })
  decisionNumber: string;

  @Column({ type: 'date' })
  decisionDate: string;

  @Column({ type: 'boolean' })
  adverse: boolean;

  /** MINOR, GENERAL, SERIOUS; null for information that is not adverse. */
  @Column({ type: 'text', nullable: true })
  severity: string | null;

  /** ACTIVE, PUBLICITY_ENDED, REPAIRED, REVOKED. */
  @Column({ type: 'text', default: 'ACTIVE' })
  status: string;

  @Column({ type: 'date', nullable: true })
  publicityEnd: string | null;

  /** Fine imposed, in yuan, when the record carries one. */
  @Column({ type: 'numeric', nullable: true })
  fineAmount: string | null;

  @Column({ type: 'jsonb' })
  fields: Record<string, unknown>;

  /** Administrative division of the collecting platform (selects the policy). */
  @Column({ type: 'text' })
  jurisdiction: string;
}

/** A list entry at the highest sequence seen, from credit.lists.v1. */
@Entity({ name: 'repair_list_entry' })
@Index('ix_repair_list_entry_subject_key', ['subjectKey'])
export class RepairListEntryEntity {
  @PrimaryColumn({ type: 'uuid' })
  entryId: string;

  @Column({ type: 'text' })
  subjectKey: string;

  @Column({ type: 'jsonb' })
  subject: StoredSubject;

  /** RED, SERIOUS_DISHONESTY, KEY_ATTENTION. */
  @Column({ type: 'text' })
  listType: string;

  /** PROPOSED, NOTIFIED, ACTIVE, SUSPENDED, ENDED. */
  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'int' })
  sequence: number;

  @Column({ type: 'text', array: true })
  basisRecordIds: string[];

  /** 认定部门: it decides a repair of the entry. */
  @Column({ type: 'text' })
  identifyingDepartmentId: string;

  @Column({ type: 'date', nullable: true })
  periodStart: string | null;

  @Column({ type: 'date', nullable: true })
  periodEnd: string | null;
}
