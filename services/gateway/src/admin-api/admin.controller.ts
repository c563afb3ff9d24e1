import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { errorResponses } from '../api/rest.controller';
import { IdempotencyKey } from '../api/request-context';
import { RequireScope } from '../auth/auth.guard';
import { Scopes } from '../auth/clients.service';
import type { AdminActor } from '../admin/admin.service';
import { IDEMPOTENCY_HEADER_DOC } from '../objections/objections.controller';
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

const NO_IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  required: false,
  description: '不接受：响应含密钥，不能保存以供重放（400 IDEMPOTENCY_KEY_NOT_ACCEPTED）/ not accepted: the response holds a secret, which is never stored for a replay',
};

/** REST: administration by the credit office (信用办) — departments, their API clients, signing keys, admin audit. */
@ApiTags('admin')
@ApiBearerAuth('bearer')
@Controller('api/v1/admin')
export class AdminController {
  constructor(private readonly api: AdminApi) {}

  @Get('departments')
  @RequireScope(Scopes.admin)
  @ApiOperation({ summary: '部门列表 / departments', description: 'Scope `admin`.' })
  @ApiResponse({ status: 200, type: [DepartmentView] })
  @errorResponses(401, 403, 429)
  departments(): Promise<DepartmentView[]> {
    return this.api.departments();
  }

  @Post('departments')
  @RequireScope(Scopes.admin)
  @ApiOperation({ summary: '新建部门 / create a department', description: 'Scope `admin`. Audited. The same code again is 409 DEPARTMENT_EXISTS.' })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiResponse({ status: 201, type: DepartmentView })
  @errorResponses(400, 401, 403, 409, 429)
  createDepartment(@CurrentAdmin() actor: AdminActor, @Body() body: CreateDepartmentDto): Promise<DepartmentView> {
    return this.api.createDepartment(actor, body);
  }

  @Get('departments/:code')
  @RequireScope(Scopes.admin)
  @ApiOperation({ summary: '部门 / one department', description: 'Scope `admin`.' })
  @ApiParam({ name: 'code' })
  @ApiResponse({ status: 200, type: DepartmentView })
  @errorResponses(401, 403, 404, 429)
  department(@Param('code') code: string): Promise<DepartmentView> {
    return this.api.department(code);
  }

  @Patch('departments/:code')
  @RequireScope(Scopes.admin)
  @ApiOperation({
    summary: '修改部门 / rename or suspend a department',
    description: 'Scope `admin`. Audited. A SUSPENDED department’s clients get no tokens and their live tokens are refused (within 10 s on every gateway replica).',
  })
  @ApiParam({ name: 'code' })
  @ApiResponse({ status: 200, type: DepartmentView })
  @errorResponses(400, 401, 403, 404, 429)
  updateDepartment(@CurrentAdmin() actor: AdminActor, @Param('code') code: string, @Body() body: UpdateDepartmentDto): Promise<DepartmentView> {
    return this.api.updateDepartment(actor, code, body);
  }

  @Get('clients')
  @RequireScope(Scopes.admin)
  @ApiOperation({ summary: '客户端列表（不含密钥）/ API clients (never their secrets)', description: 'Scope `admin`.' })
  @ApiResponse({ status: 200, type: [ClientView] })
  @errorResponses(400, 401, 403, 429)
  clients(@Query() query: ClientsQueryDto): Promise<ClientView[]> {
    return this.api.clients(query);
  }

  @Post('clients')
  @RequireScope(Scopes.admin)
  @ApiOperation({
    summary: '新建客户端 / create an API client',
    description: 'Scope `admin`. Audited. The department must be known and active. The secret is in this response only (the platform keeps its SHA-256).',
  })
  @ApiHeader(NO_IDEMPOTENCY_KEY)
  @ApiResponse({ status: 201, type: IssuedCredentialsView })
  @errorResponses(400, 401, 403, 404, 409, 429)
  createClient(@CurrentAdmin() actor: AdminActor, @Body() body: CreateClientDto, @IdempotencyKey() key: string | undefined): Promise<IssuedCredentialsView> {
    return this.api.createClient(actor, body, key);
  }

