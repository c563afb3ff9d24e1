import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { SeverityInput, SubjectDto, SubjectView } from '../api/dto';

export enum CommitmentTypeInput {
  NOTIFICATION_APPROVAL = 'NOTIFICATION_APPROVAL',
  DEFERRED_DOCUMENTS = 'DEFERRED_DOCUMENTS',
  VOLUNTARY = 'VOLUNTARY',
  INDUSTRY_SELF_DISCIPLINE = 'INDUSTRY_SELF_DISCIPLINE',
  CREDIT_REPAIR = 'CREDIT_REPAIR',
}
registerEnumType(CommitmentTypeInput, {
  name: 'CommitmentType',
  description: '信用承诺类型：告知承诺/容缺受理/主动承诺/行业自律/信用修复 / kind of credit commitment',
});

/** What the receiving department records; PENDING only appears in views. */
export enum FulfilmentInput {
  FULFILLED = 'FULFILLED',
  PARTIALLY_FULFILLED = 'PARTIALLY_FULFILLED',
  BREACHED = 'BREACHED',
}
registerEnumType(FulfilmentInput, { name: 'FulfilmentInput', description: '履约/部分履约/未履约 / fulfilled, partially fulfilled, breached' });

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType('MakeCommitmentInput', { description: '受理主体的信用承诺 / a subject’s credit commitment received by the department' })
@ApiSchema({ name: 'MakeCommitmentInput' })
export class MakeCommitmentDto {
  @ApiProperty({ enum: CommitmentTypeInput, enumName: 'CommitmentType' })
  @Field(() => CommitmentTypeInput)
  @IsIn(Object.values(CommitmentTypeInput))
  type: CommitmentTypeInput;

  @ApiProperty({ type: () => SubjectDto })
  @Field(() => SubjectDto)
  @IsDefined()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject: SubjectDto;

  @ApiProperty({ description: '承诺内容 / what the subject commits to' })
  @Field({ description: '承诺内容 / what the subject commits to' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  content: string;

  @ApiProperty({ description: '承诺事项（如事项类型编码）/ the matter the commitment is made for' })
  @Field({ description: '承诺事项 / the matter the commitment is made for' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  matter: string;

  @ApiPropertyOptional({ description: '履约期限 YYYY-MM-DD（不早于今天；不填为无期限）/ deadline, not before today; none when open-ended' })
  @Field({ nullable: true })
  @IsOptional()
  @Matches(DATE)
  deadline?: string;

  @ApiPropertyOptional({ description: '信用修复承诺：修复申请编号 / CREDIT_REPAIR: the repair application' })
  @Field({ nullable: true })
  @IsOptional()
  @IsUUID()
  repairApplicationId?: string;

  @ApiPropertyOptional({ type: [String], description: '信用修复承诺：相关信用记录 / CREDIT_REPAIR: the records whose repair rests on it' })
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  recordIds?: string[];

  @ApiPropertyOptional({
    description: '幂等键（也可用 Idempotency-Key 头）：同一部门同键同内容返回同一承诺，同键异内容 409 / idempotency key (or the Idempotency-Key header)',
  })
  @Field({ nullable: true, description: '幂等键（也可用 Idempotency-Key 头）/ idempotency key (or the Idempotency-Key header)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  idempotencyKey?: string;
}

@InputType('RecordFulfilmentInput', { description: '受理部门记录履约情况 / the receiving department records fulfilment' })
@ApiSchema({ name: 'RecordFulfilmentInput' })
export class RecordFulfilmentDto {
  @ApiProperty({ enum: FulfilmentInput, enumName: 'FulfilmentInput' })
  @Field(() => FulfilmentInput)
  @IsIn(Object.values(FulfilmentInput))
  status: FulfilmentInput;

  @ApiProperty({ description: '履约（核查）日期 YYYY-MM-DD / fulfilment date' })
  @Field({ description: '履约（核查）日期 YYYY-MM-DD / fulfilment date' })
  @Matches(DATE)
  fulfilmentDate: string;

  @ApiPropertyOptional({ description: '说明 / note' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ enum: SeverityInput, enumName: 'Severity', description: '未履约：失信信息的失信程度（默认按承诺类型）/ BREACHED: tier of the adverse record' })
  @Field(() => SeverityInput, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(SeverityInput))
  severity?: SeverityInput;
}

@InputType('CommitmentsQuery', { description: '按主体或受理部门查询信用承诺 / commitments by subject or receiving department' })
@ApiSchema({ name: 'CommitmentsQuery' })
export class CommitmentsQueryDto {
  @ApiPropertyOptional({ description: '主体标识（ORG:… / NP:…）/ subject key' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subjectKey?: string;

  @ApiPropertyOptional({ description: '受理部门（默认本部门；其他部门须信用办）/ receiving department (default: the caller’s)' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  departmentId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100 })
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cursor?: string;
}

@ObjectType('Commitment', { description: '信用承诺 / a credit commitment' })
export class CommitmentView {
  @ApiProperty() @Field() commitmentId: string;
  @ApiProperty({ description: '承诺编号（区划+日期+序号）/ code: region + date + serial' }) @Field() commitmentCode: string;
  @ApiProperty({ enum: CommitmentTypeInput, enumName: 'CommitmentType' }) @Field(() => CommitmentTypeInput) type: CommitmentTypeInput;
  @ApiProperty({ type: () => SubjectView }) @Field(() => SubjectView) subject: SubjectView;
  @ApiProperty() @Field() content: string;
  @ApiProperty() @Field() matter: string;
  @ApiPropertyOptional() @Field({ nullable: true }) deadline?: string;
  @ApiProperty() @Field() receivingDepartmentId: string;
  @ApiPropertyOptional() @Field({ nullable: true }) repairApplicationId?: string;
  @ApiProperty({ type: [String] }) @Field(() => [String]) recordIds: string[];
  @ApiProperty() @Field() madeOn: string;
  @ApiProperty({ description: 'PENDING | FULFILLED | PARTIALLY_FULFILLED | BREACHED' }) @Field({ description: 'PENDING | FULFILLED | PARTIALLY_FULFILLED | BREACHED' }) status: string;
  @ApiPropertyOptional() @Field({ nullable: true }) fulfilmentDate?: string;
  @ApiPropertyOptional() @Field({ nullable: true }) note?: string;
  @ApiPropertyOptional({ description: '未履约形成的失信信息 / the adverse record a breach produced' }) @Field({ nullable: true }) breachRecordId?: string;
  @ApiProperty() @Field() policyVersion: string;
  @ApiProperty() @Field() createdAt: string;
}

@ObjectType('CommitmentPage')
export class CommitmentPageView {
  @ApiProperty({ type: () => [CommitmentView] }) @Field(() => [CommitmentView]) commitments: CommitmentView[];
  @ApiPropertyOptional({ description: '下一页游标（末页为空）/ next page cursor (absent on the last page)' }) @Field({ nullable: true }) nextCursor?: string;
}
