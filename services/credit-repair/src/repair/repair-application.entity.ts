import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StoredSubject } from '../read-model/read-model.entity';

export type RepairApplicationStatus = 'REFUSED' | 'ACCEPTED' | 'APPROVED' | 'REJECTED' | 'REVOKED';

export interface StoredEvidence {
  finePaid: boolean;
  rectificationDone: boolean;
  attachments: { fileName: string; mediaType: string; sizeBytes: number; sha256: string; kind: string }[];
}

export interface StoredCommitment {
  commitmentId: string;
  text: string;
  type: string;
}

export interface StoredCondition {
  code: string;
  field: string;
  zh: string;
  en: string;
}

/**
 * A repair application and its workflow (REFUSED at once, or ACCEPTED → APPROVED / REJECTED; APPROVED →
 * REVOKED on a breached commitment). No fee column: repair is free of charge (国办发〔2025〕22号).
 */
@Entity({ name: 'repair_application' })
@Index('uq_repair_application_idempotency', ['subjectKey', 'idempotencyKey'], { unique: true })
@Index('uq_repair_application_open_target', ['targetType', 'targetId'], { unique: true, where: `"status" = 'ACCEPTED'` })
@Index('ix_repair_application_status_decision_due', ['status', 'decisionDue'])
@Index('ix_repair_application_requester_created', ['requesterDepartmentId', 'createdAt', 'id'])
@Index('ix_repair_application_deciding_created', ['decidingDepartmentId', 'createdAt', 'id'])
@Index('ix_repair_application_created', ['createdAt', 'id'])
export class RepairApplicationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  idempotencyKey: string;

  /** SHA-256 of the request: a reused key with another request is refused. */
  @Column({ type: 'text' })
  requestHash: string;

  @Column({ type: 'text' })
  subjectKey: string;

  @Column({ type: 'jsonb' })
  subject: StoredSubject;

  /** RECORD or LIST_ENTRY. */
  @Column({ type: 'text' })
  targetType: string;

  @Column({ type: 'uuid' })
  targetId: string;

  /** Records whose publicity stops on approval (the target record, or the entry's basis records). */
  @Column({ type: 'text', array: true })
  recordIds: string[];

  @Column({ type: 'text' })
  decidingDepartmentId: string;

  /** The department that filed it for the subject (a window department or the credit office); it may read it. */
  @Column({ type: 'text', nullable: true })
  requesterDepartmentId: string | null;

  @Column({ type: 'text' })
  status: RepairApplicationStatus;

  @Column({ type: 'text', array: true })
  methods: string[];

  @Column({ type: 'text' })
  statement: string;

  @Column({ type: 'jsonb' })
  evidence: StoredEvidence;

  @Column({ type: 'jsonb', nullable: true })
  commitment: StoredCommitment | null;

  @Column({ type: 'jsonb' })
  refusalReasons: StoredCondition[];

  @Column({ type: 'date', nullable: true })
  earliestEligibleDate: string | null;

  @Column({ type: 'date' })
  appliedOn: string;

  /** The applicant has the outcome by this day (acceptance feedback, working days). */
  @Column({ type: 'date', nullable: true })
  feedbackDue: string | null;

  /** The deciding department decides by this day (working days from the case reaching it). */
  @Column({ type: 'date', nullable: true })
  decisionDue: string | null;

  @Column({ type: 'date', nullable: true })
  escalatedOn: string | null;

  @Column({ type: 'date', nullable: true })
  decidedOn: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'boolean', nullable: true })
  decidedOnTime: boolean | null;

  /** The decision's idempotency key and request hash: a retry returns the application, another request with the key is refused. */
  @Column({ type: 'text', nullable: true })
  decisionIdempotencyKey: string | null;

  @Column({ type: 'text', nullable: true })
  decisionRequestHash: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  rejectionReasons: string[];

  @Column({ type: 'date', nullable: true })
  effectiveDate: string | null;

  @Column({ type: 'date', nullable: true })
  revokedOn: string | null;

  @Column({ type: 'text', nullable: true })
  revocationReason: string | null;

  @Column({ type: 'text', nullable: true })
  revokedByDepartmentId: string | null;

  /** The breach report's idempotency key and request hash (as for the decision). */
  @Column({ type: 'text', nullable: true })
  breachIdempotencyKey: string | null;

  @Column({ type: 'text', nullable: true })
  breachRequestHash: string | null;

  /** Policy versions the deadlines were computed with. */
  @Column({ type: 'text' })
  policyVersion: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
