import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { RepairMethod, REPAIR_COMMITMENT_TYPE } from '@credit/domain';
import { SeverityInput, SubjectDto, SubjectView } from '../api/dto';
import { LocalizedTextView } from '../checks/checks.dto';

export enum RepairTargetTypeInput {
  RECORD = 'RECORD',
  LIST_ENTRY = 'LIST_ENTRY',
}
registerEnumType(RepairTargetTypeInput, {
  name: 'RepairTargetType',
  description: 'RECORD：提前停止公示（及其上的惩戒）；LIST_ENTRY：移出名单 / RECORD: stop a record’s publicity early; LIST_ENTRY: leave a list',
});

export enum RepairDecisionInput {
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(RepairDecisionInput, { name: 'RepairDecision', description: '准予修复 / 不予修复 — approve or reject' });

export enum RepairRoleInput {
  REQUESTED = 'REQUESTED',
  TO_DECIDE = 'TO_DECIDE',
}
registerEnumType(RepairRoleInput, {
  name: 'RepairRole',
  description: 'REQUESTED：本部门提交的申请（repairs:apply）；TO_DECIDE：待本部门决定的申请（repairs:decide）/ filed by, or to be decided by, the department',
});

export enum RepairStatusInput {
  REFUSED = 'REFUSED',
  ACCEPTED = 'ACCEPTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  REVOKED = 'REVOKED',
}
registerEnumType(RepairStatusInput, {
  name: 'RepairStatus',
  description: 'REFUSED 不予受理 / ACCEPTED 已受理待决定 / APPROVED 准予修复 / REJECTED 不予修复 / REVOKED 违诺撤销',
});

const METHODS = Object.values(RepairMethod);
const METHOD_TEXT = `修复方式 / repair methods: ${METHODS.join(', ')} (PUBLIC_SERVICE: natural persons only)`;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType('RepairTargetInput', { description: '修复对象 / what is to be repaired' })
@ApiSchema({ name: 'RepairTargetInput' })
export class RepairTargetDto {
  @ApiProperty({ enum: RepairTargetTypeInput, enumName: 'RepairTargetType' })
  @Field(() => RepairTargetTypeInput)
  @IsIn(Object.values(RepairTargetTypeInput))
  type: RepairTargetTypeInput;

