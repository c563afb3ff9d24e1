import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MATTER_TYPE_CODES } from '@credit/domain';
import { RecordView, SubjectDto, SubjectView } from '../api/dto';

const MATTER_DESCRIPTION = `事项类型编码 / matter type code: ${MATTER_TYPE_CODES.join(', ')}`;

@InputType('CheckInput', { description: '核查一个主体（逢办必查）/ check a subject before a matter' })
@ApiSchema({ name: 'CheckInput' })
export class CheckDto {
  @ApiProperty({ type: () => SubjectDto })
  @Field(() => SubjectDto)
  @IsDefined()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject: SubjectDto;

  @ApiProperty({ description: MATTER_DESCRIPTION, example: 'PUBLIC_BIDDING_FISCAL' })
  @Field({ description: MATTER_DESCRIPTION })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  matterType: string;

  @ApiPropertyOptional({ description: '办件号 / case reference of the matter' })
  @Field({ nullable: true, description: '办件号 / case reference of the matter' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  matterReference?: string;

  @ApiPropertyOptional({ description: '核查目的 / purpose' })
  @Field({ nullable: true, description: '核查目的 / purpose' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  purpose?: string;

  @ApiPropertyOptional({ description: '经办人 / operator performing the check' })
  @Field({ nullable: true, description: '经办人 / operator performing the check' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  operator?: string;
}

@InputType('CheckBatchInput', { description: '批量核查（最多 500 个主体）/ check up to 500 subjects for one matter' })
@ApiSchema({ name: 'CheckBatchInput' })
export class CheckBatchDto {
  @ApiProperty({ type: () => [SubjectDto], minItems: 1, maxItems: 500 })
  @Field(() => [SubjectDto])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => SubjectDto)
  subjects: SubjectDto[];

  @ApiProperty({ description: MATTER_DESCRIPTION })
  @Field({ description: MATTER_DESCRIPTION })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  matterType: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  matterReference?: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  purpose?: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  operator?: string;
}

@InputType('CheckLogFilter', { description: '核查日志查询条件 / check log filter' })
@ApiSchema({ name: 'CheckLogFilter' })
export class CheckLogQueryDto {
  @ApiPropertyOptional({ type: () => SubjectDto })
  @Field(() => SubjectDto, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject?: SubjectDto;

  @ApiPropertyOptional({ description: '办件号 / case reference' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  matterReference?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD (inclusive)' })
  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  from?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD (inclusive)' })
  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  to?: string;

  @ApiPropertyOptional({ description: '信用办：按部门查询 / credit office only: one department' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  departmentId?: string;

  @ApiPropertyOptional({ description: '上一页返回的游标 / cursor from the previous page' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
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

@ObjectType('LocalizedText', { description: '中英文文本 / text in Chinese and English' })
@ApiSchema({ name: 'LocalizedText' })
export class LocalizedTextView {
  @ApiProperty()
  @Field()
  zh: string;

  @ApiProperty()
  @Field()
  en: string;
}

@ObjectType('AppliedMeasure', { description: '适用的奖惩措施 / a measure that applies' })
export class AppliedMeasureView {
  @ApiProperty({ description: '措施编码 / measure code (I- incentive, P- punishment, R- regulatory)' })
  @Field()
  code: string;

  @ApiProperty({ type: () => LocalizedTextView })
  @Field(() => LocalizedTextView)
  content: LocalizedTextView;

  @ApiProperty({ description: 'INCENTIVE | PUNISHMENT | REGULATORY' })
  @Field()
  type: string;

  @ApiProperty({ description: 'MANDATORY 依法必须联合执行 | RECOMMENDED 推荐性' })
  @Field({ description: 'MANDATORY 依法必须联合执行 | RECOMMENDED 推荐性' })
  class: string;

  @ApiProperty({ description: 'BAR | RESTRICT | REVOKE | SCRUTINY | BENEFIT | PUBLICITY | RECORD' })
  @Field()
  effect: string;

  @ApiProperty({ description: 'APPLIES，或 SUSPENDED（所依据信息异议处理中，暂停执行）/ or SUSPENDED while under objection' })
  @Field({ description: 'APPLIES | SUSPENDED (information under objection)' })
  status: string;

  @ApiProperty({ type: [String], description: '依据 / legal basis and seed citations' })
  @Field(() => [String])
  legalBasis: string[];

  @ApiProperty({ type: () => LocalizedTextView, description: '实施单位 / implementing body' })
  @Field(() => LocalizedTextView)
  implementingBody: LocalizedTextView;

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  evidenceIds: string[];

  @ApiProperty({ type: [String], description: '匹配的主体类别 / subject groups targeted' })
  @Field(() => [String])
  targetGroups: string[];
}

@ObjectType('CheckEvidence', { description: '核查依据的信息 / information the verdict rests on' })
export class CheckEvidenceView {
  @ApiProperty()
  @Field()
  id: string;

  @ApiProperty({ description: 'RECORD | LIST_ENTRY' })
  @Field()
  kind: string;

  @ApiProperty({ description: '异议处理中 / under objection' })
  @Field()
  underObjection: boolean;

  @ApiProperty({ description: '信息提供单位 / provider' })
  @Field()
  providerDepartmentId: string;

  @ApiProperty({ type: () => LocalizedTextView })
  @Field(() => LocalizedTextView)
  description: LocalizedTextView;
}

@ObjectType('ListMembership', { description: '名单情况 / list entry of the subject' })
export class ListMembershipView {
  @ApiProperty()
  @Field()
  entryId: string;

  @ApiProperty({ description: 'RED | SERIOUS_DISHONESTY | KEY_ATTENTION' })
  @Field()
  listType: string;

  @ApiProperty({ description: 'PROPOSED | NOTIFIED | ACTIVE | SUSPENDED | ENDED' })
  @Field()
  status: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  periodStart?: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  periodEnd?: string;

  @ApiProperty()
  @Field()
  identifyingDepartmentId: string;

  @ApiPropertyOptional({ description: '作为关联人员列入（落实到人）/ listed as a related person of this entry' })
  @Field({ nullable: true })
  relatedToEntryId?: string;

  @ApiPropertyOptional({ description: 'LEGAL_REPRESENTATIVE | PRINCIPAL | DIRECTLY_RESPONSIBLE' })
  @Field({ nullable: true })
  relation?: string;

  @ApiProperty()
  @Field()
  underObjection: boolean;
}

@ObjectType('CheckResult', { description: '核查结论 / check verdict with the measures that apply' })
export class CheckResultView {
  @ApiProperty({ description: '核查编号（记入核查日志）/ check id in the check log' })
  @Field()
  checkId: string;

  @ApiProperty({ description: 'REJECT | RESTRICT | REVIEW | PROCEED | PROCEED_WITH_INCENTIVES' })
  @Field({ description: 'REJECT（一票否决）| RESTRICT | REVIEW | PROCEED | PROCEED_WITH_INCENTIVES' })
  verdict: string;

  @ApiProperty({ type: () => LocalizedTextView })
  @Field(() => LocalizedTextView)
  reason: LocalizedTextView;

  @ApiProperty({ description: '平台是否有该主体信息；false 即“无记录” / false means "no record"' })
  @Field()
  found: boolean;

  @ApiProperty({ type: () => SubjectView })
  @Field(() => SubjectView)
  subject: SubjectView;

  @ApiProperty({ type: () => [AppliedMeasureView] })
  @Field(() => [AppliedMeasureView])
  measures: AppliedMeasureView[];

  @ApiProperty({ type: () => [CheckEvidenceView] })
  @Field(() => [CheckEvidenceView])
  evidence: CheckEvidenceView[];

  @ApiPropertyOptional({ description: '采取措施前须送达的书面告知 / written notice to send before applying a measure' })
  @Field({ nullable: true, description: '书面告知 / written notice to send before applying a measure' })
  noticeText?: string;

  @ApiProperty({ description: '所用政策参数版本与措施清单版本 / policy and measures-list versions used' })
  @Field()
  policyVersion: string;

  @ApiProperty()
  @Field()
  checkedAt: string;

  @ApiProperty()
  @Field()
  matterType: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  matterReference?: string;

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  subjectGroups: string[];

  @ApiProperty({ type: () => [RecordView] })
  @Field(() => [RecordView])
  records: RecordView[];

  @ApiProperty({ type: () => [ListMembershipView] })
  @Field(() => [ListMembershipView])
  lists: ListMembershipView[];

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  adverseCount: number;
}

@ObjectType('FieldErrorView', { description: '字段错误 / a field error' })
export class FieldErrorView {
  @ApiProperty()
  @Field()
  code: string;

  @ApiProperty()
  @Field()
  field: string;

  @ApiProperty({ type: () => LocalizedTextView })
  @Field(() => LocalizedTextView)
  message: LocalizedTextView;
}

@ObjectType('CheckBatchItem')
export class CheckBatchItemView {
  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  index: number;

  @ApiPropertyOptional({ type: () => CheckResultView })
  @Field(() => CheckResultView, { nullable: true })
  result?: CheckResultView;

  @ApiProperty({ type: () => [FieldErrorView], description: '该主体被拒绝的原因（未记入日志）/ why this subject was refused (not logged)' })
  @Field(() => [FieldErrorView])
  errors: FieldErrorView[];
}

@ObjectType('CheckBatchResult')
export class CheckBatchResultView {
  @ApiProperty()
  @Field()
  batchId: string;

  @ApiProperty({ type: () => [CheckBatchItemView] })
  @Field(() => [CheckBatchItemView])
  items: CheckBatchItemView[];
}

@ObjectType('CheckLogEntry', { description: '核查日志条目 / a check log entry' })
export class CheckLogEntryView {
  @ApiProperty()
  @Field()
  checkId: string;

  @ApiProperty({ description: '哈希链序号 / position in the hash chain' })
  @Field()
  sequence: string;

  @ApiProperty()
  @Field()
  checkedAt: string;

  @ApiProperty()
  @Field()
  requesterDepartmentId: string;

  @ApiProperty()
  @Field()
  operator: string;

  @ApiProperty()
  @Field()
  subjectKey: string;

  @ApiProperty()
  @Field()
  matterType: string;

  @ApiProperty()
  @Field()
  matterReference: string;

  @ApiProperty()
  @Field()
  purpose: string;

  @ApiProperty()
  @Field()
  verdict: string;

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  measureCodes: string[];

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  evidenceIds: string[];

  @ApiProperty()
  @Field()
  policyVersion: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  batchId?: string;

  @ApiProperty()
  @Field()
  hash: string;
}

@ObjectType('CheckLogPage')
export class CheckLogPageView {
  @ApiProperty({ type: () => [CheckLogEntryView] })
  @Field(() => [CheckLogEntryView])
  entries: CheckLogEntryView[];

  @ApiPropertyOptional({ description: '下一页游标，最后一页为空 / next page cursor; absent on the last page' })
  @Field({ nullable: true })
  nextCursor?: string;
}
