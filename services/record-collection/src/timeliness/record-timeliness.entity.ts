import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * 双公示 timeliness of a licensing or penalty record: decision date → first submission, in working days
 * (holiday calendar), against the policy limit in force at the decision date.
 */
@Entity({ name: 'record_timeliness' })
@Index('ix_record_timeliness_department_decision', ['providerDepartmentId', 'decisionDate'])
export class RecordTimelinessEntity {
  @PrimaryColumn({ type: 'uuid' })
  recordId: string;

  @Column({ type: 'text' })
  providerDepartmentId: string;

  @Column({ type: 'text' })
  catalogueItemCode: string;

  @Column({ type: 'text' })
  decisionNumber: string;

  @Column({ type: 'date' })
  decisionDate: string;

  /** The day (Asia/Shanghai) the record was first received. */
  @Column({ type: 'date' })
  submittedOn: string;

  /** `doublePublicityWorkingDays` of the policy at the decision date. */
  @Column({ type: 'int' })
  limitWorkingDays: number;

  /** Working days in (decision date, submitted on]; null when the calendar does not cover the dates. */
  @Column({ type: 'int', nullable: true })
  workingDays: number | null;

  @Column({ type: 'boolean', nullable: true })
  onTime: boolean | null;

  /** Working days beyond the limit (0 when on time); null when not measurable. */
  @Column({ type: 'int', nullable: true })
  daysLate: number | null;

  /** The current version carries every optional standard field of its item version. */
  @Column({ type: 'boolean' })
  complete: boolean;

  @Column({ type: 'text' })
  policyVersion: string;
}

/** Rows a department sent per day (single, batch, import) and how many were rejected. */
@Entity({ name: 'submission_tally' })
export class SubmissionTallyEntity {
  @PrimaryColumn({ type: 'text' })
  departmentId: string;

  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'bigint', default: 0 })
  received: string;

  @Column({ type: 'bigint', default: 0 })
  rejected: string;
}
