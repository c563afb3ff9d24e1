import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { SubjectDto, SubjectView } from '../api/dto';

export enum ListTypeInput {
  RED = 'RED',
  SERIOUS_DISHONESTY = 'SERIOUS_DISHONESTY',
  KEY_ATTENTION = 'KEY_ATTENTION',
}
registerEnumType(ListTypeInput, {
  name: 'ListType',
  description: 'RED 红名单（诚信典型）| SERIOUS_DISHONESTY 严重失信主体名单 | KEY_ATTENTION 重点关注对象名单',
});

export enum ListEntryStatusInput {
  PROPOSED = 'PROPOSED',
  NOTIFIED = 'NOTIFIED',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  ENDED = 'ENDED',
}
registerEnumType(ListEntryStatusInput, {
  name: 'ListEntryStatus',
  description: 'PROPOSED → NOTIFIED（已告知，异议期）→ ACTIVE ↔ SUSPENDED（异议处理中）→ ENDED（到期、修复、撤销）',
});

const TARGET_LISTS = ['RED', 'SERIOUS_DISHONESTY', 'KEY_ATTENTION', 'ANY_ADVERSE', 'CLEAN_3_YEARS', 'NO_ADVERSE_RECORD'];

@InputType('ProposeListEntryInput', { description: '认定部门提出名单认定 / an identifying department proposes a list entry' })
@ApiSchema({ name: 'ProposeListEntryInput' })
export class ProposeListEntryDto {
  @ApiProperty({ enum: ListTypeInput, enumName: 'ListType' })
  @Field(() => ListTypeInput)
  @IsIn(Object.values(ListTypeInput))
  listType: ListTypeInput;

  @ApiProperty({ type: () => SubjectDto })
  @Field(() => SubjectDto)
  @IsDefined()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject: SubjectDto;

