import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBase64,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { SubjectView } from '../api/dto';
import GraphQLJSON from '../api/json.scalar';

export enum ObjectionTargetTypeInput {
  RECORD = 'RECORD',
  LIST_ENTRY = 'LIST_ENTRY',
}
registerEnumType(ObjectionTargetTypeInput, { name: 'ObjectionTargetType', description: '异议对象：信用记录或名单 / objected to: a credit record or a list entry' });

export enum ObjectionGroundsInput {
  NOT_ME = 'NOT_ME',
  WRONG_CONTENT = 'WRONG_CONTENT',
  SHOULD_HAVE_EXPIRED = 'SHOULD_HAVE_EXPIRED',
  ALREADY_REPAIRED = 'ALREADY_REPAIRED',
  OTHER = 'OTHER',
}
registerEnumType(ObjectionGroundsInput, {
  name: 'ObjectionGrounds',
  description: '异议理由：非本主体 / 内容错误 / 应已到期 / 已修复 / 其他 — not me, wrong content, should have expired, already repaired, other',
});

export enum ObjectionOutcomeInput {
  CORRECTED = 'CORRECTED',
  REVOKED = 'REVOKED',
  MAINTAINED = 'MAINTAINED',
}
registerEnumType(ObjectionOutcomeInput, {
  name: 'ObjectionOutcome',
  description: '核查结论：更正 / 撤销 / 维持（经核实无误，暂停的措施恢复）— corrected, revoked, maintained (verified correct; suspended measures resume)',
});

export enum ObjectionRoleInput {
  FILED = 'FILED',
  VERIFYING = 'VERIFYING',
}
registerEnumType(ObjectionRoleInput, {
  name: 'ObjectionRole',
  description: 'FILED：本部门提出的异议（objections:file）；VERIFYING：待本部门核查的异议（objections:decide）/ filed by, or to be verified by, the department',
});

export enum ObjectionStatusInput {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}
registerEnumType(ObjectionStatusInput, { name: 'ObjectionStatus', description: 'OPEN 核查中 / RESOLVED 已作出结论' });

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Base64 of 768 KiB: with the JSON around it, one such file fits the gateway's 1 MiB request body. */
export const MAX_ATTACHMENT_BASE64_CHARS = 1_048_576;

const ATTACHMENT_LIMIT_TEXT =
  '附件随请求以 Base64 提交；网关请求体上限为 1 MiB（全部附件 Base64 后合计约 750 KiB 原文件），超出返回 413。PDF、JPEG 或 PNG，最多 5 个。' +
  ' / Attachments travel inline as Base64; the gateway body limit is 1 MiB, so all files together may be about 750 KiB before encoding (413 beyond). PDF, JPEG or PNG, at most 5 files.';

