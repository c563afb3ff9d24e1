import { Controller } from '@nestjs/common';
import {
  JointRewardPunishmentServiceControllerMethods,
  ListEntryStatusNames,
  ListTypeNames,
  subjectFromProto,
  subjectTypeToProto,
  type CheckCase,
  type FeedbackCounts,
  type FeedbackStatistics,
  type FeedbackStatisticsRequest,
  type GetCheckCaseRequest,
  type GetMeasureNoticeRequest,
  type ImportMeasuresEditionRequest,
  type NoticePdf,
  type ListPendingFeedbackRequest,
  type MeasureNotice,
  type PendingFeedbackList,
  type PublishQuarterlyListsRequest,
  type QuarterlyPublication,
  type SubmitFeedbackRequest,
  type GetListEntryRequest,
  type GetNoticeRequest,
  type GetSubjectListEntriesRequest,
  type JointRewardPunishmentServiceController,
  type ListEntryView,
  type ListMeasuresRequest,
  type ListNotice,
  type Measure,
  type MeasureList,
  type MeasuresCsv,
  type ProposeListEntryRequest,
  type SubjectListEntries,
} from '@credit/contracts';
import type { CheckCaseEntity } from '../feedback/check-case.entity';
import { FeedbackStatisticsService, type Counts } from '../feedback/feedback-statistics.service';
import { FeedbackService, type CaseWithMeasures } from '../feedback/feedback.service';
import type { MeasureNoticeEntity } from '../feedback/check-case.entity';
import { MeasureEntity } from '../measures/measure.entity';
import { listNoticePdf, measureNoticePdf } from '../notices/notice-pdf';
import { PublicationService } from '../publication/publication.service';
import { MeasuresService } from '../measures/measures.service';
import { JrpClock } from './clock';
import type { ListEntryEntity, ListEntryTransitionEntity } from './list-entry.entity';
import { ListEntriesService } from './list-entries.service';
import { ListProposalsService } from './list-proposals.service';

function toMeasureNotice(n: MeasureNoticeEntity): MeasureNotice {
  return {
    noticeNumber: n.noticeNumber,
    checkId: n.checkId,
    measureCode: n.measureCode,
    departmentId: n.departmentId,
    issuedOn: n.issuedOn,
    textZh: n.textZh,
    status: n.status,
    withdrawnByObjectionId: n.withdrawnByObjectionId ?? '',
    withdrawnOn: n.withdrawnOn ?? '',
    withdrawalReason: n.withdrawalReason ?? '',
  };
}

function toMeasure(m: MeasureEntity): Measure {
  return {
    code: m.code,
    contentZh: m.contentZh,
    contentEn: m.contentEn,
    type: m.type,
    class: m.measureClass,
    effect: m.effect,
    channel: m.channel,
    targetLists: m.targetLists,
    targetGrades: m.targetGrades,
    relatedPersons: m.relatedPersons,
    subjectTypes: m.subjectTypes,
    targetWording: m.targetWording,
    matterTypes: m.matterTypes,
    implementingBodyZh: m.implementingBodyZh,
    legalBasis: m.legalBasis,
    sources: m.sources,
    defaultPeriodMonths: m.defaultPeriodMonths ?? 0,
  };
}

@Controller()
@JointRewardPunishmentServiceControllerMethods()
export class JrpGrpcController implements JointRewardPunishmentServiceController {
  constructor(
    private readonly measures: MeasuresService,
    private readonly proposals: ListProposalsService,
    private readonly entries: ListEntriesService,
    private readonly clock: JrpClock,
    private readonly feedback: FeedbackService,
    private readonly statistics: FeedbackStatisticsService,
    private readonly publications: PublicationService,
  ) {}

  async listMeasures(request: ListMeasuresRequest): Promise<MeasureList> {
    const { edition, measures } = await this.measures.list(request, this.clock.today());
    return { editionId: edition.id, effectiveFrom: edition.effectiveFrom, basis: edition.basis, measures: measures.map(toMeasure) };
  }

  async exportMeasuresCsv(request: ListMeasuresRequest): Promise<MeasuresCsv> {
    return this.measures.exportCsv(request, this.clock.today());
  }

  async importMeasuresEdition(request: ImportMeasuresEditionRequest): Promise<MeasureList> {
    const { edition, measures } = await this.measures.importEdition(
      {
        editionId: request.editionId,
        effectiveFrom: request.effectiveFrom,
        basis: request.basis,
        csv: request.csv,
        creditOffice: request.creditOffice,
        requestedBy: request.requestedBy,
      },
      this.clock.today(),
    );
    return { editionId: edition.id, effectiveFrom: edition.effectiveFrom, basis: edition.basis, measures: measures.map(toMeasure) };
  }

  async proposeListEntry(request: ProposeListEntryRequest): Promise<ListEntryView> {
    const entry = await this.proposals.propose({
      identifyingDepartmentId: request.identifyingDepartmentId,
      listType: ListTypeNames.name(request.listType),
      subject: subjectFromProto(request.subject),
      basisRecordIds: request.basisRecordIds,
      basisText: request.basisText,
      reason: request.reason,
      idempotencyKey: request.idempotencyKey,
    });
    return this.getListEntry({ entryId: entry.id });
  }

  async getSubjectListEntries(request: GetSubjectListEntriesRequest): Promise<SubjectListEntries> {
    const entries = await this.proposals.subjectEntries(subjectFromProto(request.subject), request.includeEnded);
    return { entries: await Promise.all(entries.map((e) => this.entries.view(this.proposals.manager, e))) };
  }

  async getListEntry(request: GetListEntryRequest): Promise<ListEntryView> {
    const { entry, transitions } = await this.proposals.entry(request.entryId);
    return toView(entry, transitions, await this.entries.view(this.proposals.manager, entry, transitions[transitions.length - 1]));
  }

