import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Subjects seen by collection, created on first sight. */
@Entity({ name: 'subject' })
export class SubjectEntity {
  /** ORG:<uscc> or NP:<hash>. */
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  uscc: string | null;

  /** Masked form only: the full ID number is not needed to key or show a person. */
  @Column({ type: 'text', nullable: true })
  maskedIdNumber: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  firstSeenAt: Date;
}
