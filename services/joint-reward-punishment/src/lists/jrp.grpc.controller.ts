import { Controller } from '@nestjs/common';
import {
  JointRewardPunishmentServiceControllerMethods,
  ListEntryStatusNames,
  ListTypeNames,
  subjectFromProto,
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
import { MeasureEntity } from '../measures/measure.entity';
import { MeasuresService } from '../measures/measures.service';
import { JrpClock } from './clock';
import type { ListEntryEntity, ListEntryTransitionEntity } from './list-entry.entity';
import { ListEntriesService } from './list-entries.service';
import { ListProposalsService } from './list-proposals.service';

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
  ) {}

  async listMeasures(request: ListMeasuresRequest): Promise<MeasureList> {
    const { edition, measures } = await this.measures.list(request, this.clock.today());
    return { editionId: edition.id, effectiveFrom: edition.effectiveFrom, basis: edition.basis, measures: measures.map(toMeasure) };
  }

  async exportMeasuresCsv(request: ListMeasuresRequest): Promise<MeasuresCsv> {
    return this.measures.exportCsv(request, this.clock.today());
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
