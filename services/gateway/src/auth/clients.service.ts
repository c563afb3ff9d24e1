import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppError } from '@credit/runtime';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ApiClientEntity, DepartmentEntity } from './api-client.entity';
import { NO_CERTIFICATE, requireBoundCertificate, type PresentedCertificate } from './mtls';

export const Scopes = {
  /** Submit, correct and revoke the department's own records. */
  recordsWrite: 'records:write',
  /** Check subjects before a matter (逢办必查) and report feedback on measures applied. */
  checksPerform: 'checks:perform',
  /** Read the department's own check log. */
  checksRead: 'checks:read',
  /** Read list entries and measures; propose list entries (identifying departments). */
  listsRead: 'lists:read',
  listsWrite: 'lists:write',
  /** File objections for subjects (a department's window or the credit office). */
  objectionsFile: 'objections:file',
  /** Verify and decide objections against the department's own information. */
  objectionsDecide: 'objections:decide',
  /** Apply for repair for subjects; decide repair applications (deciding departments). */
  repairsApply: 'repairs:apply',
  repairsDecide: 'repairs:decide',
  /** Receive subjects' credit commitments (信用承诺) at the department's window and record their fulfilment. */
  commitmentsWrite: 'commitments:write',
  /** Read the commitments the department received. */
  commitmentsRead: 'commitments:read',
  /** A subject's full ID number and non-public records in outputs (otherwise masked / withheld). */
  personalDataRead: 'personal-data:read',
  /** The credit office: every scope, and administration. */
  admin: 'admin',
} as const;

/** The authenticated client of one request. */
export interface Caller {
  clientId: string;
  departmentId: string;
  scopes: string[];
  /** Set once the request's subject is known, for the request audit (hashed there). */
  subjectKey?: string;
  /** The mTLS binding of the client (SHA-256 of its certificate), when it has one. */
  certificateSha256?: string;
}

/** What a token check needs to know about a client, cached for 10 s per process. */
export interface ClientStatus {
  /** Not revoked, and its department not suspended. */
  active: boolean;
  certificateSha256: string | null;
}

export interface IssuedCredentials {
  clientId: string;
  /** Shown once; only its hash is stored. Exchanged at POST /oauth/token for access tokens. */
  clientSecret: string;
}

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
const ACTIVE_CACHE_MS = 10_000;

/**
 * Departments and their API clients (OAuth2 confidential clients). Secrets are 256 random bits, stored
 * as SHA-256 hashes. A client's status (active, mTLS binding) is cached for 10 s per process: a revocation,
 * suspension or re-binding takes effect at once in the process that made it and within 10 s everywhere else.
 * Administration (departments, rotation, binding, with its audit) is AdminService's; this is the low level.
 */
@Injectable()
export class ClientsService {
  private readonly statuses = new Map<string, ClientStatus & { until: number }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Creates a client (and its department if unknown: tests and the standalone demo). The admin API and CLI go
   * through AdminService, which requires a known, active department and audits the action.
   */
  async createClient(
    input: { departmentId: string; departmentName: string; name: string; scopes: string[]; clientId?: string; certificateSha256?: string | null },
    within?: EntityManager,
  ): Promise<IssuedCredentials> {
    const clientId = input.clientId ?? `client-${randomBytes(6).toString('hex')}`;
    const clientSecret = newSecret();
    const work = async (manager: EntityManager) => {
      await manager.createQueryBuilder().insert().into(DepartmentEntity).values({ id: input.departmentId, name: input.departmentName }).orIgnore().execute();
      await manager.insert(ApiClientEntity, {
        clientId,
        departmentId: input.departmentId,
        name: input.name,
        secretHash: hashSecret(clientSecret),
        scopes: input.scopes,
        certificateSha256: input.certificateSha256 ?? null,
        secretRotatedAt: null,
        revokedAt: null,
      });
    };
    await (within ? work(within) : this.dataSource.transaction(work));
    return { clientId, clientSecret };
  }

  /** Revokes a client: no new tokens, and its live tokens are refused. */
  async revokeClient(clientId: string, within?: EntityManager): Promise<boolean> {
    const manager = within ?? this.dataSource.manager;
    const result = await manager.getRepository(ApiClientEntity).update({ clientId, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.forget(clientId);
    return (result.affected ?? 0) > 0;
  }

  /** An active client: not revoked, and its department not suspended. */
  async findClient(clientId: string, within?: EntityManager): Promise<ApiClientEntity | null> {
    return (within ?? this.dataSource.manager)
      .getRepository(ApiClientEntity)
      .createQueryBuilder('c')
      .where('c.clientId = :clientId AND c.revokedAt IS NULL', { clientId })
      .andWhere(`NOT EXISTS (SELECT 1 FROM gateway.department d WHERE d.id = c.department_id AND d.status <> 'ACTIVE')`)
      .getOne();
  }

  /**
   * The client-credentials check of the token endpoint (constant-time comparison of the hashes), then the mTLS
   * binding: a bound client must come with its certificate.
   */
  async verifySecret(clientId: string, clientSecret: string, presented: PresentedCertificate = NO_CERTIFICATE): Promise<Caller> {
    const client = clientId ? await this.findClient(clientId) : null;
    const expected = Buffer.from(client?.secretHash ?? '0'.repeat(64), 'hex');
    const actual = Buffer.from(hashSecret(clientSecret ?? ''), 'hex');
    if (!client || !timingSafeEqual(expected, actual)) {
      throw AppError.one('UNAUTHENTICATED', 'INVALID_CLIENT', '客户端标识或密钥错误', 'Unknown client or wrong secret');
    }
    requireBoundCertificate(client.certificateSha256, presented);
    return { clientId: client.clientId, departmentId: client.departmentId, scopes: client.scopes, ...(client.certificateSha256 ? { certificateSha256: client.certificateSha256 } : {}) };
  }

  async isActive(clientId: string): Promise<boolean> {
    return (await this.status(clientId)).active;
  }

  /** Active and mTLS binding, cached for 10 s. */
  async status(clientId: string): Promise<ClientStatus> {
    const cached = this.statuses.get(clientId);
    if (cached && cached.until > Date.now()) return cached;
    const client = await this.findClient(clientId);
    const status = { active: client !== null, certificateSha256: client?.certificateSha256 ?? null };
    if (this.statuses.size >= 10_000) this.statuses.clear();
    this.statuses.set(clientId, { ...status, until: Date.now() + ACTIVE_CACHE_MS });
    return status;
  }

  /** Drops a client's cached status (after a change in this process). */
  forget(clientId?: string): void {
    if (clientId === undefined) this.statuses.clear();
    else this.statuses.delete(clientId);
  }
}

/** A new client secret: 256 random bits, base64url. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

export function requireScope(caller: Caller, ...anyOf: string[]): void {
  if (caller.scopes.includes(Scopes.admin) || anyOf.some((scope) => caller.scopes.includes(scope))) return;
  const list = anyOf.join(' / ');
  throw AppError.one(
    'FORBIDDEN',
    'SCOPE_MISSING',
    anyOf.length > 1 ? `此操作需要权限 ${list} 之一` : `此操作需要权限 ${list}`,
    anyOf.length > 1 ? `This operation needs one of the scopes ${list}` : `This operation needs scope ${list}`,
  );
}
