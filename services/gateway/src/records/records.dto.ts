import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { SeverityInput, SubmitRecordDto } from '../api/dto';
import GraphQLJSON from '../api/json.scalar';
import { FieldErrorView } from '../checks/checks.dto';

@InputType('SubmitRecordsInput', { description: '批量提交信用信息（最多 1000 条）/ submit up to 1,000 records' })
@ApiSchema({ name: 'SubmitRecordsInput' })
export class SubmitRecordsDto {
  @ApiProperty({ type: () => [SubmitRecordDto], minItems: 1, maxItems: 1000 })
  @Field(() => [SubmitRecordDto])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => SubmitRecordDto)
  records: SubmitRecordDto[];
}

@ObjectType('RecordRowResult', { description: '每条记录的处理结果 / the outcome of one row' })
export class RecordRowResultView {
  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  index: number;

  @ApiProperty({ description: 'CREATED | NEW_VERSION | UNCHANGED | REJECTED' })
  @Field({ description: 'CREATED | NEW_VERSION | UNCHANGED | REJECTED' })
  outcome: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  recordId?: string;

  @ApiPropertyOptional({ type: 'integer' })
  @Field(() => Int, { nullable: true })
  version?: number;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  subjectKey?: string;

  @ApiProperty({ description: '名称与已知统一社会信用代码不符（已接收并标记）/ name differs from the known USCC (accepted, flagged)' })
  @Field()
  nameMismatch: boolean;

  @ApiProperty({ type: () => [FieldErrorView] })
  @Field(() => [FieldErrorView])
  errors: FieldErrorView[];
}

@ObjectType('SubmitRecordsResult')
export class SubmitRecordsResultView {
  @ApiProperty({ type: () => [RecordRowResultView] })
  @Field(() => [RecordRowResultView])
  results: RecordRowResultView[];

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  created: number;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  newVersions: number;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  unchanged: number;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  rejected: number;
}

