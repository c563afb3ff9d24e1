import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { UnitOfWork } from '@credit/messaging';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

export const REPORT_SIGNATURE_ALGORITHM = 'Ed25519';

export interface ReportPublicKeyView {
  keyId: string;
  algorithm: string;
  publicKeyPem: string;
  createdAt: Date;
  active: boolean;
}

/**
 * The Ed25519 key pair reports are signed with: generated on first start and kept in the service's schema
 * (`credit_check.report_signing_key`, one active key); old keys stay to verify the reports they signed.
 */
@Injectable()
export class ReportKeys implements OnApplicationBootstrap {
  private active: { keyId: string; privateKey: KeyObject } | null = null;
  private readonly verifyKeys = new Map<string, KeyObject>();

  constructor(private readonly uow: UnitOfWork) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.activeKey();
  }

  async activeKey(): Promise<{ keyId: string; privateKey: KeyObject }> {
    if (this.active) return this.active;
    const row = await this.uow.run(async (tx) => {
      // Replicas starting together create one key.
      await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('credit_check.report_signing_key'))`);
      const [existing] = await tx.manager.query<{ key_id: string; private_key_pem: string }[]>(
        `SELECT key_id, private_key_pem FROM credit_check.report_signing_key WHERE active`,
      );
      if (existing) return existing;
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const keyId = `rk-${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16)}`;
      const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      await tx.manager.query(
        `INSERT INTO credit_check.report_signing_key (key_id, algorithm, public_key_pem, private_key_pem, active, created_at) VALUES ($1, $2, $3, $4, true, now())`,
        [keyId, REPORT_SIGNATURE_ALGORITHM, publicKeyPem, privateKeyPem],
      );
      return { key_id: keyId, private_key_pem: privateKeyPem };
    });
    this.active = { keyId: row.key_id, privateKey: createPrivateKey(row.private_key_pem) };
    return this.active;
  }

  async publicKeys(): Promise<ReportPublicKeyView[]> {
    const rows = await this.uow.run((tx) =>
      tx.manager.query<{ key_id: string; algorithm: string; public_key_pem: string; created_at: Date; active: boolean }[]>(
        `SELECT key_id, algorithm, public_key_pem, created_at, active FROM credit_check.report_signing_key ORDER BY created_at DESC`,
      ),
    );
    return rows.map((r) => ({ keyId: r.key_id, algorithm: r.algorithm, publicKeyPem: r.public_key_pem, createdAt: r.created_at, active: r.active }));
  }

  async sign(message: Buffer): Promise<{ keyId: string; signature: string }> {
    const key = await this.activeKey();
    return { keyId: key.keyId, signature: sign(null, message, key.privateKey).toString('base64') };
  }

  async verify(keyId: string, message: Buffer, signature: string): Promise<boolean> {
    let key = this.verifyKeys.get(keyId);
    if (!key) {
      const [row] = (await this.publicKeys()).filter((k) => k.keyId === keyId);
      if (!row) return false;
      key = createPublicKey(row.publicKeyPem);
      this.verifyKeys.set(keyId, key);
    }
    return verify(null, message, key, Buffer.from(signature, 'base64'));
  }
}
