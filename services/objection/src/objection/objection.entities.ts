import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Read model of what can be objected to, built from credit.records.v1 and credit.lists.v1: each record
 * (current version) and list entry (latest transition), its subject and the department that must verify.
 */
@Entity({ name: 'objection_target' })
export class ObjectionTargetEntity {
  /** RECORD or LIST_ENTRY. */
  @PrimaryColumn({ type: 'text' })
  targetType: string;

  @PrimaryColumn({ type: 'text' })
  targetId: string;

  @Column({ type: 'text' })
  subjectKey: string;

  /** LEGAL_PERSON or NATURAL_PERSON. */
  @Column({ type: 'text' })
  subjectType: string;

  @Column({ type: 'text' })
  subjectName: string;

  @Column({ type: 'text', nullable: true })
  subjectUscc: string | null;

  @Column({ type: 'text', nullable: true })
  subjectMaskedIdNumber: string | null;

  /** Record: provider department; list entry: identifying department. */
  @Column({ type: 'text' })
  verifyingDepartmentId: string;

  /** Record: current version; list entry: sequence of its latest transition. */
  @Column({ type: 'int' })
  version: number;

  /** Record: ACTIVE / PUBLICITY_ENDED / REPAIRED / REVOKED; entry: PROPOSED … ENDED. */
  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

/** An objection (异议): one per target while open; later filings on the same target are merged into it. */
@Entity({ name: 'objection' })
@Index('uq_objection_open_target', ['targetType', 'targetId'], { unique: true, where: `status = 'OPEN'` })
@Index('ix_objection_verifying_department', ['verifyingDepartmentId', 'status'])
@Index('ix_objection_subject_key', ['subjectKey'])
@Index('ix_objection_filed_at', ['filedAt', 'id'])
export class ObjectionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** OPEN or RESOLVED. */
  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'text' })
  targetType: string;

  @Column({ type: 'text' })
  targetId: string;

  /** Record version objected to; 0 for list entries. */
  @Column({ type: 'int' })
  targetVersion: number;

  @Column({ type: 'text' })
  subjectKey: string;

  @Column({ type: 'text' })
  subjectType: string;

  @Column({ type: 'text' })
  subjectName: string;

  @Column({ type: 'text', nullable: true })
  subjectUscc: string | null;

  @Column({ type: 'text', nullable: true })
  subjectMaskedIdNumber: string | null;

  /** Grounds of the first filing. */
  @Column({ type: 'text' })
  grounds: string;

  @Column({ type: 'text' })
  requesterDepartmentId: string;

  @Column({ type: 'text' })
  verifyingDepartmentId: string;

  @Column({ type: 'timestamptz' })
  filedAt: Date;

  /** Asia/Shanghai date of filing: the deadlines count from it. */
  @Column({ type: 'date' })
  filingDate: string;

  @Column({ type: 'timestamptz' })
  markedAt: Date;

  @Column({ type: 'date' })
  markingDue: string;

  @Column({ type: 'boolean' })
  markedOnTime: boolean;

  @Column({ type: 'date' })
  verificationDue: string;

  /** CALENDAR or WORKING. */
  @Column({ type: 'text' })
  verificationDayKind: string;

  @Column({ type: 'date' })
  reminderDate: string;

  /** Policy versions the deadlines were computed with, e.g. `CN-2025.1+HN-430923-2023.1`. */
  @Column({ type: 'text' })
  policyVersion: string;

  @Column({ type: 'boolean', default: false })
  escalated: boolean;

  @Column({ type: 'date', nullable: true })
  escalatedOn: string | null;

  /** CORRECTED, REVOKED or MAINTAINED once decided. */
  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Column({ type: 'text', nullable: true })
  reasons: string | null;

  @Column({ type: 'jsonb', nullable: true })
  correctedFields: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'date', nullable: true })
  decisionDate: string | null;

  @Column({ type: 'text', nullable: true })
  decisionIdempotencyKey: string | null;

  @Column({ type: 'text', nullable: true })
  decisionRequestHash: string | null;

  @Column({ type: 'int' })
  statementCount: number;
}

/** A filing's statement: the first one, then one per merged filing. */
@Entity({ name: 'objection_statement' })
export class ObjectionStatementEntity {
  @PrimaryColumn({ type: 'uuid' })
  objectionId: string;

  @PrimaryColumn({ type: 'int' })
  sequence: number;

  @Column({ type: 'text' })
  requesterDepartmentId: string;

  @Column({ type: 'text' })
  grounds: string;

  @Column({ type: 'text' })
  statement: string;

  /** Contact of the subject (name, phone, email, address): personal data, never logged. */
  @Column({ type: 'jsonb' })
  contact: { name: string; phone: string; email: string; address: string };

  @Column({ type: 'timestamptz' })
  filedAt: Date;
}

/** Evidence attached to a statement, stored in the service's schema with its SHA-256. */
@Entity({ name: 'objection_attachment' })
export class ObjectionAttachmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  objectionId: string;

  @PrimaryColumn({ type: 'int' })
  statementSequence: number;

  /** Position in the filing's attachment list (0-based). */
  @PrimaryColumn({ type: 'int' })
  index: number;

  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'text' })
  mediaType: string;

  @Column({ type: 'int' })
  sizeBytes: number;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'bytea' })
  content: Buffer;
}

/** What happened to an objection, in order. */
@Entity({ name: 'objection_history' })
@Index('ix_objection_history_objection', ['objectionId', 'id'])
export class ObjectionHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  objectionId: string;

  /** FILED, MARKED, MERGED, REMINDED, ESCALATED, RESOLVED. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** A department id or `system`. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'jsonb' })
  detail: Record<string, unknown>;
}

/** Idempotency of filings: (requester department, key) → the objection it produced. */
@Entity({ name: 'objection_filing' })
export class ObjectionFilingEntity {
  @PrimaryColumn({ type: 'text' })
  requesterDepartmentId: string;

  @PrimaryColumn({ type: 'text' })
  idempotencyKey: string;

  /** SHA-256 of the canonical request (attachments by content hash). */
  @Column({ type: 'text' })
  requestHash: string;

  @Column({ type: 'uuid' })
  objectionId: string;

  @Column({ type: 'boolean' })
  merged: boolean;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}

/** Reminders to the verifying department and escalations to the credit office: one per kind per objection. */
@Entity({ name: 'objection_notification' })
@Index('ix_objection_notification_department', ['departmentId', 'date'])
export class ObjectionNotificationEntity {
  @PrimaryColumn({ type: 'uuid' })
  objectionId: string;

  /** REMINDER or ESCALATION. */
  @PrimaryColumn({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  departmentId: string;

  /** The sweep day that produced it. */
  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'date' })
  verificationDue: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}

export const OBJECTION_ENTITIES = [
  ObjectionTargetEntity,
  ObjectionEntity,
  ObjectionStatementEntity,
  ObjectionAttachmentEntity,
  ObjectionHistoryEntity,
  ObjectionFilingEntity,
  ObjectionNotificationEntity,
];
