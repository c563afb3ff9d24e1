import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Keys that sign access tokens (ES256). The newest non-retired key signs; every key verifies until its
 * retirement plus the longest token lifetime has passed, so a rotation never invalidates live tokens.
 */
@Entity({ name: 'signing_key' })
export class SigningKeyEntity {
  @PrimaryColumn({ type: 'text' })
  kid: string;

  @Column({ type: 'text' })
  algorithm: string;

  /** PKCS#8 PEM. Production deployments keep the gateway schema's credentials in the secret manager. */
  @Column({ type: 'text' })
  privateKeyPem: string;

  @Column({ type: 'jsonb' })
  publicJwk: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null;
}
