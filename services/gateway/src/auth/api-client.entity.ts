import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A department (部门) whose business systems call the platform. */
@Entity({ name: 'department' })
export class DepartmentEntity {
  /** Stable code, e.g. 430923-SCJGJ. */
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** ACTIVE, or SUSPENDED: a suspended department's clients get no tokens and their live tokens are refused. */
  @Column({ type: 'text', default: 'ACTIVE' })
  status: string;

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

  /**
   * mTLS binding: SHA-256 fingerprint (64 lowercase hex) of the client certificate the ingress verified. A bound
   * client must present it on every token request and API call (see docs/SECURITY.md).
   */
  @Column({ type: 'text', nullable: true })
  certificateSha256: string | null;

  /** When the secret was last replaced (the old one stopped working at that moment). */
  @Column({ type: 'timestamptz', nullable: true })
  secretRotatedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
