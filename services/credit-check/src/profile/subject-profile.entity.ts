import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Read model of a subject, built from events (one read answers a check). */
@Entity({ name: 'subject_profile' })
export class SubjectProfileEntity {
  @PrimaryColumn({ type: 'text' })
  subjectKey: string;

  @Column({ type: 'text' })
  subjectType: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  uscc: string | null;

  @Column({ type: 'text', nullable: true })
  maskedIdNumber: string | null;

  @Column({ type: 'int', default: 0 })
  adverseCount: number;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The current version of each record about a subject. */
@Entity({ name: 'profile_record' })
@Index('ix_profile_record_subject_key', ['subjectKey'])
export class ProfileRecordEntity {
  @PrimaryColumn({ type: 'uuid' })
  recordId: string;

  @Column({ type: 'text' })
  subjectKey: string;

  @Column({ type: 'int' })
  version: number;

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

  @Column({ type: 'date', nullable: true })
  publicityStart: string | null;

  @Column({ type: 'date', nullable: true })
  publicityEnd: string | null;

  @Column({ type: 'jsonb' })
  fields: Record<string, unknown>;

  /** ACTIVE, PUBLICITY_ENDED, REPAIRED or REVOKED (RecordStatusChanged). */
  @Column({ type: 'text', default: 'ACTIVE' })
  status: string;

  /** First day the record has no effect any more: its publicity end, or its tier's maximum period when not displayed. */
  @Column({ type: 'date', nullable: true })
  effectEnd: string | null;

  /** PUBLIC, GOVERNMENT_SHARED or AUTHORISED_ONLY (the catalogue item's disclosure level). */
  @Column({ type: 'text', default: 'PUBLIC' })
  disclosure: string;
}

/** The list entries of a subject (ListEntryChanged), at the highest sequence seen. */
@Entity({ name: 'profile_list_entry' })
@Index('ix_profile_list_entry_subject_key', ['subjectKey'])
export class ProfileListEntryEntity {
  @PrimaryColumn({ type: 'uuid' })
  entryId: string;

  @Column({ type: 'text' })
  subjectKey: string;

  @Column({ type: 'text' })
  listType: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'int' })
  sequence: number;

  @Column({ type: 'text', array: true, default: '{}' })
  basisRecordIds: string[];

  @Column({ type: 'date', nullable: true })
  periodStart: string | null;

  @Column({ type: 'date', nullable: true })
  periodEnd: string | null;

  @Column({ type: 'text' })
  identifyingDepartmentId: string;

  @Column({ type: 'text', default: '' })
  basisText: string;

  @Column({ type: 'uuid', nullable: true })
  relatedToEntryId: string | null;

  @Column({ type: 'text', nullable: true })
  relation: string | null;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Objections on a subject's records and list entries (ObjectionMarked / ObjectionResolved). */
@Entity({ name: 'profile_objection' })
@Index('ix_profile_objection_subject_key', ['subjectKey'])
export class ProfileObjectionEntity {
  @PrimaryColumn({ type: 'uuid' })
  objectionId: string;

  @Column({ type: 'text' })
  subjectKey: string;

  /** RECORD or LIST_ENTRY. */
  @Column({ type: 'text' })
  targetType: string;

  @Column({ type: 'text' })
  targetId: string;

  @Column({ type: 'boolean' })
  open: boolean;

  /** CORRECTED, REVOKED or MAINTAINED once resolved. */
  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Column({ type: 'timestamptz' })
  markedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}

/**
 * Departments told that a check they made used information later corrected or revoked (恢复名誉, seed 003
 * §二(四)6): one row per (check, objection).
 */
@Entity({ name: 'check_correction_notice' })
@Index('ix_check_correction_notice_department', ['departmentId', 'createdAt'])
export class CheckCorrectionNoticeEntity {
  @PrimaryColumn({ type: 'uuid' })
  checkId: string;

  @PrimaryColumn({ type: 'uuid' })
  objectionId: string;

  @Column({ type: 'text' })
  departmentId: string;

  @Column({ type: 'text' })
  subjectKey: string;

  /** The record or list entry found wrong. */
  @Column({ type: 'text' })
  targetId: string;

  /** CORRECTED or REVOKED. */
  @Column({ type: 'text' })
  outcome: string;

  @Column({ type: 'timestamptz' })
  checkedAt: Date;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
