import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A record accepted but flagged for the credit office's data-quality review. */
@Entity({ name: 'data_quality_issue' })
export class DataQualityIssueEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** NAME_MISMATCH: the USCC is known under another name. */
  @Column({ type: 'text' })
  kind: string;

  @Index('ix_data_quality_issue_subject_key')
  @Column({ type: 'text' })
  subjectKey: string;

  @Column({ type: 'uuid' })
  recordId: string;

  @Column({ type: 'int' })
  recordVersion: number;

  @Column({ type: 'text' })
  providerDepartmentId: string;

  @Column({ type: 'text' })
  knownName: string;

  @Column({ type: 'text' })
  submittedName: string;

  @CreateDateColumn({ type: 'timestamptz' })
  detectedAt: Date;
}
