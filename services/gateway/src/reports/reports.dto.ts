import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBase64, IsDefined, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { SubjectDto } from '../api/dto';
import { LocalizedTextView } from '../checks/checks.dto';

@InputType('IssueReportInput', { description: '出具信用报告 / issue a credit report' })
@ApiSchema({ name: 'IssueReportInput' })
export class IssueReportDto {
  @ApiProperty({ type: () => SubjectDto })
  @Field(() => SubjectDto)
  @IsDefined()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject: SubjectDto;

  @ApiPropertyOptional({ description: '用途 / purpose (e.g. 招标投标)' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  purpose?: string;
}

@ObjectType('CreditReport', { description: '信用报告（JSON 内容；PDF 见 REST /api/v1/reports/{number}/pdf）/ a credit report' })
export class CreditReportView {
  @ApiProperty({ description: '报告编号 / report number' })
  @Field()
  reportNumber: string;

  @ApiProperty()
  @Field()
  subjectKey: string;

  @ApiProperty()
  @Field()
  issuedAt: string;

  @ApiProperty()
  @Field()
  validFrom: string;

  @ApiProperty({ description: '有效期至（含）/ valid until (inclusive)' })
  @Field()
  validUntil: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: '报告内容 / report content' })
  @Field({ description: '报告内容（规范 JSON 文本，即签名的字节）/ the canonical JSON text that is signed' })
  json: string;

  @ApiProperty()
  @Field()
  jsonSha256: string;

  @ApiProperty()
  @Field()
  pdfSha256: string;

  @ApiProperty({ description: 'Ed25519 签名（base64）/ signature' })
  @Field()
  signature: string;

  @ApiProperty()
  @Field()
  signatureAlgorithm: string;

  @ApiProperty()
  @Field()
  keyId: string;

  @ApiProperty()
  @Field()
  grade: string;

  @ApiProperty()
  @Field()
  policyVersion: string;
}

@InputType('VerifyReportInput', { description: '核验信用报告 / verify a credit report' })
@ApiSchema({ name: 'VerifyReportInput' })
export class VerifyReportDto {
  @ApiProperty()
  @Field()
  @IsString()
  @MaxLength(64)
  reportNumber: string;

  @ApiPropertyOptional({ description: '收到的 PDF（base64）/ the PDF as received, base64' })
  @Field({ nullable: true })
  @IsOptional()
  @IsBase64()
  pdfBase64?: string;

  @ApiPropertyOptional({ description: '收到的 JSON 文本 / the JSON text as received' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  json?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD (default today)' })
  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  asOf?: string;
}

@ObjectType('ReportVerification')
export class ReportVerificationView {
  @ApiProperty({ description: '真实且在有效期内 / authentic and within validity' })
  @Field()
  valid: boolean;

  @ApiProperty({ description: 'VALID | EXPIRED | ALTERED | SIGNATURE_INVALID | NOT_FOUND | MALFORMED' })
  @Field()
  status: string;

  @ApiProperty({ type: () => LocalizedTextView })
  @Field(() => LocalizedTextView)
  reason: LocalizedTextView;

  @ApiProperty({ description: '内容与出具时一致 / exactly the bytes issued and signed' })
  @Field()
  authentic: boolean;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  validUntil?: string;

  @ApiProperty({ description: '出具后发生重大失信事件 / a major credit event happened after issue' })
  @Field()
  majorEventSinceIssue: boolean;
}

@ObjectType('ReportPublicKey')
export class ReportPublicKeyView {
  @ApiProperty()
  @Field()
  keyId: string;

  @ApiProperty()
  @Field()
  algorithm: string;

  @ApiProperty({ description: 'SPKI PEM' })
  @Field()
  publicKeyPem: string;

  @ApiProperty()
  @Field()
  createdAt: string;

  @ApiProperty()
  @Field()
  active: boolean;
}

@InputType('GradeInput', { description: '查询主体信用等级 / a subject’s credit grade' })
@ApiSchema({ name: 'GradeInput' })
export class GradeDto {
  @ApiProperty({ type: () => SubjectDto })
  @Field(() => SubjectDto)
  @IsDefined()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject: SubjectDto;
}

@ObjectType('SubjectGrade', { description: '分级分类结果 / credit grade of a subject' })
export class SubjectGradeView {
  @ApiProperty()
  @Field()
  subjectKey: string;

  @ApiProperty()
  @Field()
  found: boolean;

  @ApiProperty({ description: 'A | B | C | D' })
  @Field()
  grade: string;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  score: number;

  @ApiProperty()
  @Field()
  modelVersion: string;

  @ApiProperty()
  @Field()
  asOf: string;

  @ApiProperty({ type: () => [LocalizedTextView] })
  @Field(() => [LocalizedTextView])
  factors: LocalizedTextView[];

  @ApiProperty({ description: '双随机抽查比例 / sampling ratio' })
  @Field(() => Float)
  samplingRatio: number;

  @ApiProperty({ description: '重点检查事项全覆盖 / every key item inspected' })
  @Field()
  allKeyItems: boolean;

  @ApiProperty()
  @Field()
  samplingPolicyVersion: string;
}

@InputType('InspectionSampleInput', { description: '双随机抽查：按等级加权抽取检查对象 / draw inspection targets weighted by grade' })
@ApiSchema({ name: 'InspectionSampleInput' })
export class InspectionSampleDto {
  @ApiPropertyOptional({ description: '随机种子（相同种子与名录得到相同结果）/ seed: same seed + population → same sample' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  seed?: string;

  @ApiPropertyOptional({ type: [String], description: '检查对象名录（主体标识）；空则为本部门提供过信息的主体 / population as subject keys' })
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100_000)
  @IsString({ each: true })
  subjectKeys?: string[];
}

@ObjectType('GradeStratum')
export class GradeStratumView {
  @ApiProperty()
  @Field()
  grade: string;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  population: number;

  @ApiProperty()
  @Field(() => Float)
  ratio: number;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  drawn: number;
}

@ObjectType('SampledSubject')
export class SampledSubjectView {
  @ApiProperty()
  @Field()
  subjectKey: string;

  @ApiProperty()
  @Field()
  name: string;

  @ApiProperty()
  @Field()
  grade: string;

  @ApiProperty()
  @Field()
  allKeyItems: boolean;
}

@ObjectType('InspectionSample')
export class InspectionSampleView {
  @ApiProperty()
  @Field()
  seed: string;

  @ApiProperty()
  @Field()
  asOf: string;

  @ApiProperty()
  @Field()
  modelVersion: string;

  @ApiProperty()
  @Field()
  samplingPolicyVersion: string;

  @ApiProperty({ type: 'integer' })
  @Field(() => Int)
  population: number;

  @ApiProperty({ type: () => [GradeStratumView] })
  @Field(() => [GradeStratumView])
  strata: GradeStratumView[];

  @ApiProperty({ type: () => [SampledSubjectView] })
  @Field(() => [SampledSubjectView])
  subjects: SampledSubjectView[];
}