@InputType('CorrectRecordInput', { description: '提供单位更正一条信息（生成新版本）/ the provider corrects a record (new version)' })
@ApiSchema({ name: 'CorrectRecordInput' })
export class CorrectRecordDto {
  @ApiPropertyOptional({ description: '要修改的信息项（null 删除该项）/ fields to change (null removes one)', type: 'object', additionalProperties: true })
  @Field(() => GraphQLJSON, { nullable: true })
  @IsOptional()
  @IsObject()
  fields?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: SeverityInput, enumName: 'Severity' })
  @Field(() => SeverityInput, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(SeverityInput))
  severity?: SeverityInput;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD' })
  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  decisionDate?: string;

  @ApiProperty({ description: '更正原因 / reason' })
  @Field({ description: '更正原因 / reason' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

@InputType('RevokeRecordInput', { description: '提供单位撤销一条信息 / the provider revokes a record' })
@ApiSchema({ name: 'RevokeRecordInput' })
export class RevokeRecordDto {
  @ApiProperty({ description: '撤销原因 / reason' })
  @Field({ description: '撤销原因 / reason' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

@ObjectType('RelatedPersonView', { description: '关联人员（落实到人）/ a related person' })
export class RelatedPersonView {
  @ApiProperty()
  @Field()
  subjectKey: string;

  @ApiProperty()
  @Field()
  name: string;

  @ApiProperty({ description: '脱敏身份证号 / masked ID number' })
  @Field()
  maskedIdNumber: string;

  @ApiProperty({ description: 'LEGAL_REPRESENTATIVE | PRINCIPAL | DIRECTLY_RESPONSIBLE' })
  @Field()
  role: string;
}

@ObjectType('RecordVersion', { description: '信息的一个版本 / one version of a record' })
export class RecordVersionView {
  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  version: number;

  @ApiProperty({ description: 'SUBMITTED | RESUBMITTED | CORRECTED | OBJECTION_CORRECTED …' })
  @Field()
  changeKind: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  reason?: string;

  @ApiProperty()
  @Field()
  subjectName: string;

  @ApiProperty()
  @Field()
  decisionDate: string;

  @ApiPropertyOptional({ enum: SeverityInput, enumName: 'Severity' })
  @Field(() => SeverityInput, { nullable: true })
  severity?: SeverityInput;

  @ApiProperty({ type: 'object', additionalProperties: true })
  @Field(() => GraphQLJSON)
  fields: Record<string, unknown>;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  publicityStart?: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  publicityEnd?: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  policyVersion?: string;

  @ApiProperty()
  @Field()
  submittedByDepartmentId: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  objectionId?: string;

  @ApiProperty({ type: () => [RelatedPersonView] })
  @Field(() => [RelatedPersonView])
  relatedPersons: RelatedPersonView[];

  @ApiProperty()
  @Field()
  createdAt: string;
}

@ObjectType('CreditRecord', { description: '一条信用信息及其全部版本 / a record with its full history' })
export class CreditRecordView {
  @ApiProperty()
  @Field()
  recordId: string;

  @ApiProperty()
  @Field()
  providerDepartmentId: string;

  @ApiProperty()
  @Field()
  catalogueItemCode: string;

  @ApiProperty()
  @Field()
  decisionNumber: string;

  @ApiProperty()
  @Field()
  subjectKey: string;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  currentVersion: number;

  @ApiProperty({ description: 'ACTIVE | PUBLICITY_ENDED | REPAIRED | REVOKED' })
  @Field()
  status: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  statusCause?: string;

  @ApiPropertyOptional({ description: '公示截止（不含）/ publicity end (exclusive)' })
  @Field({ nullable: true })
  publicityEnd?: string;

  @ApiProperty({ type: () => [RecordVersionView] })
  @Field(() => [RecordVersionView])
  versions: RecordVersionView[];
}

@ObjectType('CatalogueItem', { description: '信用信息目录项 / a catalogue item' })
export class CatalogueItemView {
  @ApiProperty()
  @Field()
  code: string;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  version: number;

  @ApiProperty()
  @Field()
  name: string;

  @ApiProperty()
  @Field()
  category: string;

  @ApiProperty()
  @Field()
  adverse: boolean;

  @ApiProperty({ description: 'PUBLIC | GOVERNMENT_SHARED | AUTHORISED_ONLY' })
  @Field()
  disclosure: string;

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  subjectTypes: string[];

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  requiredFields: string[];

  @ApiProperty({ description: '各部门均可报送本部门信息（双公示）/ every department submits its own' })
  @Field()
  openSubmission: boolean;

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  responsibleDepartmentIds: string[];

  @ApiProperty({ type: [String], description: '可选标准字段（全部填写即为完整，双公示完整性）/ optional standard fields (all filled = complete)' })
  @Field(() => [String])
  optionalFields: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: '本版本信息项的 JSON Schema (2020-12) / JSON Schema of the fields of this version' })
  @Field(() => GraphQLJSON, { nullable: true })
  fieldSchema?: Record<string, unknown>;

  @ApiPropertyOptional({ description: '本版本适用于该日起的报送 YYYY-MM-DD / applies to submissions from this day' })
  @Field({ nullable: true })
  effectiveFrom?: string;
}

@InputType('PublishCatalogueVersionInput', { description: '信用办：发布目录项新版本 / credit office: publish a new version of a catalogue item' })
@ApiSchema({ name: 'PublishCatalogueVersionInput' })
export class PublishCatalogueVersionDto {
  @ApiPropertyOptional({ description: '名称（不填沿用上一版本）/ name (empty keeps the previous)' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  category?: string;

  @ApiPropertyOptional({ description: 'PUBLIC | GOVERNMENT_SHARED | AUTHORISED_ONLY' })
  @Field({ nullable: true })
  @IsOptional()
  @IsIn(['PUBLIC', 'GOVERNMENT_SHARED', 'AUTHORISED_ONLY'])
  disclosure?: string;

  @ApiPropertyOptional({ type: [String], description: 'LEGAL_PERSON | NATURAL_PERSON' })
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  subjectTypes?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  requiredFields?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  optionalFields?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: '信息项 JSON Schema (2020-12)；不填沿用上一版本 / JSON Schema of `fields` (empty keeps the previous)' })
  @Field(() => GraphQLJSON, { nullable: true })
  @IsOptional()
  @IsObject()
  fieldSchema?: Record<string, unknown>;

  @ApiPropertyOptional({ description: '生效日期 YYYY-MM-DD，不早于今天（默认今天）/ effective date, today or later (default today)' })
  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  effectiveFrom?: string;
}

@InputType('TimelinessQuery', { description: '双公示及时性评分 / 双公示 timeliness scorecard' })
@ApiSchema({ name: 'TimelinessQuery' })
export class TimelinessQueryDto {
  @ApiProperty({ description: '决定日期起 YYYY-MM-DD（含）/ decision dates from (inclusive)' })
  @Field({ description: '决定日期起 YYYY-MM-DD（含）/ decision dates from (inclusive)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  periodStart: string;

  @ApiProperty({ description: '决定日期止 YYYY-MM-DD（含）/ decision dates to (inclusive)' })
  @Field({ description: '决定日期止 YYYY-MM-DD（含）/ decision dates to (inclusive)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  periodEnd: string;

  @ApiPropertyOptional({ description: '部门（默认本部门；信用办不填为全部）/ department (default: the caller’s; credit office: all)' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  departmentId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, description: '每个部门列出的逾期记录数（默认 20）/ overdue records listed per department' })
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  overdueLimit?: number;
}

@ObjectType('OverdueRecord', { description: '逾期公示的记录 / a record published late' })
export class OverdueRecordView {
  @ApiProperty() @Field() recordId: string;
  @ApiProperty() @Field() catalogueItemCode: string;
  @ApiProperty() @Field() decisionNumber: string;
  @ApiProperty() @Field() decisionDate: string;
  @ApiProperty({ description: '首次报送日期 / first submitted on' }) @Field() submittedOn: string;
  @ApiProperty({ type: 'integer', description: '工作日 / working days' }) @Field(() => Int) workingDays: number;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) daysLate: number;
}

@ObjectType('DepartmentTimeliness', { description: '部门双公示及时性 / a department’s 双公示 timeliness' })
export class DepartmentTimelinessView {
  @ApiProperty() @Field() departmentId: string;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) records: number;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) onTime: number;
  @ApiProperty() @Field(() => Float) onTimeRate: number;
  @ApiProperty({ type: 'integer', description: '无法计算工作日的记录 / records whose working days cannot be counted' }) @Field(() => Int) unmeasured: number;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) overdue: number;
  @ApiProperty({ type: () => [OverdueRecordView] }) @Field(() => [OverdueRecordView]) overdueRecords: OverdueRecordView[];
  @ApiProperty({ description: '可选标准字段完整率 / completeness' }) @Field(() => Float) completeness: number;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) rowsReceived: number;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) rowsRejected: number;
  @ApiProperty() @Field(() => Float) rejectedRowRate: number;
}

@ObjectType('TimelinessScorecard', { description: '双公示及时性评分 / 双公示 timeliness scorecard' })
export class TimelinessScorecardView {
  @ApiProperty({ type: 'integer', description: '政策时限（工作日）/ policy limit (working days)' }) @Field(() => Int) limitWorkingDays: number;
  @ApiProperty() @Field() policyVersion: string;
  @ApiProperty({ type: () => [DepartmentTimelinessView] }) @Field(() => [DepartmentTimelinessView]) departments: DepartmentTimelinessView[];
}

@InputType('CatalogueResponsibilityInput', { description: '信用办：授予或撤回部门报送责任 / credit office: grant or withdraw a department' })
@ApiSchema({ name: 'CatalogueResponsibilityInput' })
export class CatalogueResponsibilityDto {
  @ApiProperty()
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  departmentId: string;

  @ApiProperty()
  @Field()
  @IsDefined()
  @IsBoolean()
  responsible: boolean;
}
