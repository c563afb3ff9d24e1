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
}
