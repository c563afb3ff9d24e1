import { hostname, userInfo } from 'node:os';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppError } from '@credit/runtime';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { ApiClientEntity, DepartmentEntity } from '../auth/api-client.entity';
import { ClientsService, hashSecret, newSecret, Scopes, type IssuedCredentials } from '../auth/clients.service';
import { normalizeFingerprint } from '../auth/mtls';
import { TokenService } from '../auth/token.service';

/** Who performs an admin action: an admin-scoped API client, or an operator at the CLI. */
export interface AdminActor {
  /** `client:<clientId>` or `cli:<user>@<host>`. */
  actor: string;
  departmentId: string | null;
  requestId?: string | null;
}

export const DEPARTMENT_STATUSES = ['ACTIVE', 'SUSPENDED'] as const;
export type DepartmentStatus = (typeof DEPARTMENT_STATUSES)[number];

export interface DepartmentInfo {
  code: string;
  name: string;
  status: DepartmentStatus;
  createdAt: Date;
  /** Clients not revoked. */
  activeClients: number;
}

export interface ClientInfo {
  clientId: string;
  departmentCode: string;
  name: string;
  scopes: string[];
  status: 'ACTIVE' | 'REVOKED';
  /** mTLS binding (SHA-256 of the client certificate), or null. */
  certificateSha256: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  secretRotatedAt: Date | null;
}

export interface AdminAuditEntry {
  id: string;
  at: Date;
  actor: string;
  actorDepartmentId: string | null;
  action: string;
  target: string;
  details: Record<string, unknown>;
  requestId: string | null;
}

export type AdminAction =
  | 'DEPARTMENT_CREATED'
  | 'DEPARTMENT_UPDATED'
  | 'CLIENT_CREATED'
  | 'CLIENT_REVOKED'
  | 'CLIENT_SECRET_ROTATED'
  | 'CLIENT_CERTIFICATE_BOUND'
  | 'CLIENT_CERTIFICATE_UNBOUND'
  | 'SIGNING_KEY_ROTATED';

export const ALL_SCOPES: readonly string[] = Object.values(Scopes);
const DEPARTMENT_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{2,63}$/;
type Problems = Parameters<typeof AppError.validation>[0];

/** The operator at a terminal, for the admin audit of CLI actions. */
export function cliActor(): AdminActor {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (containers): keep "unknown"
  }
  return { actor: `cli:${user}@${hostname()}`, departmentId: null };
}

const notFound = (what: 'department' | 'client', id: string, field: string) =>
  what === 'department'
    ? AppError.one('NOT_FOUND', 'DEPARTMENT_NOT_FOUND', `部门 ${id} 不存在`, `No department ${id}`, field)
    : AppError.one('NOT_FOUND', 'CLIENT_NOT_FOUND', `客户端 ${id} 不存在`, `No client ${id}`, field);

/**
 * Administration of the gateway for the credit office (信用办): departments, their API clients (create with
 * scopes, revoke, rotate the secret, bind to a TLS client certificate) and signing-key rotation. Used by the
 * admin HTTP API (REST and GraphQL, scope `admin`) and the CLI (`npm run admin`) alike. Every change writes an
 * admin audit row (who, what, target, when) in the same transaction, so no change goes unrecorded; the table
 * is append-only. Secrets are returned once and stored only as hashes.
 */