  @Get('clients/:clientId')
  @RequireScope(Scopes.admin)
  @ApiOperation({ summary: '客户端（不含密钥）/ one API client (never its secret)', description: 'Scope `admin`.' })
  @ApiParam({ name: 'clientId' })
  @ApiResponse({ status: 200, type: ClientView })
  @errorResponses(401, 403, 404, 429)
  client(@Param('clientId') clientId: string): Promise<ClientView> {
    return this.api.client(clientId);
  }

  @Post('clients/:clientId/revoke')
  @HttpCode(200)
  @RequireScope(Scopes.admin)
  @ApiOperation({ summary: '吊销客户端 / revoke an API client', description: 'Scope `admin`. Audited. No new tokens; live tokens refused (within 10 s on every replica). Revoking again changes nothing.' })
  @ApiParam({ name: 'clientId' })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiResponse({ status: 200, type: ClientView })
  @errorResponses(401, 403, 404, 429)
  revoke(@CurrentAdmin() actor: AdminActor, @Param('clientId') clientId: string): Promise<ClientView> {
    return this.api.revokeClient(actor, clientId);
  }

  @Post('clients/:clientId/rotate-secret')
  @HttpCode(200)
  @RequireScope(Scopes.admin)
  @ApiOperation({
    summary: '更换客户端密钥 / rotate a client secret',
    description: 'Scope `admin`. Audited. The new secret is in this response only; the old one stops working at once. Tokens already issued stay valid until they expire (≤ 15 min): revoke to stop them.',
  })
  @ApiParam({ name: 'clientId' })
  @ApiHeader(NO_IDEMPOTENCY_KEY)
  @ApiResponse({ status: 200, type: IssuedCredentialsView })
  @errorResponses(400, 401, 403, 404, 409, 429)
  rotateSecret(@CurrentAdmin() actor: AdminActor, @Param('clientId') clientId: string, @IdempotencyKey() key: string | undefined): Promise<IssuedCredentialsView> {
    return this.api.rotateSecret(actor, clientId, key);
  }

  @Put('clients/:clientId/certificate')
  @RequireScope(Scopes.admin)
  @ApiOperation({
    summary: '绑定客户端证书（mTLS）/ bind a client to its TLS client certificate',
    description:
      'Scope `admin`. Audited. With a fingerprint, the client’s token requests and API calls must come through the ingress with that certificate (MTLS_CLIENT_CERT_HEADER); null unbinds. See docs/SECURITY.md.',
  })
  @ApiParam({ name: 'clientId' })
  @ApiResponse({ status: 200, type: ClientView })
  @errorResponses(400, 401, 403, 404, 409, 429)
  bindCertificate(@CurrentAdmin() actor: AdminActor, @Param('clientId') clientId: string, @Body() body: BindCertificateDto): Promise<ClientView> {
    return this.api.bindCertificate(actor, clientId, body);
  }

  @Post('signing-keys/rotate')
  @HttpCode(200)
  @RequireScope(Scopes.admin)
  @ApiOperation({ summary: '更换令牌签名密钥 / rotate the token-signing key', description: 'Scope `admin`. Audited. Tokens signed by the previous key stay valid until they expire.' })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiResponse({ status: 200, type: SigningKeyRotationView })
  @errorResponses(401, 403, 429)
  rotateSigningKey(@CurrentAdmin() actor: AdminActor): Promise<SigningKeyRotationView> {
    return this.api.rotateSigningKey(actor);
  }

  @Get('audit')
  @RequireScope(Scopes.admin)
  @ApiOperation({ summary: '管理操作审计 / the admin audit', description: 'Scope `admin`. Newest first; `before` (an entry id) pages further back.' })
  @ApiResponse({ status: 200, type: [AdminAuditEntryView] })
  @errorResponses(400, 401, 403, 429)
  audit(@Query() query: AdminAuditQueryDto): Promise<AdminAuditEntryView[]> {
    return this.api.auditLog(query);
  }
}