@InputType('ObjectionContactInput', { description: '联系人（姓名及电话、邮箱或地址之一）/ contact: a name and a phone, e-mail or address' })
@ApiSchema({ name: 'ObjectionContactInput' })
export class ObjectionContactDto {
  @ApiProperty({ description: '联系人 / contact name' })
  @Field({ description: '联系人 / contact name' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ description: '电话 / phone' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @ApiPropertyOptional({ description: '电子邮箱 / e-mail' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional({ description: '通讯地址 / postal address' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;
}

@InputType('ObjectionAttachmentInput', { description: `证明材料 / supporting document. ${ATTACHMENT_LIMIT_TEXT}` })
@ApiSchema({ name: 'ObjectionAttachmentInput', description: `证明材料 / supporting document. ${ATTACHMENT_LIMIT_TEXT}` })
export class ObjectionAttachmentDto {
  @ApiProperty({ description: '文件名 / file name' })
  @Field({ description: '文件名 / file name' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fileName: string;

  @ApiProperty({ description: 'application/pdf | image/jpeg | image/png' })
  @Field({ description: 'application/pdf | image/jpeg | image/png' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  mediaType: string;

  @ApiProperty({ description: `文件内容 Base64 / file content, Base64. ${ATTACHMENT_LIMIT_TEXT}`, maxLength: MAX_ATTACHMENT_BASE64_CHARS })
  @Field({ description: '文件内容 Base64（请求体合计不超过 1 MiB）/ file content, Base64 (whole request at most 1 MiB)' })
  @IsString()
  @IsBase64()
  @MaxLength(MAX_ATTACHMENT_BASE64_CHARS)
  contentBase64: string;
}

@InputType('FileObjectionInput', { description: '提出异议（信用主体的窗口部门或信用办代为提交）/ file an objection on behalf of a subject' })
@ApiSchema({ name: 'FileObjectionInput' })
export class FileObjectionDto {
  @ApiProperty({ enum: ObjectionTargetTypeInput, enumName: 'ObjectionTargetType' })
  @Field(() => ObjectionTargetTypeInput)
  @IsIn(Object.values(ObjectionTargetTypeInput))
  targetType: ObjectionTargetTypeInput;

  @ApiProperty({ description: '信用记录编号或名单条目编号 / record id or list entry id' })
  @Field({ description: '信用记录编号或名单条目编号 / record id or list entry id' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  targetId: string;

  @ApiPropertyOptional({ description: '异议的记录版本（须为当前版本；省略即当前版本）/ record version objected to (must be current; default current)', type: 'integer' })
  @Field(() => Int, { nullable: true, description: '记录版本（省略即当前版本）/ record version (default: current)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  targetVersion?: number;

  @ApiProperty({ enum: ObjectionGroundsInput, enumName: 'ObjectionGrounds' })
  @Field(() => ObjectionGroundsInput)
  @IsIn(Object.values(ObjectionGroundsInput))
  grounds: ObjectionGroundsInput;

  @ApiProperty({ description: '异议陈述（不超过 5000 字）/ statement (at most 5000 characters)' })
  @Field({ description: '异议陈述（不超过 5000 字）/ statement (at most 5000 characters)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  statement: string;

  @ApiProperty({ type: () => ObjectionContactDto })
  @Field(() => ObjectionContactDto)
  @IsDefined()
  @ValidateNested()
  @Type(() => ObjectionContactDto)
  contact: ObjectionContactDto;

  @ApiPropertyOptional({ type: () => [ObjectionAttachmentDto], maxItems: 5, description: ATTACHMENT_LIMIT_TEXT })
  @Field(() => [ObjectionAttachmentDto], { nullable: true, description: ATTACHMENT_LIMIT_TEXT })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => ObjectionAttachmentDto)
  attachments?: ObjectionAttachmentDto[];
}

@InputType('DecideObjectionInput', { description: '核查结论（仅信息提供/认定部门）/ the verifying department’s outcome' })
@ApiSchema({ name: 'DecideObjectionInput' })
export class DecideObjectionDto {
  @ApiProperty({ enum: ObjectionOutcomeInput, enumName: 'ObjectionOutcome' })
  @Field(() => ObjectionOutcomeInput)
  @IsIn(Object.values(ObjectionOutcomeInput))
  outcome: ObjectionOutcomeInput;

  @ApiProperty({ description: '理由（不超过 5000 字）/ reasons (at most 5000 characters)' })
  @Field({ description: '理由（不超过 5000 字）/ reasons (at most 5000 characters)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reasons: string;

  @ApiPropertyOptional({ description: '更正后的信息项（仅 CORRECTED）/ corrected item fields (CORRECTED only)', type: 'object', additionalProperties: true })
  @Field(() => GraphQLJSON, { nullable: true, description: '更正后的信息项（仅 CORRECTED）/ corrected item fields (CORRECTED only)' })
  @IsOptional()
  @IsObject()
  correctedFields?: Record<string, unknown>;
}

@InputType('ObjectionFilter', { description: '异议查询条件 / objection list filter' })
@ApiSchema({ name: 'ObjectionFilter' })
export class ObjectionQueryDto {
  @ApiPropertyOptional({
    enum: ObjectionRoleInput,
    enumName: 'ObjectionRole',
    description: 'FILED（默认，有 objections:file 时）或 VERIFYING（待本部门核查）/ FILED (default with objections:file) or VERIFYING (the department’s queue)',
  })
  @Field(() => ObjectionRoleInput, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(ObjectionRoleInput))
  role?: ObjectionRoleInput;

  @ApiPropertyOptional({ enum: ObjectionStatusInput, enumName: 'ObjectionStatus' })
  @Field(() => ObjectionStatusInput, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(ObjectionStatusInput))
  status?: ObjectionStatusInput;

  @ApiPropertyOptional({ description: '主体标识 ORG:<统一社会信用代码> 或 NP:<哈希> / subject key' })
  @Field({ nullable: true, description: '主体标识 / subject key (ORG:<uscc> or NP:<hash>)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subjectKey?: string;

  @ApiPropertyOptional({ description: '信用办：按部门查询（省略即全部）/ credit office only: one department (default all)' })
  @Field({ nullable: true, description: '信用办：按部门查询 / credit office only: one department' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  departmentId?: string;

  @ApiPropertyOptional({ description: '上一页返回的游标 / cursor from the previous page' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ description: '每页条数，最多 100 / page size, at most 100', type: 'integer' })
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

@InputType('ObjectionStatisticsFilter')
@ApiSchema({ name: 'ObjectionStatisticsFilter' })
export class ObjectionStatisticsQueryDto {
  @ApiPropertyOptional({ description: '信用办：某一部门（省略即全部）；其他部门只能查本部门 / credit office: one department or all; others: their own' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  departmentId?: string;

  @ApiPropertyOptional({ description: '统计日 YYYY-MM-DD（默认今天）/ as of (default today, Asia/Shanghai)' })
  @Field({ nullable: true })
  @IsOptional()
  @Matches(DATE)
  asOf?: string;
}

@InputType('ObjectionNotificationFilter')
@ApiSchema({ name: 'ObjectionNotificationFilter' })
export class ObjectionNotificationQueryDto {
  @ApiPropertyOptional({ description: 'YYYY-MM-DD：此日及以后 / on or after this date' })
  @Field({ nullable: true })
  @IsOptional()
  @Matches(DATE)
  since?: string;
}

@ObjectType('ObjectionContact')
export class ObjectionContactView {
  @ApiProperty()
  @Field()
  name: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  phone?: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  email?: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  address?: string;
}

@ObjectType('ObjectionAttachment', { description: '附件（元数据）/ attachment metadata' })
export class ObjectionAttachmentView {
  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  index: number;

  @ApiProperty()
  @Field()
  fileName: string;

  @ApiProperty()
  @Field()
  mediaType: string;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  sizeBytes: number;

  @ApiProperty({ description: 'SHA-256 (hex)' })
  @Field({ description: 'SHA-256 (hex)' })
  sha256: string;
}

@ObjectType('ObjectionStatement', { description: '一次申请（首次或并入的）/ one filing (the first or a merged one)' })
export class ObjectionStatementView {
  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  sequence: number;

  @ApiProperty()
  @Field()
  requesterDepartmentId: string;

  @ApiProperty({ enum: ObjectionGroundsInput, enumName: 'ObjectionGrounds' })
  @Field(() => ObjectionGroundsInput)
  grounds: string;

  @ApiProperty()
  @Field()
  statement: string;

  @ApiPropertyOptional({ type: () => ObjectionContactView })
  @Field(() => ObjectionContactView, { nullable: true })
  contact?: ObjectionContactView;

  @ApiProperty({ type: () => [ObjectionAttachmentView] })
  @Field(() => [ObjectionAttachmentView])
  attachments: ObjectionAttachmentView[];

  @ApiProperty()
  @Field()
  filedAt: string;
}

@ObjectType('ObjectionHistoryEntry')
export class ObjectionHistoryView {
  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  sequence: number;

  @ApiProperty({ description: 'FILED | MARKED | MERGED | REMINDED | ESCALATED | RESOLVED' })
  @Field({ description: 'FILED | MARKED | MERGED | REMINDED | ESCALATED | RESOLVED' })
  kind: string;

  @ApiProperty()
  @Field()
  at: string;

  @ApiProperty()
  @Field()
  actor: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  @Field(() => GraphQLJSON)
  detail: Record<string, unknown>;
}

@ObjectType('Objection', { description: '异议 / an objection' })
export class ObjectionView {
  @ApiProperty()
  @Field()
  objectionId: string;

  @ApiProperty({ enum: ObjectionStatusInput, enumName: 'ObjectionStatus' })
  @Field(() => ObjectionStatusInput)
  status: string;

  @ApiProperty({ enum: ObjectionTargetTypeInput, enumName: 'ObjectionTargetType' })
  @Field(() => ObjectionTargetTypeInput)
  targetType: string;

  @ApiProperty()
  @Field()
  targetId: string;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  targetVersion: number;

  @ApiProperty({ type: () => SubjectView, description: '主体（身份证号脱敏）/ subject (ID number masked)' })
  @Field(() => SubjectView)
  subject: SubjectView;

  @ApiProperty({ enum: ObjectionGroundsInput, enumName: 'ObjectionGrounds' })
  @Field(() => ObjectionGroundsInput)
  grounds: string;

  @ApiProperty({ description: '提出部门 / filing department' })
  @Field({ description: '提出部门 / filing department' })
  requesterDepartmentId: string;

  @ApiProperty({ description: '核查部门（信息提供/认定单位）/ verifying department (the provider)' })
  @Field({ description: '核查部门 / verifying department (the provider)' })
  verifyingDepartmentId: string;

  @ApiProperty()
  @Field()
  filedAt: string;

  @ApiProperty({ description: 'YYYY-MM-DD (Asia/Shanghai)' })
  @Field()
  filingDate: string;

  @ApiPropertyOptional({ description: '标注“异议处理中”的时间 / when the target was marked' })
  @Field({ nullable: true })
  markedAt?: string;

  @ApiProperty({ description: '标注期限 / marking due date' })
  @Field()
  markingDue: string;

  @ApiProperty()
  @Field()
  markedOnTime: boolean;

  @ApiProperty({ description: '核查期限 / verification due date' })
  @Field({ description: '核查期限 / verification due date' })
  verificationDue: string;

  @ApiProperty({ description: 'CALENDAR | WORKING' })
  @Field({ description: 'CALENDAR | WORKING' })
  verificationDayKind: string;

  @ApiProperty({ description: '计算期限所用政策版本 / policy versions used for the deadlines' })
  @Field()
  policyVersion: string;

  @ApiProperty()
  @Field()
  escalated: boolean;

  @ApiProperty({ description: '已逾期 / open and past its due date' })
  @Field({ description: '已逾期 / open and past its due date' })
  overdue: boolean;

  @ApiPropertyOptional({ enum: ObjectionOutcomeInput, enumName: 'ObjectionOutcome' })
  @Field(() => ObjectionOutcomeInput, { nullable: true })
  outcome?: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  reasons?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @Field(() => GraphQLJSON, { nullable: true })
  correctedFields?: Record<string, unknown>;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  decidedBy?: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  decidedAt?: string;

  @ApiProperty({ type: () => [ObjectionStatementView], description: '单个查询时给出（列表中为空）/ filled for one objection (empty in lists)' })
  @Field(() => [ObjectionStatementView])
  statements: ObjectionStatementView[];

  @ApiProperty({ type: () => [ObjectionHistoryView], description: '单个查询时给出（列表中为空）/ filled for one objection (empty in lists)' })
  @Field(() => [ObjectionHistoryView])
  history: ObjectionHistoryView[];
}

@ObjectType('FileObjectionResult')
export class FileObjectionResultView {
  @ApiProperty({ type: () => ObjectionView })
  @Field(() => ObjectionView)
  objection: ObjectionView;

  @ApiProperty({ description: '并入同一对象上已在核查的异议 / merged into the objection already open on the target' })
  @Field({ description: '并入已在核查的异议 / merged into the open objection on the target' })
  merged: boolean;
}

@ObjectType('ObjectionPage')
export class ObjectionPageView {
  @ApiProperty({ type: () => [ObjectionView] })
  @Field(() => [ObjectionView])
  objections: ObjectionView[];

  @ApiPropertyOptional({ description: '下一页游标，最后一页为空 / next page cursor; absent on the last page' })
  @Field({ nullable: true })
  nextCursor?: string;
}

@ObjectType('ObjectionOutcomeShare')
export class ObjectionOutcomeShareView {
  @ApiProperty({ enum: ObjectionOutcomeInput, enumName: 'ObjectionOutcome' })
  @Field(() => ObjectionOutcomeInput)
  outcome: string;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  count: number;

  @ApiProperty({ description: '0..1' })
  @Field(() => Float)
  share: number;
}

@ObjectType('DepartmentObjectionStatistics')
export class DepartmentObjectionStatisticsView {
  @ApiProperty()
  @Field()
  departmentId: string;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  open: number;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  overdue: number;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  escalated: number;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  resolved: number;

  @ApiProperty({ description: '从受理到结论的中位天数（日历日）/ median calendar days from filing to decision' })
  @Field(() => Float)
  medianHandlingDays: number;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  markedLate: number;

  @ApiProperty({ type: () => [ObjectionOutcomeShareView] })
  @Field(() => [ObjectionOutcomeShareView])
  outcomes: ObjectionOutcomeShareView[];
}

@ObjectType('ObjectionStatistics', { description: '异议处理监督统计 / objection handling supervision' })
export class ObjectionStatisticsView {
  @ApiProperty()
  @Field()
  asOf: string;

  @ApiProperty({ type: () => [DepartmentObjectionStatisticsView] })
  @Field(() => [DepartmentObjectionStatisticsView])
  departments: DepartmentObjectionStatisticsView[];
}

@ObjectType('ObjectionNotification', { description: '核查提醒或督办 / reminder or escalation' })
export class ObjectionNotificationView {
  @ApiProperty({ description: 'REMINDER | ESCALATION' })
  @Field({ description: 'REMINDER | ESCALATION' })
  kind: string;

  @ApiProperty()
  @Field()
  objectionId: string;

  @ApiProperty()
  @Field()
  date: string;

  @ApiProperty()
  @Field()
  verificationDue: string;
}
