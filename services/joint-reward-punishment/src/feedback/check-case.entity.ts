import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A check in which measures applied (from CheckPerformed on credit.checks.v1): the "case" whose measures the
 * checking department must feed back (奖惩案例自动反馈). Checks without applying measures make no case.
 */
@Entity({ name: 'check_case' })
@Index('ix_check_case_department_day', ['departmentId', 'checkDay'])
@Index('ix_check_case_open_due', ['feedbackDue'], { where: "feedback_status <> 'COMPLETE'" })
export class CheckCaseEntity {
  @PrimaryColumn({ type: 'text' })
  checkId: string;

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

  @Column({ type: 'text' })
  matterType: string;

  @Column({ type: 'text' })
  matterReference: string;

  /** The checking department: the only one that may feed back. */
  @Column({ type: 'text' })
  departmentId: string;

  @Column({ type: 'text' })
  operator: string;

  @Column({ type: 'text' })
  verdict: string;

  @Column({ type: 'text', array: true })
  evidenceIds: string[];

  /** As the check recorded it, e.g. CN-2025.1+M-2026.1. */
  @Column({ type: 'text' })
  policyVersion: string;

  /** The measures-list edition the measures were read from. */
  @Column({ type: 'text' })
  measuresEditionId: string;

  @Column({ type: 'timestamptz' })
  checkedAt: Date;

  /** The China date of the check. */
  @Column({ type: 'date' })
  checkDay: string;

  /** Last day (inclusive) for feedback. */
  @Column({ type: 'date' })
  feedbackDue: string;

  /** The N working days the deadline was computed with. */
  @Column({ type: 'int' })
  feedbackWorkingDays: number;

  /** PENDING, PARTIAL, COMPLETE */
  @Column({ type: 'text' })
  feedbackStatus: string;

  /** 失信/守信行为 as the department worded it in its feedback (null: derived from the evidence). */
  @Column({ type: 'text', nullable: true })
  conduct: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A measure triggered by a check, and the department's feedback on it. */
@Entity({ name: 'case_measure' })
@Index('ix_case_measure_code', ['measureCode'])
export class CaseMeasureEntity {
  @PrimaryColumn({ type: 'text' })
  checkId: string;

  @PrimaryColumn({ type: 'text' })
  measureCode: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  contentZh: string;

  /** INCENTIVE, PUNISHMENT, REGULATORY ('' when the edition does not know the code). */
  @Column({ type: 'text' })
  measureType: string;

  @Column({ type: 'text' })
  measureClass: string;

  @Column({ type: 'text', array: true })
  legalBasis: string[];

  /** Null while no feedback; APPLIED or NOT_APPLIED. */
  @Column({ type: 'text', nullable: true })
  decision: string | null;

  @Column({ type: 'text', nullable: true })
  reasonCode: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'date', nullable: true })
  startDate: string | null;

  @Column({ type: 'date', nullable: true })
  endDate: string | null;

  @Column({ type: 'text', nullable: true })
  content: string | null;

  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Column({ type: 'text', nullable: true })
  fedBackBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  fedBackAt: Date | null;
}

/** The written notice (书面告知) of a measure applied after a check (seed 000 Art. 6). */
@Entity({ name: 'measure_notice' })
@Index('uq_measure_notice_case_measure', ['checkId', 'measureCode'], { unique: true })
export class MeasureNoticeEntity {
  @PrimaryColumn({ type: 'text' })
  noticeNumber: string;

  @Column({ type: 'text' })
  checkId: string;

  @Column({ type: 'text' })
  measureCode: string;

  @Column({ type: 'text' })
  departmentId: string;

  @Column({ type: 'date' })
  issuedOn: string;

  @Column({ type: 'text' })
  textZh: string;

  /** ISSUED, or WITHDRAWN when the information it rested on was corrected or revoked after an objection. */
  @Column({ type: 'text', default: 'ISSUED' })
  status: string;

  @Column({ type: 'text', nullable: true })
  withdrawnByObjectionId: string | null;

  @Column({ type: 'date', nullable: true })
  withdrawnOn: string | null;

  @Column({ type: 'text', nullable: true })
  withdrawalReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
