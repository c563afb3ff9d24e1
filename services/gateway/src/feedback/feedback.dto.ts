import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { SubjectView } from '../api/dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType('MeasureFeedbackInput', { description: '一项措施的执行反馈 / feedback on one triggered measure' })
@ApiSchema({ name: 'MeasureFeedbackInput' })
export class MeasureFeedbackDto {
  @ApiProperty({ description: '措施编码 / measure code' })
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  measureCode: string;

  @ApiProperty({ description: 'APPLIED（已执行）| NOT_APPLIED（未执行）' })
  @Field({ description: 'APPLIED | NOT_APPLIED' })
  @IsIn(['APPLIED', 'NOT_APPLIED'])
  decision: string;

  @ApiPropertyOptional({ description: '未执行原因编码 / reason code when NOT_APPLIED (e.g. NOT_RELEVANT, OBJECTION_PENDING, OTHER)' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  reasonCode?: string;

  @ApiPropertyOptional({ description: '说明 / explanation' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({ description: '执行开始日期 / start (YYYY-MM-DD), required when APPLIED' })
  @Field({ nullable: true })
  @IsOptional()
  @Matches(DATE)
  startDate?: string;

  @ApiPropertyOptional({ description: '执行结束日期 / end (YYYY-MM-DD)' })
  @Field({ nullable: true })
  @IsOptional()
  @Matches(DATE)
  endDate?: string;

  @ApiPropertyOptional({ description: '执行内容 / what was done' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  content?: string;

  @ApiPropertyOptional({ description: '执行结果 / outcome, required when APPLIED' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  outcome?: string;
}

@InputType('FeedbackInput', { description: '奖惩案例反馈 / feedback on the measures a check triggered' })
@ApiSchema({ name: 'FeedbackInput' })
export class FeedbackDto {
  @ApiPropertyOptional({ description: '经办人 / operator' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  operator?: string;

  @ApiPropertyOptional({ description: '失信行为 / the conduct (default: from the evidence)' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  conduct?: string;

  @ApiProperty({ type: () => [MeasureFeedbackDto] })
  @Field(() => [MeasureFeedbackDto])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MeasureFeedbackDto)
  measures: MeasureFeedbackDto[];
}

@ObjectType('CaseMeasure', { description: '案例中的一项措施及其反馈 / a triggered measure and its feedback' })
export class CaseMeasureView {
  @ApiProperty() @Field() code: string;
  @ApiProperty() @Field() contentZh: string;
  @ApiProperty() @Field() type: string;
  @ApiProperty() @Field() class: string;
  @ApiProperty({ type: [String] }) @Field(() => [String]) legalBasis: string[];
  @ApiPropertyOptional({ description: 'APPLIED | NOT_APPLIED; absent until fed back' }) @Field({ nullable: true }) decision?: string;
  @ApiPropertyOptional() @Field({ nullable: true }) reasonCode?: string;
  @ApiPropertyOptional() @Field({ nullable: true }) reason?: string;
  @ApiPropertyOptional() @Field({ nullable: true }) startDate?: string;
  @ApiPropertyOptional() @Field({ nullable: true }) endDate?: string;
  @ApiPropertyOptional() @Field({ nullable: true }) content?: string;
  @ApiPropertyOptional() @Field({ nullable: true }) outcome?: string;
  @ApiPropertyOptional() @Field({ nullable: true }) fedBackAt?: string;
  @ApiPropertyOptional({ description: '书面告知编号 / notice number' }) @Field({ nullable: true }) noticeNumber?: string;
}

@ObjectType('CheckCase', { description: '奖惩案例（适用了措施的一次核查）/ a check in which measures applied' })
export class CheckCaseView {
  @ApiProperty() @Field() checkId: string;
  @ApiProperty({ type: () => SubjectView }) @Field(() => SubjectView) subject: SubjectView;
  @ApiProperty() @Field() matterType: string;
  @ApiPropertyOptional() @Field({ nullable: true }) matterReference?: string;
  @ApiProperty() @Field() departmentId: string;
  @ApiProperty() @Field() verdict: string;
  @ApiProperty() @Field() checkedAt: string;
  @ApiProperty({ description: '反馈截止日 / feedback due (YYYY-MM-DD)' }) @Field() feedbackDue: string;
  @ApiProperty({ description: 'PENDING | PARTIAL | COMPLETE' }) @Field() feedbackStatus: string;
  @ApiPropertyOptional() @Field({ nullable: true }) conduct?: string;
  @ApiProperty() @Field() policyVersion: string;
  @ApiProperty({ type: () => [CaseMeasureView] }) @Field(() => [CaseMeasureView]) measures: CaseMeasureView[];
}

@ObjectType('PendingFeedback', { description: '逾期未反馈的案例 / a case not fed back by its deadline' })
export class PendingFeedbackView {
  @ApiProperty() @Field() checkId: string;
  @ApiProperty() @Field() departmentId: string;
  @ApiProperty() @Field() matterType: string;
  @ApiPropertyOptional() @Field({ nullable: true }) matterReference?: string;
  @ApiProperty() @Field() subjectKey: string;
  @ApiProperty() @Field() checkDay: string;
  @ApiProperty() @Field() feedbackDue: string;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) workingDaysOverdue: number;
  @ApiProperty({ type: [String] }) @Field(() => [String]) missingMeasureCodes: string[];
}

@ObjectType('MeasureNotice', { description: '措施书面告知 / the written notice of an applied measure' })
export class MeasureNoticeView {
  @ApiProperty() @Field() noticeNumber: string;
  @ApiProperty() @Field() checkId: string;
  @ApiProperty() @Field() measureCode: string;
  @ApiProperty() @Field() departmentId: string;
  @ApiProperty() @Field() issuedOn: string;
  @ApiProperty() @Field() textZh: string;
  @ApiProperty({ description: 'ISSUED | WITHDRAWN（所依据的信息经异议更正或撤销后撤回）/ WITHDRAWN when the information it rested on was corrected or revoked after an objection' })
  @Field({ description: 'ISSUED | WITHDRAWN' })
  status: string;
  @ApiPropertyOptional({ description: '撤回所依据的异议 / the objection that withdrew it' }) @Field({ nullable: true }) withdrawnByObjectionId?: string;
  @ApiPropertyOptional({ description: '撤回日期 YYYY-MM-DD / withdrawn on' }) @Field({ nullable: true }) withdrawnOn?: string;
  @ApiPropertyOptional({ description: '撤回原因 / reason of the withdrawal' }) @Field({ nullable: true }) withdrawalReason?: string;
}

@ObjectType('ReasonCount')
export class ReasonCountView {
  @ApiProperty() @Field() reasonCode: string;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) count: number;
}

@ObjectType('FeedbackCounts')
export class FeedbackCountsView {
  @ApiProperty({ type: 'integer' }) @Field(() => Int) triggered: number;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) applied: number;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) declined: number;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) pending: number;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) overdue: number;
  @ApiProperty({ type: () => [ReasonCountView] }) @Field(() => [ReasonCountView]) declineReasons: ReasonCountView[];
}

@ObjectType('MeasureFeedbackStatistics')
export class MeasureStatisticsView {
  @ApiProperty() @Field() measureCode: string;
  @ApiProperty() @Field() contentZh: string;
  @ApiProperty({ type: () => FeedbackCountsView }) @Field(() => FeedbackCountsView) counts: FeedbackCountsView;
}

@ObjectType('DepartmentFeedbackStatistics')
export class DepartmentStatisticsView {
  @ApiProperty() @Field() departmentId: string;
  @ApiProperty({ type: () => FeedbackCountsView }) @Field(() => FeedbackCountsView) counts: FeedbackCountsView;
}

@ObjectType('DepartmentMatterFeedbackRate')
export class DepartmentMatterRateView {
  @ApiProperty() @Field() departmentId: string;
  @ApiProperty() @Field() matterType: string;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) cases: number;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) complete: number;
  @ApiProperty() @Field(() => Float) feedbackRate: number;
}

@ObjectType('FeedbackStatistics', { description: '跟踪、监测、统计、评估 / measures triggered, applied, declined, pending' })
export class FeedbackStatisticsView {
  @ApiProperty() @Field() from: string;
  @ApiProperty() @Field() to: string;
  @ApiProperty() @Field() asOf: string;
  @ApiProperty({ type: () => [MeasureStatisticsView] }) @Field(() => [MeasureStatisticsView]) byMeasure: MeasureStatisticsView[];
  @ApiProperty({ type: () => [DepartmentStatisticsView] }) @Field(() => [DepartmentStatisticsView]) byDepartment: DepartmentStatisticsView[];
  @ApiProperty({ type: () => [DepartmentMatterRateView] }) @Field(() => [DepartmentMatterRateView]) byDepartmentMatter: DepartmentMatterRateView[];
}

@InputType('FeedbackStatisticsFilter')
@ApiSchema({ name: 'FeedbackStatisticsFilter' })
export class FeedbackStatisticsDto {
  @ApiProperty({ description: 'YYYY-MM-DD (inclusive)' }) @Field() @Matches(DATE) from: string;
  @ApiProperty({ description: 'YYYY-MM-DD (exclusive)' }) @Field() @Matches(DATE) to: string;
  @ApiPropertyOptional({ description: '信用办可指定部门 / credit office: one department' }) @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(64) departmentId?: string;
}

@InputType('QuarterlyPublicationInput')
@ApiSchema({ name: 'QuarterlyPublicationInput' })
export class QuarterlyPublicationDto {
  @ApiProperty({ type: 'integer' }) @Field(() => Int) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 }) @Field(() => Int) @Type(() => Number) @IsInt() @Min(1) @Max(4) quarter: number;
}

@ObjectType('QuarterlyPublication', { description: '红黑名单季度公布（个人已脱敏）/ quarterly red/black list publication (persons masked)' })
export class QuarterlyPublicationView {
  @ApiProperty() @Field() publicationId: string;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) year: number;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) quarter: number;
  @ApiProperty() @Field() periodStart: string;
  @ApiProperty() @Field() periodEnd: string;
  @ApiProperty() @Field() jurisdiction: string;
  @ApiProperty() @Field() publishedOn: string;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) redCount: number;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) blackCount: number;
  @ApiProperty() @Field() csv: string;
  @ApiProperty() @Field() json: string;
  @ApiProperty() @Field() sha256: string;
}
