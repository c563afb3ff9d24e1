import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import { JOINT_REWARD_PUNISHMENT_SERVICE_NAME, type CheckCase, type FeedbackCounts, type JointRewardPunishmentServiceClient, type NoticePdf } from '@credit/contracts';
import { call, JOINT_REWARD_PUNISHMENT_CLIENT, traceMetadata } from '../api/backends';
import { supervisedDepartment } from '../api/request-context';
import type { Caller } from '../auth/clients.service';
import type {
  CheckCaseView,
  FeedbackCountsView,
  FeedbackDto,
  FeedbackStatisticsDto,
  FeedbackStatisticsView,
  MeasureNoticeView,
  PendingFeedbackView,
  QuarterlyPublicationDto,
  QuarterlyPublicationView,
} from './feedback.dto';
import { toSubject } from '../api/platform-api.service';

/** 奖惩案例自动反馈 and the statistics and publication built on it (joint-reward-punishment). */
@Injectable()
export class FeedbackApi implements OnModuleInit {
  private jrp!: JointRewardPunishmentServiceClient;

  constructor(@Inject(JOINT_REWARD_PUNISHMENT_CLIENT) private readonly client: ClientGrpc) {}

  onModuleInit(): void {
    this.jrp = this.client.getService<JointRewardPunishmentServiceClient>(JOINT_REWARD_PUNISHMENT_SERVICE_NAME);
  }

  /** The checking department (from the token) reports what it did with each measure its check triggered. */
  async submit(caller: Caller, checkId: string, input: FeedbackDto): Promise<CheckCaseView> {
    const result = await call(
      this.jrp.submitFeedback(
        {
          checkId,
          departmentId: caller.departmentId,
          operator: input.operator ?? '',
          conduct: input.conduct ?? '',
          measures: input.measures.map((m) => ({
            measureCode: m.measureCode,
            decision: m.decision,
            reasonCode: m.reasonCode ?? '',
            reason: m.reason ?? '',
            startDate: m.startDate ?? '',
            endDate: m.endDate ?? '',
            content: m.content ?? '',
            outcome: m.outcome ?? '',
          })),
        },
        traceMetadata(),
      ),
    );
    return toCase(result);
  }

  async getCase(caller: Caller, checkId: string): Promise<CheckCaseView> {
    const result = await call(this.jrp.getCheckCase({ checkId }, traceMetadata()));
    supervisedDepartment(caller, result.departmentId === caller.departmentId ? undefined : result.departmentId);
    return toCase(result);
  }

  async pending(caller: Caller, departmentId?: string): Promise<PendingFeedbackView[]> {
    const result = await call(this.jrp.listPendingFeedback({ departmentId: supervisedDepartment(caller, departmentId), asOf: '', limit: 500 }, traceMetadata()));
    return result.cases.map((c) => ({
      checkId: c.checkId,
      departmentId: c.departmentId,
      matterType: c.matterType,
      matterReference: c.matterReference || undefined,
      subjectKey: c.subject?.key ?? '',
      checkDay: c.checkDay,
      feedbackDue: c.feedbackDue,
      workingDaysOverdue: c.workingDaysOverdue,
      missingMeasureCodes: c.missingMeasureCodes,
    }));
  }

  async notice(caller: Caller, checkId: string, measureCode: string): Promise<MeasureNoticeView> {
    const notice = await call(this.jrp.getMeasureNotice({ checkId, measureCode }, traceMetadata()));
    supervisedDepartment(caller, notice.departmentId === caller.departmentId ? undefined : notice.departmentId);
    return {
      noticeNumber: notice.noticeNumber,
      checkId: notice.checkId,
      measureCode: notice.measureCode,
      departmentId: notice.departmentId,
      issuedOn: notice.issuedOn,
      textZh: notice.textZh,
      status: notice.status || 'ISSUED',
      withdrawnByObjectionId: notice.withdrawnByObjectionId || undefined,
      withdrawnOn: notice.withdrawnOn || undefined,
      withdrawalReason: notice.withdrawalReason || undefined,
    };
  }

  /** The same notice as PDF: the checking department or the credit office (a withdrawn one is marked 已撤回). */
  async noticePdf(caller: Caller, checkId: string, measureCode: string): Promise<NoticePdf> {
    const notice = await call(this.jrp.getMeasureNotice({ checkId, measureCode }, traceMetadata()));
    supervisedDepartment(caller, notice.departmentId === caller.departmentId ? undefined : notice.departmentId);
    return call(this.jrp.getMeasureNoticePdf({ checkId, measureCode }, traceMetadata()));
  }

  async statistics(caller: Caller, filter: FeedbackStatisticsDto): Promise<FeedbackStatisticsView> {
    const s = await call(this.jrp.getFeedbackStatistics({ from: filter.from, to: filter.to, departmentId: supervisedDepartment(caller, filter.departmentId), asOf: '' }, traceMetadata()));
    return {
      from: s.from,
      to: s.to,
      asOf: s.asOf,
      byMeasure: s.byMeasure.map((m) => ({ measureCode: m.measureCode, contentZh: m.contentZh, counts: counts(m.counts) })),
      byDepartment: s.byDepartment.map((d) => ({ departmentId: d.departmentId, counts: counts(d.counts) })),
      byDepartmentMatter: s.byDepartmentMatter,
    };
  }

  /** The credit office publishes a quarter's red and black lists (persons masked). */
  publish(caller: Caller, input: QuarterlyPublicationDto): Promise<QuarterlyPublicationView> {
    return call(this.jrp.publishQuarterlyLists({ year: input.year, quarter: input.quarter, requestedBy: caller.departmentId }, traceMetadata()));
  }
}

function counts(c: FeedbackCounts | undefined): FeedbackCountsView {
  return {
    triggered: c?.triggered ?? 0,
    applied: c?.applied ?? 0,
    declined: c?.declined ?? 0,
    pending: c?.pending ?? 0,
    overdue: c?.overdue ?? 0,
    declineReasons: (c?.declineReasons ?? []).map((r) => ({ reasonCode: r.reasonCode, count: r.count })),
  };
}

function toCase(c: CheckCase): CheckCaseView {
  return {
    checkId: c.checkId,
    subject: toSubject(c.subject),
    matterType: c.matterType,
    matterReference: c.matterReference || undefined,
    departmentId: c.departmentId,
    verdict: c.verdict,
    checkedAt: c.checkedAt,
    feedbackDue: c.feedbackDue,
    feedbackStatus: c.feedbackStatus,
    conduct: c.conduct || undefined,
    policyVersion: c.policyVersion,
    measures: c.measures.map((m) => ({
      code: m.code,
      contentZh: m.contentZh,
      type: m.type,
      class: m.class,
      legalBasis: m.legalBasis,
      decision: m.decision || undefined,
      reasonCode: m.reasonCode || undefined,
      reason: m.reason || undefined,
      startDate: m.startDate || undefined,
      endDate: m.endDate || undefined,
      content: m.content || undefined,
      outcome: m.outcome || undefined,
      fedBackAt: m.fedBackAt || undefined,
      noticeNumber: m.noticeNumber || undefined,
    })),
  };
}
