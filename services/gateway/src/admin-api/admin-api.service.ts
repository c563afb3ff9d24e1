import { createParamDecorator, Injectable, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AppError } from '@credit/runtime';
import { AdminService, type AdminActor, type AdminAuditEntry, type ClientInfo, type DepartmentInfo } from '../admin/admin.service';
import type { Caller } from '../auth/clients.service';
import { TOKEN_TTL_SECONDS } from '../auth/token.service';
import {
  AdminAuditEntryView,
  AdminAuditQueryDto,
  BindCertificateDto,
  ClientStatusValue,
  ClientsQueryDto,
  ClientView,
  CreateClientDto,
  CreateDepartmentDto,
  DepartmentStatusValue,
  DepartmentView,
  IssuedCredentialsView,
  SigningKeyRotationView,
  UpdateDepartmentDto,
} from './admin.dto';

interface AdminRequest {
  id?: unknown;
  caller?: Caller;
}

/** The admin actor of a request (REST or GraphQL): the authenticated admin client and the request id. */
export const CurrentAdmin = createParamDecorator((_data: unknown, context: ExecutionContext): AdminActor => {
  const request =
    context.getType<string>() === 'graphql'
      ? GqlExecutionContext.create(context).getContext<{ req: AdminRequest }>().req
      : context.switchToHttp().getRequest<AdminRequest>();
  const caller = request.caller!;
  return { actor: `client:${caller.clientId}`, departmentId: caller.departmentId, requestId: request.id === undefined ? null : String(request.id) };
});

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * The admin API (REST and GraphQL, scope `admin`) over AdminService — the same code the CLI runs. Operations
 * that return a secret refuse an Idempotency-Key: a replayed response would have to be stored with the secret
 * in it. Their retry-safe forms: create with an explicit `clientId` (a second create is 409), and rotate again.
 */
@Injectable()
export class AdminApi {
  constructor(private readonly admin: AdminService) {}

  async departments(): Promise<DepartmentView[]> {
    return (await this.admin.listDepartments()).map(departmentView);
  }

  async department(code: string): Promise<DepartmentView> {
    return departmentView(await this.admin.getDepartment(code));
  }

  async createDepartment(actor: AdminActor, input: CreateDepartmentDto): Promise<DepartmentView> {
    return departmentView(await this.admin.createDepartment(actor, input));
  }

  async updateDepartment(actor: AdminActor, code: string, input: UpdateDepartmentDto): Promise<DepartmentView> {
    return departmentView(await this.admin.updateDepartment(actor, code, input));
  }

  async clients(query: ClientsQueryDto): Promise<ClientView[]> {
    return (await this.admin.listClients(query)).map(clientView);
  }

  async client(clientId: string): Promise<ClientView> {
    return clientView(await this.admin.getClient(clientId));
  }

  async createClient(actor: AdminActor, input: CreateClientDto, idempotencyKey: string | undefined): Promise<IssuedCredentialsView> {
    refuseStoredSecret(idempotencyKey);
    const { credentials, client } = await this.admin.createClient(actor, input);
    return { ...credentials, client: clientView(client) };
  }

  async revokeClient(actor: AdminActor, clientId: string): Promise<ClientView> {
    return clientView((await this.admin.revokeClient(actor, clientId)).client);
  }

  async rotateSecret(actor: AdminActor, clientId: string, idempotencyKey: string | undefined): Promise<IssuedCredentialsView> {
    refuseStoredSecret(idempotencyKey);
    const { credentials, client } = await this.admin.rotateSecret(actor, clientId);
    return { ...credentials, client: clientView(client) };
  }

  async bindCertificate(actor: AdminActor, clientId: string, input: BindCertificateDto): Promise<ClientView> {
    return clientView(await this.admin.bindCertificate(actor, clientId, input.certificateSha256 ?? null));
  }

  async rotateSigningKey(actor: AdminActor): Promise<SigningKeyRotationView> {
    const { kid } = await this.admin.rotateSigningKey(actor);
    return { kid, previousTokensValidForSeconds: TOKEN_TTL_SECONDS };
  }

  async auditLog(query: AdminAuditQueryDto): Promise<AdminAuditEntryView[]> {
    return (await this.admin.auditLog(query)).map(auditView);
  }
}

function refuseStoredSecret(idempotencyKey: string | undefined): void {
  if (!idempotencyKey) return;
  throw AppError.one(
    'VALIDATION',
    'IDEMPOTENCY_KEY_NOT_ACCEPTED',
    '返回密钥的操作不接受 Idempotency-Key（重放须保存密钥）；新建时请指定 clientId，重复提交得到 409',
    'Operations that return a secret do not take an Idempotency-Key (a replay would store the secret); give clientId when creating: a repeat gets 409',
    'Idempotency-Key',
  );
}

function departmentView(d: DepartmentInfo): DepartmentView {
  return { code: d.code, name: d.name, status: d.status as DepartmentStatusValue, createdAt: d.createdAt.toISOString(), activeClients: d.activeClients };
}

function clientView(c: ClientInfo): ClientView {
  return {
    clientId: c.clientId,
    departmentCode: c.departmentCode,
    name: c.name,
    scopes: c.scopes,
    status: c.status as ClientStatusValue,
    certificateSha256: c.certificateSha256,
    createdAt: c.createdAt.toISOString(),
    revokedAt: iso(c.revokedAt),
    secretRotatedAt: iso(c.secretRotatedAt),
  };
}

function auditView(e: AdminAuditEntry): AdminAuditEntryView {
  return { id: e.id, at: e.at.toISOString(), actor: e.actor, actorDepartmentId: e.actorDepartmentId, action: e.action, target: e.target, details: e.details, requestId: e.requestId };
}