@Injectable()
export class AdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ClientsService,
    private readonly tokens: TokenService,
  ) {}

  // --- departments ------------------------------------------------------------------------------------------

  async listDepartments(): Promise<DepartmentInfo[]> {
    const rows: { id: string; name: string; status: DepartmentStatus; created_at: Date; active_clients: string }[] = await this.dataSource.query(
      `SELECT d.id, d.name, d.status, d.created_at,
              (SELECT count(*) FROM gateway.api_client c WHERE c.department_id = d.id AND c.revoked_at IS NULL) AS active_clients
         FROM gateway.department d ORDER BY d.id`,
    );
    return rows.map((r) => ({ code: r.id, name: r.name, status: r.status, createdAt: r.created_at, activeClients: Number(r.active_clients) }));
  }

  async getDepartment(code: string): Promise<DepartmentInfo> {
    const found = (await this.listDepartments()).find((d) => d.code === code);
    if (!found) throw notFound('department', code, 'code');
    return found;
  }

  async createDepartment(actor: AdminActor, input: { code: string; name: string }): Promise<DepartmentInfo> {
    const code = input.code?.trim() ?? '';
    const name = input.name?.trim() ?? '';
    const problems: Problems = [];
    if (!DEPARTMENT_CODE.test(code)) problems.push({ code: 'DEPARTMENT_CODE_INVALID', field: 'code', message: { zh: '部门代码须为 1–64 位字母、数字、- 或 _', en: 'A department code is 1–64 letters, digits, - or _' } });
    if (name.length === 0 || name.length > 200) problems.push({ code: 'DEPARTMENT_NAME_INVALID', field: 'name', message: { zh: '部门名称须为 1–200 个字符', en: 'A department name is 1–200 characters' } });
    if (problems.length > 0) throw AppError.validation(problems);
    await this.dataSource.transaction(async (manager) => {
      const inserted = await manager.createQueryBuilder().insert().into(DepartmentEntity).values({ id: code, name, status: 'ACTIVE' }).orIgnore().returning(['id']).execute();
      if (inserted.raw.length === 0) throw AppError.one('CONFLICT', 'DEPARTMENT_EXISTS', `部门 ${code} 已存在`, `Department ${code} already exists`, 'code');
      await this.audit(manager, actor, 'DEPARTMENT_CREATED', `department:${code}`, { name });
    });
    return this.getDepartment(code);
  }

  /** Renames a department or changes its status; a SUSPENDED department's clients are refused until reactivated. */
  async updateDepartment(actor: AdminActor, code: string, input: { name?: string; status?: string }): Promise<DepartmentInfo> {
    const name = input.name?.trim();
    if (name !== undefined && (name.length === 0 || name.length > 200)) {
      throw AppError.one('VALIDATION', 'DEPARTMENT_NAME_INVALID', '部门名称须为 1–200 个字符', 'A department name is 1–200 characters', 'name');
    }
    if (input.status !== undefined && !(DEPARTMENT_STATUSES as readonly string[]).includes(input.status)) {
      throw AppError.one('VALIDATION', 'DEPARTMENT_STATUS_INVALID', '部门状态须为 ACTIVE 或 SUSPENDED', 'A department status is ACTIVE or SUSPENDED', 'status');
    }
    await this.dataSource.transaction(async (manager) => {
      const department = await manager.findOne(DepartmentEntity, { where: { id: code }, lock: { mode: 'pessimistic_write' } });
      if (!department) throw notFound('department', code, 'code');
      const changes: Record<string, { from: string; to: string }> = {};
      if (name !== undefined && name !== department.name) changes.name = { from: department.name, to: name };
      if (input.status !== undefined && input.status !== department.status) changes.status = { from: department.status, to: input.status };
      if (Object.keys(changes).length === 0) return;
      await manager.update(DepartmentEntity, { id: code }, { ...(changes.name ? { name } : {}), ...(changes.status ? { status: input.status } : {}) });
      await this.audit(manager, actor, 'DEPARTMENT_UPDATED', `department:${code}`, changes);
    });
    this.clients.forget(); // suspension affects every client of the department
    return this.getDepartment(code);
  }

  // --- clients ----------------------------------------------------------------------------------------------

  async listClients(filter: { departmentCode?: string; includeRevoked?: boolean } = {}): Promise<ClientInfo[]> {
    const rows = await this.dataSource.getRepository(ApiClientEntity).find({
      where: { ...(filter.departmentCode ? { departmentId: filter.departmentCode } : {}), ...(filter.includeRevoked ? {} : { revokedAt: IsNull() }) },
      order: { departmentId: 'ASC', createdAt: 'ASC', clientId: 'ASC' },
    });
    return rows.map(clientInfo);
  }

  async getClient(clientId: string): Promise<ClientInfo> {
    const row = await this.dataSource.getRepository(ApiClientEntity).findOneBy({ clientId });
    if (!row) throw notFound('client', clientId, 'clientId');
    return clientInfo(row);
  }

  /** A new client of a known, active department; its secret is in the result and nowhere else. */
  async createClient(
    actor: AdminActor,
    input: { departmentCode: string; name: string; scopes: string[]; clientId?: string; certificateSha256?: string | null },
  ): Promise<{ credentials: IssuedCredentials; client: ClientInfo }> {
    const problems: Problems = [];
    const name = input.name?.trim() ?? '';
    if (name.length === 0 || name.length > 200) problems.push({ code: 'CLIENT_NAME_INVALID', field: 'name', message: { zh: '客户端名称须为 1–200 个字符', en: 'A client name is 1–200 characters' } });
    const scopes = [...new Set(input.scopes ?? [])];
    const unknown = scopes.filter((s) => !ALL_SCOPES.includes(s));
    if (scopes.length === 0 || unknown.length > 0) {
      problems.push({
        code: 'SCOPE_UNKNOWN',
        field: 'scopes',
        message: { zh: `权限须取自：${ALL_SCOPES.join(', ')}${unknown.length ? `（未知：${unknown.join(', ')}）` : ''}`, en: `Scopes must be among: ${ALL_SCOPES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}` },
      });
    }
    if (input.clientId !== undefined && !CLIENT_ID.test(input.clientId)) {
      problems.push({ code: 'CLIENT_ID_INVALID', field: 'clientId', message: { zh: '客户端标识须为 3–64 位字母、数字、. _ -', en: 'A client id is 3–64 letters, digits, . _ -' } });
    }
    const certificate = this.fingerprint(input.certificateSha256, 'certificateSha256', problems);
    if (problems.length > 0) throw AppError.validation(problems);
    const credentials = await this.dataSource.transaction(async (manager) => {
      const department = await manager.findOneBy(DepartmentEntity, { id: input.departmentCode });
      if (!department) throw notFound('department', input.departmentCode, 'departmentCode');
      if (department.status !== 'ACTIVE') {
        throw AppError.one('CONFLICT', 'DEPARTMENT_SUSPENDED', `部门 ${department.id} 已停用，不能新建客户端`, `Department ${department.id} is suspended; no new clients`, 'departmentCode');
      }
      if (input.clientId && (await manager.existsBy(ApiClientEntity, { clientId: input.clientId }))) {
        throw AppError.one('CONFLICT', 'CLIENT_EXISTS', `客户端 ${input.clientId} 已存在`, `Client ${input.clientId} already exists`, 'clientId');
      }
      const issued = await this.clients.createClient(
        { departmentId: department.id, departmentName: department.name, name, scopes, clientId: input.clientId, certificateSha256: certificate },
        manager,
      );
      await this.audit(manager, actor, 'CLIENT_CREATED', `client:${issued.clientId}`, { departmentCode: department.id, name, scopes, certificateSha256: certificate });
      return issued;
    });
    return { credentials, client: await this.getClient(credentials.clientId) };
  }

  /** Revokes a client (no new tokens; live tokens refused). Revoking a revoked client changes nothing. */
  async revokeClient(actor: AdminActor, clientId: string): Promise<{ client: ClientInfo; changed: boolean }> {
    const changed = await this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(ApiClientEntity, { clientId }))) throw notFound('client', clientId, 'clientId');
      const revoked = await this.clients.revokeClient(clientId, manager);
      if (revoked) await this.audit(manager, actor, 'CLIENT_REVOKED', `client:${clientId}`, {});
      return revoked;
    });
    this.clients.forget(clientId);
    return { client: await this.getClient(clientId), changed };
  }

  /**
   * Replaces a client's secret: the new one is in the result, the old one stops working at once for token
   * requests. Tokens already issued stay valid until they expire (≤ 15 min); revoke the client to stop them too.
   */
  async rotateSecret(actor: AdminActor, clientId: string): Promise<{ credentials: IssuedCredentials; client: ClientInfo }> {
    const clientSecret = newSecret();
    await this.dataSource.transaction(async (manager) => {
      const client = await manager.findOne(ApiClientEntity, { where: { clientId }, lock: { mode: 'pessimistic_write' } });
      if (!client) throw notFound('client', clientId, 'clientId');
      if (client.revokedAt) throw AppError.one('CONFLICT', 'CLIENT_REVOKED', `客户端 ${clientId} 已吊销`, `Client ${clientId} is revoked`, 'clientId');
      await manager.update(ApiClientEntity, { clientId }, { secretHash: hashSecret(clientSecret), secretRotatedAt: new Date() });
      await this.audit(manager, actor, 'CLIENT_SECRET_ROTATED', `client:${clientId}`, {});
    });
    return { credentials: { clientId, clientSecret }, client: await this.getClient(clientId) };
  }

  /**
   * Binds a client to the SHA-256 fingerprint of its TLS client certificate (null unbinds). From then on its
   * token requests and API calls must come through the ingress with that certificate (MTLS_CLIENT_CERT_HEADER).
   */
  async bindCertificate(actor: AdminActor, clientId: string, certificateSha256: string | null): Promise<ClientInfo> {
    const problems: Problems = [];
    const fingerprint = this.fingerprint(certificateSha256, 'certificateSha256', problems);
    if (problems.length > 0) throw AppError.validation(problems);
    await this.dataSource.transaction(async (manager) => {
      const client = await manager.findOne(ApiClientEntity, { where: { clientId }, lock: { mode: 'pessimistic_write' } });
      if (!client) throw notFound('client', clientId, 'clientId');
      if (client.revokedAt) throw AppError.one('CONFLICT', 'CLIENT_REVOKED', `客户端 ${clientId} 已吊销`, `Client ${clientId} is revoked`, 'clientId');
      if (client.certificateSha256 === fingerprint) return;
      await manager.update(ApiClientEntity, { clientId }, { certificateSha256: fingerprint });
      await this.audit(manager, actor, fingerprint ? 'CLIENT_CERTIFICATE_BOUND' : 'CLIENT_CERTIFICATE_UNBOUND', `client:${clientId}`, {
        from: client.certificateSha256,
        to: fingerprint,
      });
    });
    this.clients.forget(clientId);
    return this.getClient(clientId);
  }

  // --- signing keys -----------------------------------------------------------------------------------------

  /** A new token-signing key; the previous one keeps verifying until the tokens it signed have expired. */
  async rotateSigningKey(actor: AdminActor): Promise<{ kid: string }> {
    const kid = await this.tokens.rotate((manager, newKid) => this.audit(manager, actor, 'SIGNING_KEY_ROTATED', `signing-key:${newKid}`, {}));
    return { kid };
  }

  // --- audit ------------------------------------------------------------------------------------------------

  /** Admin audit entries, newest first; `before` (an entry id) pages further back. */
  async auditLog(query: { limit?: number; before?: string; target?: string } = {}): Promise<AdminAuditEntry[]> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    const params: unknown[] = [limit];
    const where: string[] = [];
    if (query.before !== undefined) {
      if (!/^\d{1,18}$/.test(query.before)) throw AppError.one('VALIDATION', 'CURSOR_INVALID', '分页游标无效', 'Invalid page cursor', 'before');
      params.push(query.before);
      where.push(`a.id < $${params.length}`);
    }
    if (query.target) {
      params.push(query.target);
      where.push(`a.target = $${params.length}`);
    }
    const rows: { id: string; at: Date; actor: string; actor_department_id: string | null; action: string; target: string; details: Record<string, unknown>; request_id: string | null }[] =
      await this.dataSource.query(
        `SELECT a.id::text AS id, a.at, a.actor, a.actor_department_id, a.action, a.target, a.details, a.request_id FROM gateway.admin_audit a
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT $1`,
        params,
      );
    return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, actorDepartmentId: r.actor_department_id, action: r.action, target: r.target, details: r.details, requestId: r.request_id }));
  }

  private async audit(manager: EntityManager, actor: AdminActor, action: AdminAction, target: string, details: Record<string, unknown>): Promise<void> {
    await manager.query('INSERT INTO gateway.admin_audit (actor, actor_department_id, action, target, details, request_id) VALUES ($1, $2, $3, $4, $5::jsonb, $6)', [
      actor.actor,
      actor.departmentId,
      action,
      target,
      JSON.stringify(details),
      actor.requestId ?? null,
    ]);
  }

  private fingerprint(value: string | null | undefined, field: string, problems: Problems): string | null {
    if (value === undefined || value === null || value === '') return null;
    const fingerprint = normalizeFingerprint(value);
    if (!fingerprint) {
      problems.push({
        code: 'CERTIFICATE_FINGERPRINT_INVALID',
        field,
        message: { zh: '证书指纹须为 SHA-256（64 位十六进制，可含冒号）', en: 'A certificate fingerprint is a SHA-256: 64 hex digits, colons allowed' },
      });
    }
    return fingerprint;
  }
}

function clientInfo(row: ApiClientEntity): ClientInfo {
  return {
    clientId: row.clientId,
    departmentCode: row.departmentId,
    name: row.name,
    scopes: row.scopes,
    status: row.revokedAt ? 'REVOKED' : 'ACTIVE',
    certificateSha256: row.certificateSha256,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
    secretRotatedAt: row.secretRotatedAt,
  };
}