  async getNotice(request: GetNoticeRequest): Promise<ListNotice> {
    const notice = await this.proposals.notice(request.entryId);
    return {
      entryId: notice.entryId,
      noticeNumber: notice.noticeNumber,
      issuedOn: notice.issuedOn,
      objectionWindowEnd: notice.objectionWindowEnd,
      textZh: notice.textZh,
    };
  }

  async getNoticePdf(request: GetNoticeRequest): Promise<NoticePdf> {
    return listNoticePdf(await this.proposals.notice(request.entryId));
  }

  // ——— feedback ———

  async submitFeedback(request: SubmitFeedbackRequest): Promise<CheckCase> {
    return toCase(
      await this.feedback.submit({
        checkId: request.checkId,
        departmentId: request.departmentId,
        operator: request.operator,
        conduct: request.conduct,
        measures: request.measures,
      }),
    );
  }

  async getCheckCase(request: GetCheckCaseRequest): Promise<CheckCase> {
    return toCase(await this.feedback.get(request.checkId));
  }

  async listPendingFeedback(request: ListPendingFeedbackRequest): Promise<PendingFeedbackList> {
    const { asOf, cases } = await this.feedback.pending({ departmentId: request.departmentId, asOf: request.asOf, limit: request.limit });
    return {
      asOf,
      cases: cases.map(({ checkCase: c, workingDaysOverdue, missing }) => ({
        checkId: c.checkId,
        departmentId: c.departmentId,
        matterType: c.matterType,
        matterReference: c.matterReference,
        subject: subjectRef(c),
        checkDay: c.checkDay,
        feedbackDue: c.feedbackDue,
        workingDaysOverdue,
        missingMeasureCodes: missing,
      })),
    };
  }

  async getMeasureNotice(request: GetMeasureNoticeRequest): Promise<MeasureNotice> {
    return toMeasureNotice(await this.feedback.notice(request.checkId, request.measureCode));
  }

  async getMeasureNoticePdf(request: GetMeasureNoticeRequest): Promise<NoticePdf> {
    return measureNoticePdf(await this.feedback.notice(request.checkId, request.measureCode));
  }

  async getFeedbackStatistics(request: FeedbackStatisticsRequest): Promise<FeedbackStatistics> {
    const s = await this.statistics.statistics(request);
    return {
      from: s.from,
      to: s.to,
      asOf: s.asOf,
      byMeasure: s.byMeasure.map((m) => ({ measureCode: m.measureCode, contentZh: m.contentZh, counts: toCounts(m.counts) })),
      byDepartment: s.byDepartment.map((d) => ({ departmentId: d.departmentId, counts: toCounts(d.counts) })),
      byDepartmentMatter: s.byDepartmentMatter,
    };
  }

  async publishQuarterlyLists(request: PublishQuarterlyListsRequest): Promise<QuarterlyPublication> {
    const p = await this.publications.publish(request);
    return {
      publicationId: p.id,
      year: p.year,
      quarter: p.quarter,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      jurisdiction: p.jurisdiction,
      publishedOn: p.publishedOn,
      redCount: p.redCount,
      blackCount: p.blackCount,
      csv: p.csv,
      json: p.json,
      sha256: p.sha256,
    };
  }
}

function subjectRef(c: CheckCaseEntity) {
  return { key: c.subjectKey, type: subjectTypeToProto(c.subjectType), name: c.subjectName, uscc: c.subjectUscc ?? '', maskedIdNumber: c.subjectMaskedIdNumber ?? '' };
}

function toCounts(c: Counts): FeedbackCounts {
  return { ...c };
}

function toCase({ checkCase: c, measures, notices, conduct }: CaseWithMeasures): CheckCase {
  return {
    checkId: c.checkId,
    subject: subjectRef(c),
    matterType: c.matterType,
    matterReference: c.matterReference,
    departmentId: c.departmentId,
    verdict: c.verdict,
    checkedAt: c.checkedAt.toISOString(),
    checkDay: c.checkDay,
    feedbackDue: c.feedbackDue,
    feedbackWorkingDays: c.feedbackWorkingDays,
    feedbackStatus: c.feedbackStatus,
    conduct,
    evidenceIds: c.evidenceIds,
    policyVersion: c.policyVersion,
    measures: measures.map((m) => ({
      code: m.measureCode,
      contentZh: m.contentZh,
      type: m.measureType,
      class: m.measureClass,
      legalBasis: m.legalBasis,
      decision: m.decision ?? '',
      reasonCode: m.reasonCode ?? '',
      reason: m.reason ?? '',
      startDate: m.startDate ?? '',
      endDate: m.endDate ?? '',
      content: m.content ?? '',
      outcome: m.outcome ?? '',
      fedBackAt: m.fedBackAt?.toISOString() ?? '',
      noticeNumber: notices.get(m.measureCode) ?? '',
    })),
  };
}

function toView(entry: ListEntryEntity, transitions: ListEntryTransitionEntity[], current: ListEntryView['entry']): ListEntryView {
  return {
    entry: current,
    transitions: transitions.map((t) => ({
      sequence: t.sequence,
      fromStatus: ListEntryStatusNames.toProto(t.fromStatus),
      toStatus: ListEntryStatusNames.toProto(t.toStatus),
      actor: t.actor,
      reason: t.reason,
      endReason: t.endReason ?? '',
      causeId: t.causeId ?? '',
      effectiveDate: t.effectiveDate,
      changedAt: t.changedAt.toISOString(),
    })),
    policyVersion: entry.policyVersion,
    ruleVersion: entry.ruleVersion ?? 0,
  };
}
