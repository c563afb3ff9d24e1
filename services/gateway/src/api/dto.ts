import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import GraphQLJSON from './json.scalar';

export enum SubjectTypeInput {
  LEGAL_PERSON = 'LEGAL_PERSON',
  NATURAL_PERSON = 'NATURAL_PERSON',
}
registerEnumType(SubjectTypeInput, { name: 'SubjectType', description: '信用主体类型 / kind of credit subject' });

export enum SeverityInput {
  MINOR = 'MINOR',
  GENERAL = 'GENERAL',
  SERIOUS = 'SERIOUS',
}
registerEnumType(SeverityInput, { name: 'Severity', description: '失信程度 轻微/一般/严重 / severity tier' });

@InputType('SubjectInput', { description: '信用主体（法人用统一社会信用代码，自然人用姓名+身份证号）/ a credit subject' })
@ApiSchema({ name: 'SubjectInput' })
export class SubjectDto {
  @ApiProperty({ enum: SubjectTypeInput, enumName: 'SubjectType' })
  @Field(() => SubjectTypeInput)
  @IsIn(Object.values(SubjectTypeInput))
  type: SubjectTypeInput;

  @ApiProperty({ description: '名称或姓名 / name' })
  @Field({ description: '名称或姓名 / name' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ description: '统一社会信用代码 / USCC (GB 32100)' })
  @Field({ nullable: true, description: '统一社会信用代码 / USCC (GB 32100)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  uscc?: string;

  @ApiPropertyOptional({ description: '居民身份证号码 / resident ID number (GB 11643)' })
  @Field({ nullable: true, description: '居民身份证号码 / resident ID number (GB 11643)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  idNumber?: string;
}

@InputType('SubmitRecordInput', { description: '提交一条信用信息 / submit one credit record' })
@ApiSchema({ name: 'SubmitRecordInput' })
export class SubmitRecordDto {
  @ApiProperty({ description: '信用信息目录项编码 / catalogue item code' })
  @Field({ description: '信用信息目录项编码 / catalogue item code' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  catalogueItemCode: string;

  @ApiProperty({ type: () => SubjectDto })
  @Field(() => SubjectDto)
  @IsDefined()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject: SubjectDto;

  @ApiProperty({ description: '决定文书号 / decision number' })
  @Field({ description: '决定文书号 / decision number' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  decisionNumber: string;

  @ApiProperty({ description: '决定日期 YYYY-MM-DD / decision date' })
  @Field({ description: '决定日期 YYYY-MM-DD / decision date' })
  @IsString()
  @MaxLength(10)
  decisionDate: string;

  @ApiPropertyOptional({ enum: SeverityInput, enumName: 'Severity' })
  @Field(() => SeverityInput, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(SeverityInput))
  severity?: SeverityInput;

  @ApiProperty({ description: '目录项信息项 / the item fields', type: 'object', additionalProperties: true })
  @Field(() => GraphQLJSON, { description: '目录项信息项 / the item fields' })
  @IsObject()
  fields: Record<string, unknown>;
}

@ObjectType({ description: '提交结果 / result of a submission' })
export class SubmitRecordResult {
  @ApiProperty()
  @Field()
  recordId: string;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  version: number;

  @ApiProperty({ description: 'CREATED | NEW_VERSION | UNCHANGED' })
  @Field({ description: 'CREATED | NEW_VERSION | UNCHANGED' })
  outcome: string;

  @ApiProperty()
  @Field()
  subjectKey: string;
}

@ObjectType({ description: '主体 / subject' })
export class SubjectView {
  @ApiProperty()
  @Field()
  key: string;

  @ApiProperty({ enum: SubjectTypeInput, enumName: 'SubjectType' })
  @Field(() => SubjectTypeInput)
  type: SubjectTypeInput;

  @ApiProperty()
  @Field()
  name: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  uscc?: string;

  @ApiPropertyOptional({ description: '脱敏身份证号 / masked ID number' })
  @Field({ nullable: true, description: '脱敏身份证号 / masked ID number' })
  maskedIdNumber?: string;
}

@ObjectType({ description: '信用记录 / credit record' })
export class RecordView {
  @ApiProperty()
  @Field()
  recordId: string;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  version: number;

  @ApiProperty()
  @Field()
  catalogueItemCode: string;

  @ApiProperty()
  @Field()
  category: string;

  @ApiProperty()
  @Field()
  providerDepartmentId: string;

  @ApiProperty()
  @Field()
  decisionNumber: string;

  @ApiProperty()
  @Field()
  decisionDate: string;

  @ApiProperty()
  @Field()
  adverse: boolean;

  @ApiPropertyOptional({ enum: SeverityInput, enumName: 'Severity' })
  @Field(() => SeverityInput, { nullable: true })
  severity?: SeverityInput;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  publicityStart?: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  publicityEnd?: string;

  @ApiProperty({ description: 'ACTIVE | PUBLICITY_ENDED | REPAIRED | REVOKED' })
  @Field({ description: 'ACTIVE | PUBLICITY_ENDED | REPAIRED | REVOKED' })
  status: string;

  @ApiProperty({ description: '异议处理中 / under objection' })
  @Field({ description: '异议处理中 / under objection' })
  underObjection: boolean;

  @ApiProperty({ description: '公开等级 PUBLIC | GOVERNMENT_SHARED | AUTHORISED_ONLY / disclosure level' })
  @Field({ description: '公开等级 PUBLIC | GOVERNMENT_SHARED | AUTHORISED_ONLY / disclosure level' })
  disclosure: string;

  @ApiProperty({ description: '受限信息未授权：文号与信息项不予显示（仍计入核查结论）/ restricted: decision number and fields withheld (still counted)' })
  @Field({ description: '受限信息未授权：文号与信息项不予显示（仍计入核查结论）/ restricted: withheld from this caller (still counted)' })
  withheld: boolean;

  @ApiProperty({ type: 'object', additionalProperties: true })
  @Field(() => GraphQLJSON)
  fields: Record<string, unknown>;
}