  @ApiProperty({ description: '信用记录编号或名单条目编号 / record id or list entry id' })
  @Field({ description: '信用记录编号或名单条目编号 / record id or list entry id' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  id: string;
}

@InputType('RepairEvidenceAttachmentInput', {
  description:
    '证明材料（只传摘要：文件由部门系统保存）/ supporting file, by reference: its SHA-256 and size; the department system keeps the file (no content is uploaded, so the 1 MiB body limit does not bind)',
})
@ApiSchema({ name: 'RepairEvidenceAttachmentInput' })
export class RepairEvidenceAttachmentDto {
  @ApiProperty()
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fileName: string;

  @ApiProperty({ description: 'application/pdf | image/jpeg | image/png' })
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  mediaType: string;

  @ApiProperty({ type: 'integer', description: '字节数 / size in bytes' })
  @Field(() => Int, { description: '字节数 / size in bytes' })
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  sizeBytes: number;

  @ApiProperty({ description: '文件内容的 SHA-256（64 位十六进制）/ SHA-256 of the content, hex' })
  @Field({ description: 'SHA-256 (hex)' })
  @Matches(/^[0-9a-fA-F]{64}$/)
  sha256: string;

  @ApiProperty({ description: '证明内容，如 FINE_RECEIPT、RECTIFICATION_REPORT、TRAINING_CERTIFICATE、CREDIT_REPORT / what it proves' })
  @Field({ description: 'FINE_RECEIPT | RECTIFICATION_REPORT | TRAINING_CERTIFICATE | CREDIT_REPORT | …' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  kind: string;
}

@InputType('RepairEvidenceInput', { description: '履行情况与证明材料 / obligations met and supporting files' })
@ApiSchema({ name: 'RepairEvidenceInput' })
export class RepairEvidenceDto {
  @ApiPropertyOptional({ description: '罚款已缴纳 / fine paid' })
  @Field({ nullable: true, description: '罚款已缴纳 / fine paid' })
  @IsOptional()
  @IsBoolean()
  finePaid?: boolean;

  @ApiPropertyOptional({ description: '整改已完成 / rectification done' })
  @Field({ nullable: true, description: '整改已完成 / rectification done' })
  @IsOptional()
  @IsBoolean()
  rectificationDone?: boolean;

  @ApiPropertyOptional({ type: () => [RepairEvidenceAttachmentDto], maxItems: 20 })
  @Field(() => [RepairEvidenceAttachmentDto], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RepairEvidenceAttachmentDto)
  attachments?: RepairEvidenceAttachmentDto[];
}

@InputType('RepairCommitmentInput', { description: `信用修复承诺（类型须为“${REPAIR_COMMITMENT_TYPE}”）/ repair commitment` })
@ApiSchema({ name: 'RepairCommitmentInput' })
export class RepairCommitmentDto {
  @ApiPropertyOptional({ description: '承诺编码（已登记时）/ commitment code when registered' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  commitmentId?: string;

  @ApiPropertyOptional({ description: '承诺内容 / commitment text' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  text?: string;

  @ApiPropertyOptional({ description: `承诺类型，须为“${REPAIR_COMMITMENT_TYPE}” / type, must be ${REPAIR_COMMITMENT_TYPE}` })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  type?: string;
}

@InputType('RepairEligibilityInput', { description: '修复条件预检 / may this be repaired, and from when' })
@ApiSchema({ name: 'RepairEligibilityInput' })
export class RepairEligibilityDto {
  @ApiProperty({ type: () => SubjectDto })
  @Field(() => SubjectDto)
  @IsDefined()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject: SubjectDto;

  @ApiProperty({ type: () => RepairTargetDto })
  @Field(() => RepairTargetDto)
  @IsDefined()
  @ValidateNested()
  @Type(() => RepairTargetDto)
  target: RepairTargetDto;

  @ApiPropertyOptional({ type: () => RepairEvidenceDto })
  @Field(() => RepairEvidenceDto, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RepairEvidenceDto)
  evidence?: RepairEvidenceDto;

  @ApiPropertyOptional({ type: () => RepairCommitmentDto })
  @Field(() => RepairCommitmentDto, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RepairCommitmentDto)
  commitment?: RepairCommitmentDto;
}

@InputType('ApplyForRepairInput', { description: '信用修复申请（免费）/ apply for credit repair (free of charge)' })
@ApiSchema({ name: 'ApplyForRepairInput' })
export class ApplyForRepairDto extends RepairEligibilityDto {
  @ApiProperty({ type: [String], enum: METHODS, description: METHOD_TEXT })
  @Field(() => [String], { description: METHOD_TEXT })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(METHODS.length)
  @IsIn(METHODS, { each: true })
  methods: string[];

  @ApiPropertyOptional({ description: '情况说明（不超过 10000 字）/ statement (at most 10,000 characters)' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  statement?: string;
}

@InputType('DecideRepairInput', { description: '修复决定（仅认定部门）/ decision of the deciding department' })
@ApiSchema({ name: 'DecideRepairInput' })
export class DecideRepairDto {
  @ApiProperty({ enum: RepairDecisionInput, enumName: 'RepairDecision' })
  @Field(() => RepairDecisionInput)
  @IsIn(Object.values(RepairDecisionInput))
  outcome: RepairDecisionInput;

  @ApiPropertyOptional({ type: [String], description: '不予修复的理由（REJECTED 时必填）/ reasons, required with REJECTED' })
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  reasons?: string[];
}

@InputType('CommitmentBreachInput', { description: '违反修复承诺（修复被撤销）/ the subject broke its repair commitment (the repair is revoked)' })
@ApiSchema({ name: 'CommitmentBreachInput' })
export class CommitmentBreachDto {
  @ApiProperty({ description: '情况 / what happened' })
  @Field({ description: '情况 / what happened' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason: string;
}

@InputType('RepairApplicationFilter')
@ApiSchema({ name: 'RepairApplicationFilter' })
export class RepairQueryDto {
  @ApiPropertyOptional({
    enum: RepairRoleInput,
    enumName: 'RepairRole',
    description: 'REQUESTED（默认，有 repairs:apply 时）或 TO_DECIDE（待本部门决定）/ REQUESTED (default with repairs:apply) or TO_DECIDE (the department’s decision queue)',
  })
  @Field(() => RepairRoleInput, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(RepairRoleInput))
  role?: RepairRoleInput;

  @ApiPropertyOptional({ enum: RepairStatusInput, enumName: 'RepairStatus' })
  @Field(() => RepairStatusInput, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(RepairStatusInput))
  status?: RepairStatusInput;

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

@InputType('RepairStatisticsFilter')
@ApiSchema({ name: 'RepairStatisticsFilter' })
export class RepairStatisticsQueryDto {
  @ApiPropertyOptional({ description: '信用办：某一认定部门（省略即全部）；其他部门只能查本部门 / credit office: one department or all; others: their own' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  departmentId?: string;

  @ApiPropertyOptional({ description: '申请日期起 YYYY-MM-DD（含）/ applied on or after' })
  @Field({ nullable: true })
  @IsOptional()
  @Matches(DATE)
  from?: string;

  @ApiPropertyOptional({ description: '申请日期止 YYYY-MM-DD（含）/ applied on or before' })
  @Field({ nullable: true })
  @IsOptional()
  @Matches(DATE)
  to?: string;
}

@ObjectType('RepairCondition', { description: '未满足的修复条件 / an unmet condition' })
export class RepairConditionView {
  @ApiProperty()
  @Field()
  code: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  field?: string;

  @ApiProperty({ type: () => LocalizedTextView })
  @Field(() => LocalizedTextView)
  message: LocalizedTextView;
}

@ObjectType('RepairEligibility', { description: '修复条件 / may it be repaired now, and from when' })
export class RepairEligibilityView {
  @ApiProperty()
  @Field()
  eligible: boolean;

  @ApiProperty({ type: () => [RepairConditionView] })
  @Field(() => [RepairConditionView])
  unmet: RepairConditionView[];

  @ApiPropertyOptional({ description: '最早可修复日期（永不可修复时为空）/ earliest date a repair may take effect; absent when never' })
  @Field({ nullable: true, description: '最早可修复日期 / earliest eligible date (YYYY-MM-DD)' })
  earliestEligibleDate?: string;

  @ApiProperty({ description: '作出修复决定的部门 / deciding department' })
  @Field()
  decidingDepartmentId: string;

  @ApiProperty({ description: '判断所依据的日期 / the day the answer is for' })
  @Field()
  asOf: string;
}

@ObjectType('RepairTarget')
export class RepairTargetView {
  @ApiProperty({ enum: RepairTargetTypeInput, enumName: 'RepairTargetType' })
  @Field(() => RepairTargetTypeInput)
  type: string;

  @ApiProperty()
  @Field()
  id: string;
}

@ObjectType('RepairEvidenceAttachment')
export class RepairEvidenceAttachmentView {
  @ApiProperty()
  @Field()
  fileName: string;

  @ApiProperty()
  @Field()
  mediaType: string;

  @ApiProperty({ type: 'integer' })
  @Field(() => Float)
  sizeBytes: number;

  @ApiProperty()
  @Field()
  sha256: string;

  @ApiProperty()
  @Field()
  kind: string;
}

@ObjectType('RepairEvidence')
export class RepairEvidenceView {
  @ApiProperty()
  @Field()
  finePaid: boolean;

  @ApiProperty()
  @Field()
  rectificationDone: boolean;

  @ApiProperty({ type: () => [RepairEvidenceAttachmentView] })
  @Field(() => [RepairEvidenceAttachmentView])
  attachments: RepairEvidenceAttachmentView[];
}

@ObjectType('RepairCommitment')
export class RepairCommitmentView {
  @ApiPropertyOptional()
  @Field({ nullable: true })
  commitmentId?: string;

  @ApiProperty()
  @Field()
  text: string;

  @ApiProperty()
  @Field()
  type: string;
}

@ObjectType('RepairApplication', { description: '信用修复申请 / a repair application' })
export class RepairApplicationView {
  @ApiProperty()
  @Field()
  applicationId: string;

  @ApiProperty({ type: () => SubjectView, description: '主体（身份证号脱敏）/ subject (ID number masked)' })
  @Field(() => SubjectView)
  subject: SubjectView;

  @ApiProperty({ type: () => RepairTargetView })
  @Field(() => RepairTargetView)
  target: RepairTargetView;

  @ApiProperty({ description: 'REFUSED（不予受理，见原因）| ACCEPTED | APPROVED | REJECTED | REVOKED' })
  @Field({ description: 'REFUSED | ACCEPTED | APPROVED | REJECTED | REVOKED' })
  status: string;

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  methods: string[];

  @ApiProperty()
  @Field()
  statement: string;

  @ApiProperty({ type: () => RepairEvidenceView })
  @Field(() => RepairEvidenceView)
  evidence: RepairEvidenceView;

  @ApiPropertyOptional({ type: () => RepairCommitmentView })
  @Field(() => RepairCommitmentView, { nullable: true })
  commitment?: RepairCommitmentView;

  @ApiProperty({ description: '认定部门 / deciding department' })
  @Field()
  decidingDepartmentId: string;

  @ApiProperty({ type: () => [RepairConditionView], description: 'REFUSED 时未满足的条件 / with REFUSED: every unmet condition' })
  @Field(() => [RepairConditionView])
  refusalReasons: RepairConditionView[];

  @ApiPropertyOptional()
  @Field({ nullable: true })
  earliestEligibleDate?: string;

  @ApiProperty()
  @Field()
  appliedOn: string;

  @ApiPropertyOptional({ description: '反馈期限 / feedback due' })
  @Field({ nullable: true })
  feedbackDue?: string;

  @ApiPropertyOptional({ description: '决定期限 / decision due' })
  @Field({ nullable: true })
  decisionDue?: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  escalatedOn?: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  decidedOn?: string;

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  rejectionReasons: string[];

  @ApiPropertyOptional({ description: '修复生效日 / effective date' })
  @Field({ nullable: true })
  effectiveDate?: string;

  @ApiProperty()
  @Field()
  decidedOnTime: boolean;

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  recordIds: string[];

  @ApiPropertyOptional()
  @Field({ nullable: true })
  revokedOn?: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  revocationReason?: string;

  @ApiProperty()
  @Field()
  policyVersion: string;

  @ApiPropertyOptional({ description: '提交申请的部门 / the department that filed the application' })
  @Field({ nullable: true, description: '提交申请的部门 / the department that filed the application' })
  requesterDepartmentId?: string;
}

@ObjectType('RepairApplicationPage', { description: '修复申请列表（最新在前）/ repair applications, newest first' })
export class RepairPageView {
  @ApiProperty({ type: () => [RepairApplicationView] })
  @Field(() => [RepairApplicationView])
  applications: RepairApplicationView[];

  @ApiPropertyOptional({ description: '下一页游标，最后一页为空 / next page cursor; absent on the last page' })
  @Field({ nullable: true })
  nextCursor?: string;
}

@ObjectType('ReminderLetter', { description: '信用修复提醒告知函（两书同达）/ repair reminder letter issued with the penalty' })
export class ReminderLetterView {
  @ApiProperty()
  @Field()
  letterId: string;

  @ApiProperty()
  @Field()
  recordId: string;

  @ApiProperty({ type: () => SubjectView })
  @Field(() => SubjectView)
  subject: SubjectView;

  @ApiProperty()
  @Field()
  decidingDepartmentId: string;

  @ApiProperty()
  @Field()
  decisionNumber: string;

  @ApiProperty()
  @Field()
  decisionDate: string;

  @ApiPropertyOptional({ enum: SeverityInput, enumName: 'Severity' })
  @Field(() => SeverityInput, { nullable: true })
  severity?: SeverityInput;

  @ApiProperty({ description: '最早可修复日期 / earliest repair date' })
  @Field({ description: '最早可修复日期 / earliest repair date' })
  earliestRepairDate: string;

  @ApiProperty({ description: '不修复时公示截止（不含）/ publicity end when not repaired (exclusive)' })
  @Field()
  publicityMaxEnd: string;

  @ApiProperty({ type: [String], enum: Object.values(RepairTargetTypeInput) })
  @Field(() => [RepairTargetTypeInput])
  routes: string[];

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  methods: string[];

  @ApiProperty({ type: [String], description: '须先履行的义务 / obligations to meet first' })
  @Field(() => [String])
  obligations: string[];

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  acceptanceFeedbackWorkingDays: number;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  decisionWorkingDays: number;

  @ApiProperty({ description: '告知函正文 / the letter text (zh)' })
  @Field()
  textZh: string;

  @ApiProperty()
  @Field()
  policyVersion: string;

  @ApiProperty()
  @Field()
  issuedAt: string;
}

@ObjectType('RepairStatusCount')
export class RepairStatusCountView {
  @ApiProperty()
  @Field()
  status: string;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  count: number;
}

@ObjectType('RepeatRepairSubject')
export class RepeatRepairSubjectView {
  @ApiProperty()
  @Field()
  subjectKey: string;

  @ApiProperty()
  @Field()
  name: string;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  approvedRepairs: number;
}

@ObjectType('RepairStatistics', { description: '信用修复监督统计 / repair supervision' })
export class RepairStatisticsView {
  @ApiProperty({ type: () => [RepairStatusCountView] })
  @Field(() => [RepairStatusCountView])
  byStatus: RepairStatusCountView[];

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  decided: number;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  decidedOnTime: number;

  @ApiProperty({ description: '0..1' })
  @Field(() => Float)
  onTimeRate: number;

  @ApiProperty({ type: 'integer', description: '已逾期未决定 / accepted and past the decision due date' })
  @Field(() => Int)
  overdueOpen: number;

  @ApiProperty({ type: () => [RepeatRepairSubjectView] })
  @Field(() => [RepeatRepairSubjectView])
  repeatSubjects: RepeatRepairSubjectView[];
}
