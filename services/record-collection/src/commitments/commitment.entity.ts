import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type CommitmentTypeValue = 'NOTIFICATION_APPROVAL' | 'DEFERRED_DOCUMENTS' | 'VOLUNTARY' | 'INDUSTRY_SELF_DISCIPLINE' | 'CREDIT_REPAIR';
export type FulfilmentStatusValue = 'PENDING' | 'FULFILLED' | 'PARTIALLY_FULFILLED' | 'BREACHED';

/** A credit commitment (信用承诺) made by a subject to the department receiving it. */
@Entity({ name: 'commitment' })
@Index('uq_commitment_idempotency', ['receivingDepartmentId', 'idempotencyKey'], { unique: true })
@Index('ix_commitment_subject_code', ['subjectKey', 'code'])
@Index('ix_commitment_department_code', ['receivingDepartmentId', 'code'])
export class CommitmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** region(6) + date(8) + serial(6): gapless per region and day. */
  @Index('uq_commitment_code', { unique: true })
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  type: CommitmentTypeValue;

  @Column({ type: 'text' })
  subjectKey: string;

  @Column({ type: 'text' })
  subjectType: string;

  @Column({ type: 'text' })
  subjectName: string;

  @Column({ type: 'text', nullable: true })
  uscc: string | null;

  /** Kept only here (never in events or logs): a breach becomes a record of this subject. */
  @Column({ type: 'text', nullable: true })
  idNumber: string | null;

  @Column({ type: 'text', nullable: true })
  maskedIdNumber: string | null;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'text' })
  matter: string;

  @Column({ type: 'date', nullable: true })
  deadline: string | null;

  @Column({ type: 'text' })
  receivingDepartmentId: string;

  @Column({ type: 'text' })
  idempotencyKey: string;

  /** SHA-256 of the request: the same key with other content is refused. */
  @Column({ type: 'text' })
  requestHash: string;

  @Column({ type: 'text', nullable: true })
  repairApplicationId: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  recordIds: string[];

  @Column({ type: 'date' })
  madeOn: string;

  @Column({ type: 'text', default: 'PENDING' })
  status: FulfilmentStatusValue;

  @Column({ type: 'date', nullable: true })
  fulfilmentDate: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The adverse record (COMMITMENT_BREACH) a breach produced. */
  @Column({ type: 'uuid', nullable: true })
  breachRecordId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  fulfilmentRecordedAt: Date | null;

  @Column({ type: 'text' })
  policyVersion: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** The last commitment serial given per region and day (the row lock makes serials gapless). */
@Entity({ name: 'commitment_serial' })
export class CommitmentSerialEntity {
  @PrimaryColumn({ type: 'text' })
  region: string;

  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'int' })
  lastSerial: number;
}
