import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppError } from '@credit/runtime';
import { DataSource, IsNull } from 'typeorm';
import { ApiClientEntity, DepartmentEntity } from './api-client.entity';

export const Scopes = {
  recordsWrite: 'records:write',
  checksPerform: 'checks:perform',
  admin: 'admin',
} as const;

export interface Caller {
  clientId: string;
  departmentId: string;
  scopes: string[];
}

export interface IssuedCredentials {
  clientId: string;
  clientSecret: string;
  /** What a department system sends: `Authorization: Bearer <token>`. */
  token: string;
}

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * Departments and their API clients. Foundation scheme: a bearer token `<clientId>.<secret>`, checked
 * against the stored hash (cached per token for a minute). OAuth2 client credentials with short-lived
 * JWTs replace it in the gateway issue; the client records stay the same.
 */
@Injectable()
export class ClientsService {
  private readonly cache = new Map<string, { caller: Caller; until: number }>();

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
    return { clientId, clientSecret, token: `${clientId}.${clientSecret}` };
  }

  /** Revokes a client at once (cached tokens of this process are dropped too). */
  async revokeClient(clientId: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(ApiClientEntity).update({ clientId, revokedAt: IsNull() }, { revokedAt: new Date() });
    for (const [token, entry] of this.cache) if (entry.caller.clientId === clientId) this.cache.delete(token);
    return (result.affected ?? 0) > 0;
  }

  async findClient(clientId: string): Promise<ApiClientEntity | null> {
    return this.dataSource.getRepository(ApiClientEntity).findOne({ where: { clientId, revokedAt: IsNull() } });
  }

  async authenticate(authorization: string | undefined): Promise<Caller> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const dot = token?.lastIndexOf('.') ?? -1;
    if (!token || dot <= 0) throw unauthenticated();
    const cached = this.cache.get(token);
    if (cached && cached.until > Date.now()) return cached.caller;
    const client = await this.findClient(token.slice(0, dot));
    const expected = Buffer.from(client?.secretHash ?? '0'.repeat(64), 'hex');
    const actual = Buffer.from(hash(token.slice(dot + 1)), 'hex');
    if (!client || !timingSafeEqual(expected, actual)) throw unauthenticated();
    const caller = { clientId: client.clientId, departmentId: client.departmentId, scopes: client.scopes };
    this.cache.set(token, { caller, until: Date.now() + 60_000 });
    return caller;
  }
}

function unauthenticated(): AppError {
  return AppError.one('UNAUTHENTICATED', 'UNAUTHENTICATED', '缺少或无效的访问令牌', 'Missing or invalid access token');
}

export function requireScope(caller: Caller, scope: string): void {
  if (!caller.scopes.includes(scope) && !caller.scopes.includes(Scopes.admin)) {
    throw AppError.one('FORBIDDEN', 'SCOPE_MISSING', `此操作需要权限 ${scope}`, `This operation needs scope ${scope}`);
  }
}