  @ApiPropertyOptional({ type: [String], description: '所依据的信用记录 / records the entry rests on' })
  @Field(() => [String], { nullable: true, description: '所依据的信用记录 / records the entry rests on' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  basisRecordIds?: string[];

  @ApiPropertyOptional({ description: '认定依据（未列依据记录时必填）/ legal basis (required without basis records)' })
  @Field({ nullable: true, description: '认定依据（未列依据记录时必填）/ legal basis (required without basis records)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  basisText?: string;

  @ApiProperty({ description: '认定理由 / reason' })
  @Field({ description: '认定理由 / reason' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

@InputType('ListEntriesQuery', { description: '查询主体的名单情况 / a subject’s list entries' })
@ApiSchema({ name: 'ListEntriesQuery' })
export class ListEntriesQueryDto {
  @ApiProperty({ type: () => SubjectDto })
  @Field(() => SubjectDto)
  @IsDefined()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject: SubjectDto;

  @ApiPropertyOptional({ description: '包括已结束的条目 / include ended entries' })
  @Field({ nullable: true, description: '包括已结束的条目 / include ended entries' })
  @IsOptional()
  @IsBoolean()
  includeEnded?: boolean;
}

@InputType('MeasuresFilter', { description: '措施清单查询 / measures list filter' })
@ApiSchema({ name: 'MeasuresFilter' })
export class MeasuresQueryDto {
  @ApiPropertyOptional({ description: '清单版本，如 M-2026.1（省略即现行版本）/ edition, default: the one in force today' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  editionId?: string;

  @ApiPropertyOptional({ description: '只列适用于该事项类型的措施 / only measures for this matter type' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  matterType?: string;

  @ApiPropertyOptional({ enum: TARGET_LISTS, description: '只列针对该名单的措施 / only measures targeting this list' })
  @Field({ nullable: true, description: TARGET_LISTS.join(' | ') })
  @IsOptional()
  @IsIn(TARGET_LISTS)
  targetList?: string;
}

@InputType('ImportMeasuresEditionInput', { description: '信用办：导入措施清单新版本（CSV）/ credit office: import a new edition of the measures list (CSV)' })
@ApiSchema({ name: 'ImportMeasuresEditionInput' })
export class ImportMeasuresEditionDto {
  @ApiProperty({ description: '新版本号 M-YYYY.N（未使用）/ new edition id, M-YYYY.N, unused', example: 'M-2026.2' })
  @Field({ description: '新版本号 M-YYYY.N / new edition id' })
  @Matches(/^M-\d{4}\.\d+$/)
  editionId: string;

  @ApiProperty({ description: '生效日期 YYYY-MM-DD：不早于今天，且晚于最新版本的生效日期 / first day in force: not before today, after the latest edition’s' })
  @Field({ description: '生效日期 YYYY-MM-DD / first day in force' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  effectiveFrom: string;

  @ApiProperty({ type: [String], description: '所依据的文件（至少一项）/ the documents the edition transcribes (at least one)' })
  @Field(() => [String])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  basis: string[];

  @ApiProperty({ description: 'CSV 文本，与导出格式相同（表头行；多值列以 | 分隔；edition_id 列忽略）/ CSV text in the export’s format' })
  @Field({ description: 'CSV 文本，与导出格式相同 / CSV text in the export’s format' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(900_000)
  csv: string;
}

@ObjectType('ListEntry', { description: '名单条目（最新状态）/ a list entry, latest state' })
export class ListEntryView {
  @ApiProperty()
  @Field()
  entryId: string;

  @ApiProperty({ type: () => SubjectView, description: '主体（身份证号脱敏）/ subject (ID number masked)' })
  @Field(() => SubjectView)
  subject: SubjectView;

  @ApiProperty({ enum: ListTypeInput, enumName: 'ListType' })
  @Field(() => ListTypeInput)
  listType: string;

  @ApiProperty({ enum: ListEntryStatusInput, enumName: 'ListEntryStatus' })
  @Field(() => ListEntryStatusInput)
  status: string;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  sequence: number;

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  basisRecordIds: string[];

  @ApiPropertyOptional({ description: '自动认定规则 / auto-initiation rule' })
  @Field({ nullable: true })
  ruleCode?: string;

  @ApiProperty({ description: '认定部门 / identifying department' })
  @Field()
  identifyingDepartmentId: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  periodStart?: string;

  @ApiPropertyOptional({ description: '截止（不含）/ end, exclusive' })
  @Field({ nullable: true })
  periodEnd?: string;

  @ApiProperty()
  @Field()
  reason: string;

  @ApiProperty()
  @Field()
  actor: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  relatedToEntryId?: string;

  @ApiPropertyOptional({ description: 'LEGAL_REPRESENTATIVE | PRINCIPAL | DIRECTLY_RESPONSIBLE' })
  @Field({ nullable: true })
  relation?: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  basisText?: string;

  @ApiPropertyOptional({ description: '异议期截止（不含）/ end of the objection window, exclusive' })
  @Field({ nullable: true })
  objectionWindowEnd?: string;

  @ApiPropertyOptional({ description: 'EXPIRED | REPAIRED | REVOKED | OBJECTION_REVOKED | RECORD_REVOKED' })
  @Field({ nullable: true })
  endReason?: string;

  @ApiProperty()
  @Field()
  changedAt: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  causeId?: string;
}

@ObjectType('ListEntryTransition')
export class ListEntryTransitionView {
  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  sequence: number;

  @ApiPropertyOptional({ enum: ListEntryStatusInput, enumName: 'ListEntryStatus' })
  @Field(() => ListEntryStatusInput, { nullable: true })
  fromStatus?: string;

  @ApiProperty({ enum: ListEntryStatusInput, enumName: 'ListEntryStatus' })
  @Field(() => ListEntryStatusInput)
  toStatus: string;

  @ApiProperty()
  @Field()
  actor: string;

  @ApiProperty()
  @Field()
  reason: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  endReason?: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  causeId?: string;

  @ApiProperty()
  @Field()
  effectiveDate: string;

  @ApiProperty()
  @Field()
  changedAt: string;
}

@ObjectType('ListEntryDetail', { description: '名单条目及其变更 / a list entry with its transitions' })
export class ListEntryDetailView {
  @ApiProperty({ type: () => ListEntryView })
  @Field(() => ListEntryView)
  entry: ListEntryView;

  @ApiProperty({ type: () => [ListEntryTransitionView] })
  @Field(() => [ListEntryTransitionView])
  transitions: ListEntryTransitionView[];

  @ApiProperty({ description: '所用政策参数版本 / policy versions used' })
  @Field()
  policyVersion: string;

  @ApiPropertyOptional({ type: 'integer' })
  @Field(() => Int, { nullable: true })
  ruleVersion?: number;
}

@ObjectType('ListNotice', { description: '名单告知书 / the notice sent to the subject' })
export class ListNoticeView {
  @ApiProperty()
  @Field()
  entryId: string;

  @ApiProperty()
  @Field()
  noticeNumber: string;

  @ApiProperty()
  @Field()
  issuedOn: string;

  @ApiProperty({ description: '异议期截止（不含）/ end of the objection window, exclusive' })
  @Field()
  objectionWindowEnd: string;

  @ApiProperty()
  @Field()
  textZh: string;
}

@ObjectType('Measure', { description: '奖惩措施 / a measure of the measures list' })
export class MeasureView {
  @ApiProperty()
  @Field()
  code: string;

  @ApiProperty()
  @Field()
  contentZh: string;

  @ApiProperty()
  @Field()
  contentEn: string;

  @ApiProperty({ description: 'INCENTIVE | PUNISHMENT | REGULATORY' })
  @Field()
  type: string;

  @ApiProperty({ description: 'MANDATORY 依法必须联合执行 | RECOMMENDED 推荐性' })
  @Field({ description: 'MANDATORY 依法必须联合执行 | RECOMMENDED 推荐性' })
  class: string;

  @ApiProperty({ description: 'BAR | RESTRICT | REVOKE | SCRUTINY | BENEFIT | PUBLICITY | RECORD' })
  @Field()
  effect: string;

  @ApiProperty()
  @Field()
  channel: string;

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  targetLists: string[];

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  targetGrades: string[];

  @ApiProperty({ description: '及于相关责任人（落实到人）/ applies to related persons too' })
  @Field()
  relatedPersons: boolean;

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  subjectTypes: string[];

  @ApiProperty()
  @Field()
  targetWording: string;

  @ApiProperty({ type: [String], description: '事项类型，* 为全部 / matter types, * for all' })
  @Field(() => [String])
  matterTypes: string[];

  @ApiProperty()
  @Field()
  implementingBodyZh: string;

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  legalBasis: string[];

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  sources: string[];

  @ApiPropertyOptional({ type: 'integer', description: '默认期限（月）/ default period in months' })
  @Field(() => Int, { nullable: true })
  defaultPeriodMonths?: number;
}

@ObjectType('MeasureList', { description: '措施清单（某一版本）/ one edition of the measures list' })
export class MeasureListView {
  @ApiProperty()
  @Field()
  editionId: string;

  @ApiProperty()
  @Field()
  effectiveFrom: string;

  @ApiProperty({ type: [String] })
  @Field(() => [String])
  basis: string[];

  @ApiProperty({ type: () => [MeasureView] })
  @Field(() => [MeasureView])
  measures: MeasureView[];
}
