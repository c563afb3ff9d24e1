import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A department (部门) whose business systems call the platform. */
@Entity({ name: 'department' })
export class DepartmentEntity {
  /** Stable code, e.g. 430923-SCJGJ. */
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A department's system client. The secret is stored only as a SHA-256 hash (it is 256 random bits). */
@Entity({ name: 'api_client' })
export class ApiClientEntity {
  @PrimaryColumn({ type: 'text' })
  clientId: string;

  @Column({ type: 'text' })
  departmentId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  secretHash: string;

  @Column({ type: 'text', array: true })
  scopes: string[];

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
