import { UseInterceptors } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller, RequireScope } from '../auth/auth.guard';
import { Scopes, type Caller } from '../auth/clients.service';
import { ReportsApi } from './reports-api.service';
import { CreditReportView, GradeDto, InspectionSampleDto, InspectionSampleView, IssueReportDto, ReportVerificationView, SubjectGradeView, VerifyReportDto } from './reports.dto';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';

@Resolver()
@UseInterceptors(IdempotencyInterceptor) // Idempotency-Key on its mutations
export class ReportsResolver {
  constructor(private readonly api: ReportsApi) {}

  @Mutation(() => CreditReportView, { description: '出具信用报告 / issue a signed credit report' })
  @RequireScope(Scopes.checksPerform)
  issueCreditReport(@CurrentCaller() caller: Caller, @Args('input') input: IssueReportDto): Promise<CreditReportView> {
    return this.api.issue(caller, input);
  }

  @Query(() => CreditReportView, { description: '查询信用报告 / a credit report' })
  @RequireScope(Scopes.checksPerform)
  creditReport(@CurrentCaller() caller: Caller, @Args('reportNumber') reportNumber: string): Promise<CreditReportView> {
    return this.api.get(caller, reportNumber);
  }

  @Query(() => ReportVerificationView, { description: '核验信用报告（公开）/ verify a credit report (public)' })
  verifyCreditReport(@Args('input') input: VerifyReportDto): Promise<ReportVerificationView> {
    return this.api.verify(input);
  }

  @Query(() => SubjectGradeView, { description: '主体信用等级 / a subject’s credit grade' })
  @RequireScope(Scopes.checksPerform)
  subjectGrade(@CurrentCaller() caller: Caller, @Args('input') input: GradeDto): Promise<SubjectGradeView> {
    return this.api.grade(caller, input);
  }

  @Mutation(() => InspectionSampleView, { description: '双随机抽查抽取 / draw inspection targets weighted by grade' })
  @RequireScope(Scopes.checksPerform)
  sampleForInspection(@CurrentCaller() caller: Caller, @Args('input') input: InspectionSampleDto): Promise<InspectionSampleView> {
    return this.api.sample(caller, input);
  }
}
