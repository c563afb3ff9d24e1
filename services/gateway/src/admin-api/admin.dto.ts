import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import GraphQLJSON from '../api/json.scalar';
import { ALL_SCOPES } from '../admin/admin.service';

export enum DepartmentStatusValue {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(DepartmentStatusValue, { name: 'DepartmentStatus', description: 'ACTIVE 启用 | SUSPENDED 停用（其客户端不能取得或使用令牌）' });

export enum ClientStatusValue {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
}
registerEnumType(ClientStatusValue, { name: 'ApiClientStatus', description: 'ACTIVE 有效 | REVOKED 已吊销' });

const SCOPES_DOC = `权限 / scopes: ${ALL_SCOPES.join(', ')}`;
const FINGERPRINT_DOC = '客户端证书的 SHA-256 指纹（64 位十六进制，可含冒号）/ SHA-256 fingerprint of the TLS client certificate (64 hex, colons allowed)';

@InputType('CreateDepartmentInput', { description: '新建部门 / a new department' })
@ApiSchema({ name: 'CreateDepartmentInput' })
export class CreateDepartmentDto {
  @ApiProperty({ description: '部门代码（稳定，不可更改）/ department code (stable)', example: '430923-SCJGJ' })
  @Field({ description: '部门代码（稳定，不可更改）/ department code (stable)' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/)
  code: string;

  @ApiProperty({ description: '部门名称 / name', example: '安化县市场监督管理局' })
  @Field({ description: '部门名称 / name' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

@InputType('UpdateDepartmentInput', { description: '修改部门名称或状态 / rename a department or change its status' })
@ApiSchema({ name: 'UpdateDepartmentInput' })
export class UpdateDepartmentDto {
  @ApiPropertyOptional({ description: '部门名称 / name' })
  @Field({ nullable: true, description: '部门名称 / name' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: DepartmentStatusValue, enumName: 'DepartmentStatus' })
  @Field(() => DepartmentStatusValue, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(DepartmentStatusValue))
  status?: DepartmentStatusValue;
}

@ObjectType('Department', { description: '部门 / a department whose systems call the platform' })
@ApiSchema({ name: 'Department' })
export class DepartmentView {
  @ApiProperty()
  @Field()
  code: string;

  @ApiProperty()
  @Field()
  name: string;

  @ApiProperty({ enum: DepartmentStatusValue, enumName: 'DepartmentStatus' })
  @Field(() => DepartmentStatusValue)
  status: DepartmentStatusValue;

  @ApiProperty({ format: 'date-time' })
  @Field()
  createdAt: string;

  @ApiProperty({ type: 'integer', description: '未吊销的客户端数 / clients not revoked' })
  @Field(() => Int, { description: '未吊销的客户端数 / clients not revoked' })
  activeClients: number;
}

@InputType('CreateApiClientInput', { description: '为部门新建系统客户端 / a new system client of a department' })
@ApiSchema({ name: 'CreateApiClientInput' })
export class CreateClientDto {
  @ApiProperty({ description: '所属部门代码（须已存在且启用）/ the department (known and active)' })
  @Field({ description: '所属部门代码（须已存在且启用）/ the department (known and active)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  departmentCode: string;

  @ApiProperty({ description: '客户端名称（如“行政处罚案件系统”）/ name, e.g. the business system' })
  @Field({ description: '客户端名称 / name, e.g. the business system' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ type: [String], description: SCOPES_DOC, example: ['records:write', 'checks:perform'] })
  @Field(() => [String], { description: SCOPES_DOC })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsIn(ALL_SCOPES, { each: true })
  scopes: string[];

  @ApiPropertyOptional({ description: '客户端标识（省略则生成）；重复提交同一标识得到 409，可作幂等依据 / client id (generated if omitted); the same id again is 409' })
  @Field({ nullable: true, description: '客户端标识（省略则生成）/ client id (generated if omitted)' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{2,63}$/)
  clientId?: string;

  @ApiPropertyOptional({ description: FINGERPRINT_DOC })
  @Field({ nullable: true, description: FINGERPRINT_DOC })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  certificateSha256?: string;
}

@ObjectType('ApiClient', { description: '部门的系统客户端（不含密钥）/ a department’s system client (never its secret)' })
@ApiSchema({ name: 'ApiClient' })
export class ClientView {
  @ApiProperty()
  @Field()
  clientId: string;

  @ApiProperty()
  @Field()
  departmentCode: string;

  @ApiProperty()
  @Field()
  name: string;

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  scopes: string[];

  @ApiProperty({ enum: ClientStatusValue, enumName: 'ApiClientStatus' })
  @Field(() => ClientStatusValue)
  status: ClientStatusValue;

  @ApiPropertyOptional({ description: FINGERPRINT_DOC, nullable: true, type: String })
  @Field(() => String, { nullable: true, description: '绑定的客户端证书 / bound TLS client certificate' })
  certificateSha256: string | null;

  @ApiProperty({ format: 'date-time' })
  @Field()
  createdAt: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  @Field(() => String, { nullable: true })
  revokedAt: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: '最近一次更换密钥 / last secret rotation' })
  @Field(() => String, { nullable: true, description: '最近一次更换密钥 / last secret rotation' })
  secretRotatedAt: string | null;
}

@ObjectType('IssuedClientCredentials', { description: '客户端凭据：密钥只显示这一次 / client credentials: the secret is shown this once' })
@ApiSchema({ name: 'IssuedClientCredentials' })
export class IssuedCredentialsView {
  @ApiProperty()
  @Field()
  clientId: string;

  @ApiProperty({ description: '仅此一次显示，平台只保存其哈希 / shown once; only its hash is stored' })
  @Field({ description: '仅此一次显示，平台只保存其哈希 / shown once; only its hash is stored' })
  clientSecret: string;

  @ApiProperty({ type: () => ClientView })
  @Field(() => ClientView)
  client: ClientView;
}

@InputType('BindClientCertificateInput', { description: '绑定（或以 null 解除）客户端证书 / bind (or, with null, unbind) a TLS client certificate' })
@ApiSchema({ name: 'BindClientCertificateInput' })
export class BindCertificateDto {
  @ApiProperty({ description: `${FINGERPRINT_DOC}; null 解除绑定 / null unbinds`, nullable: true, type: String })
  @Field(() => String, { nullable: true, description: `${FINGERPRINT_DOC}; null 解除绑定 / null unbinds` })
  @ValidateIf((_o, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(100)
  certificateSha256: string | null;
}

@ObjectType('SigningKeyRotation', { description: '新的令牌签名密钥 / the new token-signing key' })
@ApiSchema({ name: 'SigningKeyRotation' })
export class SigningKeyRotationView {
  @ApiProperty({ description: '新密钥标识（JWKS kid）/ the new key id' })
  @Field({ description: '新密钥标识（JWKS kid）/ the new key id' })
  kid: string;

  @ApiProperty({ type: 'integer', description: '旧密钥签发的令牌仍有效的最长秒数 / seconds tokens signed by the previous key stay valid' })
  @Field(() => Int, { description: '旧密钥签发的令牌仍有效的最长秒数 / seconds tokens signed by the previous key stay valid' })
  previousTokensValidForSeconds: number;
}

@ObjectType('AdminAuditEntry', { description: '管理操作审计（只增不改）/ an admin action, append-only' })
@ApiSchema({ name: 'AdminAuditEntry' })
export class AdminAuditEntryView {
  @ApiProperty({ description: '条目标识，亦为分页游标 / entry id, also the page cursor' })
  @Field()
  id: string;

  @ApiProperty({ format: 'date-time' })
  @Field()
  at: string;

  @ApiProperty({ description: '操作者：client:<客户端> 或 cli:<用户>@<主机> / who: client:<id> or cli:<user>@<host>' })
  @Field({ description: '操作者 / who' })
  actor: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @Field(() => String, { nullable: true })
  actorDepartmentId: string | null;

  @ApiProperty({ description: 'DEPARTMENT_CREATED, DEPARTMENT_UPDATED, CLIENT_CREATED, CLIENT_REVOKED, CLIENT_SECRET_ROTATED, CLIENT_CERTIFICATE_BOUND, CLIENT_CERTIFICATE_UNBOUND, SIGNING_KEY_ROTATED' })
  @Field({ description: '操作 / what' })
  action: string;

  @ApiProperty({ description: 'department:<code> | client:<id> | signing-key:<kid>' })
  @Field({ description: '对象 / target' })
  target: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  @Field(() => GraphQLJSON)
  details: Record<string, unknown>;

  @ApiPropertyOptional({ nullable: true, type: String })
  @Field(() => String, { nullable: true })
  requestId: string | null;
}

@InputType('AdminAuditQuery')
@ApiSchema({ name: 'AdminAuditQuery' })
export class AdminAuditQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: '条数，最多 200 / at most 200' })
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: '此条目之前（更早）/ entries before this id (older)' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,18}$/)
  before?: string;

  @ApiPropertyOptional({ description: '对象，如 client:abc / target, e.g. client:abc' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  target?: string;
}

@InputType('ApiClientsQuery')
@ApiSchema({ name: 'ApiClientsQuery' })
export class ClientsQueryDto {
  @ApiPropertyOptional({ description: '部门代码 / department code' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  departmentCode?: string;

  @ApiPropertyOptional({ type: Boolean, description: '包括已吊销的 / include revoked clients' })
  @Field({ nullable: true })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeRevoked?: boolean;
}
