import { UseInterceptors } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdempotencyKey } from '../api/request-context';
import { RequireScope } from '../auth/auth.guard';
import { Scopes } from '../auth/clients.service';
import type { AdminActor } from '../admin/admin.service';
import { AdminApi, CurrentAdmin } from './admin-api.service';
import {
  AdminAuditEntryView,
  AdminAuditQueryDto,
  BindCertificateDto,
  ClientsQueryDto,
  ClientView,
  CreateClientDto,
  CreateDepartmentDto,
  DepartmentView,
  IssuedCredentialsView,
  SigningKeyRotationView,
  UpdateDepartmentDto,
} from './admin.dto';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';

/** GraphQL: administration by the credit office (scope `admin`); every mutation is audited. */
@Resolver()
@UseInterceptors(IdempotencyInterceptor) // Idempotency-Key on its mutations
export class AdminResolver {
  constructor(private readonly api: AdminApi) {}

  @Query(() => [DepartmentView], { description: '部门列表 / departments (admin)' })
  @RequireScope(Scopes.admin)
  adminDepartments(): Promise<DepartmentView[]> {
    return this.api.departments();
  }

  @Query(() => [ClientView], { description: '客户端列表（不含密钥）/ API clients, never their secrets (admin)' })
  @RequireScope(Scopes.admin)
  adminClients(@Args('filter', { nullable: true }) filter?: ClientsQueryDto): Promise<ClientView[]> {
    return this.api.clients(filter ?? {});
  }

  @Query(() => [AdminAuditEntryView], { description: '管理操作审计，最新在前 / the admin audit, newest first (admin)' })
  @RequireScope(Scopes.admin)
  adminAuditLog(@Args('query', { nullable: true }) query?: AdminAuditQueryDto): Promise<AdminAuditEntryView[]> {
    return this.api.auditLog(query ?? {});
  }

  @Mutation(() => DepartmentView, { description: '新建部门 / create a department (admin)' })
  @RequireScope(Scopes.admin)
  createDepartment(@CurrentAdmin() actor: AdminActor, @Args('input') input: CreateDepartmentDto): Promise<DepartmentView> {
    return this.api.createDepartment(actor, input);
  }

  @Mutation(() => DepartmentView, { description: '修改部门名称或状态 / rename or suspend a department (admin)' })
  @RequireScope(Scopes.admin)
  updateDepartment(@CurrentAdmin() actor: AdminActor, @Args('code') code: string, @Args('input') input: UpdateDepartmentDto): Promise<DepartmentView> {
    return this.api.updateDepartment(actor, code, input);
  }

  @Mutation(() => IssuedCredentialsView, { description: '新建客户端，密钥只显示这一次 / create an API client; the secret is shown this once (admin)' })
  @RequireScope(Scopes.admin)
  createApiClient(@CurrentAdmin() actor: AdminActor, @Args('input') input: CreateClientDto, @IdempotencyKey() key?: string): Promise<IssuedCredentialsView> {
    return this.api.createClient(actor, input, key);
  }

  @Mutation(() => ClientView, { description: '吊销客户端 / revoke an API client (admin)' })
  @RequireScope(Scopes.admin)
  revokeApiClient(@CurrentAdmin() actor: AdminActor, @Args('clientId', { type: () => ID }) clientId: string): Promise<ClientView> {
    return this.api.revokeClient(actor, clientId);
  }

  @Mutation(() => IssuedCredentialsView, { description: '更换客户端密钥，新密钥只显示这一次 / rotate a client secret; the new one is shown this once (admin)' })
  @RequireScope(Scopes.admin)
  rotateApiClientSecret(@CurrentAdmin() actor: AdminActor, @Args('clientId', { type: () => ID }) clientId: string, @IdempotencyKey() key?: string): Promise<IssuedCredentialsView> {
    return this.api.rotateSecret(actor, clientId, key);
  }

  @Mutation(() => ClientView, { description: '绑定（或解除）客户端证书 / bind (or unbind) a TLS client certificate (admin)' })
  @RequireScope(Scopes.admin)
  bindApiClientCertificate(
    @CurrentAdmin() actor: AdminActor,
    @Args('clientId', { type: () => ID }) clientId: string,
    @Args('input') input: BindCertificateDto,
  ): Promise<ClientView> {
    return this.api.bindCertificate(actor, clientId, input);
  }

  @Mutation(() => SigningKeyRotationView, { description: '更换令牌签名密钥 / rotate the token-signing key (admin)' })
  @RequireScope(Scopes.admin)
  rotateSigningKey(@CurrentAdmin() actor: AdminActor): Promise<SigningKeyRotationView> {
    return this.api.rotateSigningKey(actor);
  }
}
