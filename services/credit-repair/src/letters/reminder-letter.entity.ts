import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StoredSubject } from '../read-model/read-model.entity';

/** 修复提醒告知函: issued once per adverse record, with the penalty decision ("两书同达"). */
@Entity({ name: 'reminder_letter' })
export class ReminderLetterEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('uq_reminder_letter_record_id', { unique: true })
  @Column({ type: 'uuid' })
  recordId: string;

  @Column({ type: 'text' })
  subjectKey: string;

  @Column({ type: 'jsonb' })
  subject: StoredSubject;

  @Column({ type: 'text' })
  decidingDepartmentId: string;

  @Column({ type: 'text' })
  decisionNumber: string;

  @Column({ type: 'date' })
  decisionDate: string;

  @Column({ type: 'text' })
  severity: string;

  @Column({ type: 'date' })
  earliestRepairDate: string;

  @Column({ type: 'date' })
  publicityMaxEnd: string;

  /** RECORD, and LIST_ENTRY for serious records. */
  @Column({ type: 'text', array: true })
  routes: string[];

  @Column({ type: 'text', array: true })
  methods: string[];

  /** FINE_PAYMENT, RECTIFICATION, REPAIR_COMMITMENT. */
  @Column({ type: 'text', array: true })
  obligations: string[];

  @Column({ type: 'int' })
  acceptanceFeedbackWorkingDays: number;

  @Column({ type: 'int' })
  decisionWorkingDays: number;

  @Column({ type: 'text' })
  textZh: string;

  @Column({ type: 'text' })
  policyVersion: string;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;
}
