import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per subject the records topic named: its earliest record and its latest adverse one (revoked
 * records aside) — what the clean-years rule reads in one query on the daily sweep.
 */
@Entity({ name: 'subject_record_summary' })
@Index('ix_subject_record_summary_first', ['firstRecordDate'])
export class SubjectRecordSummaryEntity {
  @PrimaryColumn({ type: 'text' })
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

  /** Of the latest record. */
  @Column({ type: 'text' })
  jurisdiction: string;

  /** Earliest decision date of a non-adverse record (those are not tracked one by one). */
  @Column({ type: 'date', nullable: true })
  firstNonAdverseDate: string | null;

  /** Earliest decision date of any record, revoked adverse ones aside (null: none left). */
  @Column({ type: 'date', nullable: true })
  firstRecordDate: string | null;

  /** Latest decision date of an adverse record, revoked ones aside (null: none). */
  @Column({ type: 'date', nullable: true })
  lastAdverseDate: string | null;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
