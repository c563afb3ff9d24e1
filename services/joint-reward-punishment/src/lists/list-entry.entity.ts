import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A list entry (red / serious dishonesty / key attention) and its current state. Every change goes through
 * ListEntriesService, which appends a transition and emits ListEntryChanged in the same transaction.
 */
@Entity({ name: 'list_entry' })
// At most one open entry per subject and list (own entries), and per organisation entry for related persons.
@Index('uq_list_entry_open_own', ['subjectKey', 'listType'], { unique: true, where: "status <> 'ENDED' AND related_to_entry_id IS NULL" })
@Index('uq_list_entry_open_related', ['subjectKey', 'listType', 'relatedToEntryId'], {
  unique: true,
  where: "status <> 'ENDED' AND related_to_entry_id IS NOT NULL",
})
@Index('uq_list_entry_idempotency', ['identifyingDepartmentId', 'idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
@Index('ix_list_entry_related_to', ['relatedToEntryId'])
@Index('ix_list_entry_status', ['status'])
export class ListEntryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  subjectKey: string;

  /** LEGAL_PERSON or NATURAL_PERSON */
  @Column({ type: 'text' })
  subjectType: string;

  @Column({ type: 'text' })
  subjectName: string;

  @Column({ type: 'text', nullable: true })
  subjectUscc: string | null;

  @Column({ type: 'text', nullable: true })
  subjectMaskedIdNumber: string | null;

  /** RED, SERIOUS_DISHONESTY, KEY_ATTENTION */
  @Column({ type: 'text' })
  listType: string;

  /** PROPOSED, NOTIFIED, ACTIVE, SUSPENDED, ENDED */
  @Column({ type: 'text' })
  status: string;

  /** While SUSPENDED: the status to return to (NOTIFIED or ACTIVE). */
  @Column({ type: 'text', nullable: true })
  statusBeforeSuspension: string | null;

  /** Sequence of the last transition (1 = PROPOSED). */
  @Column({ type: 'int' })
  sequence: number;

  @Column({ type: 'text', nullable: true })
  ruleCode: string | null;

  @Column({ type: 'int', nullable: true })
  ruleVersion: number | null;

  @Column({ type: 'text', nullable: true })
  ruleJurisdiction: string | null;

  @Column({ type: 'text' })
  identifyingDepartmentId: string;

  @Column({ type: 'text' })
  basisText: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text' })
  jurisdiction: string;

  /** Policy parameter versions the window and period were computed with. */
  @Column({ type: 'text' })
  policyVersion: string;

  /** The day the policy was resolved on (the notice day). */
  @Column({ type: 'date' })
  policyDate: string;

  @Column({ type: 'date', nullable: true })
  noticeDate: string | null;

  /** Exclusive. */
  @Column({ type: 'date', nullable: true })
  objectionWindowEnd: string | null;

  @Column({ type: 'date', nullable: true })
  periodStart: string | null;

  /** Exclusive. */
  @Column({ type: 'date', nullable: true })
  periodEnd: string | null;

  @Column({ type: 'text', nullable: true })
  endReason: string | null;

  @Column({ type: 'date', nullable: true })
  endedOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  relatedToEntryId: string | null;

  /** LEGAL_REPRESENTATIVE, PRINCIPAL, DIRECTLY_RESPONSIBLE */
  @Column({ type: 'text', nullable: true })
  relation: string | null;

  @Column({ type: 'text', nullable: true })
  idempotencyKey: string | null;

  /** SHA-256 of the proposal request (same key, other request = conflict). */
  @Column({ type: 'text', nullable: true })
  requestHash: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The records an entry rests on. */
@Entity({ name: 'list_entry_basis' })
@Index('ix_list_entry_basis_record', ['recordId'])
export class ListEntryBasisEntity {
  @PrimaryColumn({ type: 'uuid' })
  entryId: string;

  @PrimaryColumn({ type: 'text' })
  recordId: string;

  /** Last known status of the record (ACTIVE, PUBLICITY_ENDED, REPAIRED, REVOKED): records named by a department may not be tracked. */
  @Column({ type: 'text', default: 'ACTIVE' })
  recordStatus: string;
}

/** Append-only history of an entry's transitions (a trigger refuses UPDATE and DELETE). */
@Entity({ name: 'list_entry_transition' })
export class ListEntryTransitionEntity {
  @PrimaryColumn({ type: 'uuid' })
  entryId: string;

  @PrimaryColumn({ type: 'int' })
  sequence: number;

  @Column({ type: 'text', nullable: true })
  fromStatus: string | null;

  @Column({ type: 'text' })
  toStatus: string;

  /** A department id, `rule:<code>` or `system`. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', nullable: true })
  endReason: string | null;

  /** The objection, repair application or event behind the transition. */
  @Column({ type: 'text', nullable: true })
  causeId: string | null;

  @Column({ type: 'date' })
  effectiveDate: string;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt: Date;
}

/** The written notice (告知书) of an entry. */
@Entity({ name: 'list_notice' })
export class ListNoticeEntity {
  @PrimaryColumn({ type: 'uuid' })
  entryId: string;

  @Column({ type: 'text', unique: true })
  noticeNumber: string;

  @Column({ type: 'date' })
  issuedOn: string;

  @Column({ type: 'date' })
  objectionWindowEnd: string;

  @Column({ type: 'text' })
  textZh: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** An objection holding an entry suspended (open), or resolved. */
@Entity({ name: 'entry_objection' })
@Index('ix_entry_objection_entry', ['entryId'])
export class EntryObjectionEntity {
  @PrimaryColumn({ type: 'text' })
  objectionId: string;

  @PrimaryColumn({ type: 'uuid' })
  entryId: string;

  /** RECORD or LIST_ENTRY */
  @Column({ type: 'text' })
  targetType: string;

  @Column({ type: 'text' })
  targetId: string;

  /** OPEN, AWAITING_CORRECTION (corrected record version still to come), CLOSED */
  @Column({ type: 'text' })
  state: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** What this service knows of each adverse credit record (from credit.records.v1): the rules' input. */
@Entity({ name: 'tracked_record' })
@Index('ix_tracked_record_subject', ['subjectKey'])
export class TrackedRecordEntity {
  @PrimaryColumn({ type: 'text' })
  recordId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  subjectKey: string;

  @Column({ type: 'text' })
  catalogueItemCode: string;

  @Column({ type: 'text' })
  category: string;

  @Column({ type: 'text' })
  providerDepartmentId: string;

  @Column({ type: 'text' })
  decisionNumber: string;

  @Column({ type: 'date' })
  decisionDate: string;

  @Column({ type: 'boolean' })
  adverse: boolean;

  @Column({ type: 'text', nullable: true })
  severity: string | null;

  /** ACTIVE, PUBLICITY_ENDED, REPAIRED, REVOKED */
  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'text' })
  jurisdiction: string;

  /** [{ person: SubjectRef, role }] of the current version. */
  @Column({ type: 'jsonb' })
  relatedPersons: unknown[];

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Auto-initiation rules as data: versioned, per jurisdiction (seeded by migration). */
@Entity({ name: 'auto_rule' })
export class AutoRuleEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @PrimaryColumn({ type: 'text' })
  jurisdiction: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ type: 'date' })
  effectiveFrom: string;

  @Column({ type: 'boolean' })
  enabled: boolean;

  /** SINGLE_RECORD or REPEATED_RECORDS */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  listType: string;

  @Column({ type: 'text' })
  severity: string;

  @Column({ type: 'text', array: true })
  categories: string[];

  @Column({ type: 'text' })
  basisText: string;

  @Column({ type: 'text' })
  descriptionZh: string;
}
