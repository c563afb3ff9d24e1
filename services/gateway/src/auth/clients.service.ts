import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppError } from '@credit/runtime';
import { DataSource, IsNull } from 'typeorm';
import { ApiClientEntity, DepartmentEntity } from './api-client.entity';

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
}

export interface IssuedCredentials {
  clientId: string;
  /** Shown once; only its hash is stored. Exchanged at POST /oauth/token for access tokens. */
  clientSecret: string;
}

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');
const ACTIVE_CACHE_MS = 10_000;

/**
 * Departments and their API clients (OAuth2 confidential clients). Secrets are 256 random bits, stored
 * as SHA-256 hashes. `isActive` is cached for 10 s per process: a revocation takes effect at once in the
 * process that made it and within 10 s everywhere else.
 */
@Injectable()
export class ClientsService {
  private readonly active = new Map<string, { active: boolean; until: number }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async createClient(input: { departmentId: string; departmentName: string; name: string; scopes: string[]; clientId?: string }): Promise<IssuedCredentials> {
    const clientId = input.clientId ?? `client-${randomBytes(6).toString('hex')}`;
    const clientSecret = randomBytes(32).toString('base64url');
    await this.dataSource.transaction(async (manager) => {
      await manager.createQueryBuilder().insert().into(DepartmentEntity).values({ id: input.departmentId, name: input.departmentName }).orIgnore().execute();
      await manager.insert(ApiClientEntity, {
        clientId,
        departmentId: input.departmentId,
        name: input.name,
        secretHash: hash(clientSecret),
        scopes: input.scopes,
        revokedAt: null,
      });
    });
    return { clientId, clientSecret };
  }

  /** Revokes a client: no new tokens, and its live tokens are refused. */
  async revokeClient(clientId: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(ApiClientEntity).update({ clientId, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.active.delete(clientId);
    return (result.affected ?? 0) > 0;
  }

  async findClient(clientId: string): Promise<ApiClientEntity | null> {
    return this.dataSource.getRepository(ApiClientEntity).findOne({ where: { clientId, revokedAt: IsNull() } });
  }

  /** The client-credentials check of the token endpoint (constant-time comparison of the hashes). */
  async verifySecret(clientId: string, clientSecret: string): Promise<Caller> {
    const client = clientId ? await this.findClient(clientId) : null;
    const expected = Buffer.from(client?.secretHash ?? '0'.repeat(64), 'hex');
    const actual = Buffer.from(hash(clientSecret ?? ''), 'hex');
    if (!client || !timingSafeEqual(expected, actual)) {
      throw AppError.one('UNAUTHENTICATED', 'INVALID_CLIENT', '客户端标识或密钥错误', 'Unknown client or wrong secret');
    }
    return { clientId: client.clientId, departmentId: client.departmentId, scopes: client.scopes };
  }

  async isActive(clientId: string): Promise<boolean> {
    const cached = this.active.get(clientId);
    if (cached && cached.until > Date.now()) return cached.active;
    const active = (await this.findClient(clientId)) !== null;
    this.active.set(clientId, { active, until: Date.now() + ACTIVE_CACHE_MS });
    return active;
  }
}

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
