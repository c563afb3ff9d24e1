import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
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
export class SubjectDto {
  @Field(() => SubjectTypeInput)
  @IsIn(Object.values(SubjectTypeInput))
  type: SubjectTypeInput;

  @Field({ description: '名称或姓名 / name' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @Field({ nullable: true, description: '统一社会信用代码 / USCC (GB 32100)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  uscc?: string;

  @Field({ nullable: true, description: '居民身份证号码 / resident ID number (GB 11643)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  idNumber?: string;
}

@InputType('SubmitRecordInput', { description: '提交一条信用信息 / submit one credit record' })
export class SubmitRecordDto {
  @Field({ description: '信用信息目录项编码 / catalogue item code' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  catalogueItemCode: string;

  @Field(() => SubjectDto)
  @IsDefined()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject: SubjectDto;

  @Field({ description: '决定文书号 / decision number' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  decisionNumber: string;

  @Field({ description: '决定日期 YYYY-MM-DD / decision date' })
  @IsString()
  @MaxLength(10)
  decisionDate: string;

  @Field(() => SeverityInput, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(SeverityInput))
  severity?: SeverityInput;

  @Field(() => GraphQLJSON, { description: '目录项信息项 / the item fields' })
  @IsObject()
  fields: Record<string, unknown>;
}

@InputType('CheckInput', { description: '核查一个主体 / check a subject' })
export class CheckDto {
  @Field(() => SubjectDto)
  @IsDefined()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject: SubjectDto;
}

@ObjectType({ description: '提交结果 / result of a submission' })
export class SubmitRecordResult {
  @Field()
  recordId: string;

  @Field(() => Int)
  version: number;

  @Field({ description: 'CREATED | NEW_VERSION | UNCHANGED' })
  outcome: string;

  @Field()
  subjectKey: string;
}

@ObjectType({ description: '主体 / subject' })
export class SubjectView {
  @Field()
  key: string;

  @Field(() => SubjectTypeInput)
  type: SubjectTypeInput;

  @Field()
  name: string;

  @Field({ nullable: true })
  uscc?: string;

  @Field({ nullable: true, description: '脱敏身份证号 / masked ID number' })
  maskedIdNumber?: string;
}

@ObjectType({ description: '信用记录 / credit record' })
export class RecordView {
  @Field()
  recordId: string;

  @Field(() => Int)
  version: number;

  @Field()
  catalogueItemCode: string;

  @Field()
  category: string;

  @Field()
  providerDepartmentId: string;

  @Field()
  decisionNumber: string;

  @Field()
  decisionDate: string;

  @Field()
  adverse: boolean;

  @Field(() => SeverityInput, { nullable: true })
  severity?: SeverityInput;

  @Field({ nullable: true })
  publicityStart?: string;

  @Field({ nullable: true })
  publicityEnd?: string;

  @Field(() => GraphQLJSON)
  fields: Record<string, unknown>;
}

@ObjectType({ description: '核查结果：主体信用档案 / check result: the subject profile' })
export class CheckResult {
  @Field({ description: '平台是否有该主体信息；false 即“无记录” / false means "no record"' })
  found: boolean;

  @Field(() => SubjectView)
  subject: SubjectView;

  @Field(() => [RecordView])
  records: RecordView[];

  @Field(() => Int)
  adverseCount: number;
}
