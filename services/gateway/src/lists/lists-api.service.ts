import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import {
  JOINT_REWARD_PUNISHMENT_SERVICE_NAME,
  ListEntryStatusNames,
  ListTypeNames,
  type JointRewardPunishmentServiceClient,
  type ListEntryChanged,
  type ListEntryView as ListEntryMessage,
  type MeasureList,
  type NoticePdf,
} from '@credit/contracts';
import { Backends, call, JOINT_REWARD_PUNISHMENT_CLIENT, traceMetadata } from '../api/backends';
import { isCreditOffice } from '../api/request-context';
import { subjectIn, toSubject } from '../api/platform-api.service';
import type { Caller } from '../auth/clients.service';
import type { ImportMeasuresEditionDto, ListEntriesQueryDto, ListEntryDetailView, ListEntryView, ListNoticeView, MeasureListView, MeasuresQueryDto, ProposeListEntryDto } from './lists.dto';

/** Lists (红黑名单) and the measures list (措施清单) for REST and GraphQL alike: the department always comes from the token. */
@Injectable()
export class ListsApi implements OnModuleInit {
  private jrp!: JointRewardPunishmentServiceClient;

  constructor(
    private readonly backends: Backends,
    @Inject(JOINT_REWARD_PUNISHMENT_CLIENT) private readonly client: ClientGrpc,
  ) {}

  onModuleInit(): void {
    this.jrp = this.client.getService<JointRewardPunishmentServiceClient>(JOINT_REWARD_PUNISHMENT_SERVICE_NAME);
  }

  /** The caller's department is the identifying department (认定部门). */
  async propose(caller: Caller, input: ProposeListEntryDto, idempotencyKey: string | undefined): Promise<ListEntryDetailView> {
    const view = await this.backends.proposeListEntry({
      identifyingDepartmentId: caller.departmentId,
      listType: ListTypeNames.toProto(input.listType),
      subject: subjectIn(input.subject),
      basisRecordIds: input.basisRecordIds ?? [],
      basisText: input.basisText ?? '',
      reason: input.reason,
      idempotencyKey: idempotencyKey ?? '',
    });
    return toDetail(caller, view);
  }

  async entries(caller: Caller, query: ListEntriesQueryDto): Promise<ListEntryView[]> {
    const result = await this.backends.getSubjectListEntries({
      subject: subjectIn(query.subject),
      requesterDepartmentId: caller.departmentId,
      includeEnded: query.includeEnded ?? false,
    });
    caller.subjectKey = result.entries[0]?.subject?.key;
    return result.entries.map(toEntry);
  }

  async entry(caller: Caller, entryId: string): Promise<ListEntryDetailView> {
    return toDetail(caller, await this.backends.getListEntry({ entryId }));
  }

  async notice(entryId: string): Promise<ListNoticeView> {
    return this.backends.getNotice({ entryId });
  }

  async measures(filter: MeasuresQueryDto): Promise<MeasureListView> {
    return toMeasureList(await this.backends.listMeasures({ editionId: filter.editionId ?? '', matterType: filter.matterType ?? '', targetList: filter.targetList ?? '' }));
  }

  /** The credit office imports a new edition (joint-reward-punishment checks `credit_office` again). */
  async importEdition(caller: Caller, input: ImportMeasuresEditionDto): Promise<MeasureListView> {
    const list = await call(
      this.jrp.importMeasuresEdition(
        { editionId: input.editionId, effectiveFrom: input.effectiveFrom, basis: input.basis, csv: input.csv, creditOffice: isCreditOffice(caller), requestedBy: caller.departmentId },
        traceMetadata(),
      ),
    );
    return toMeasureList(list);
  }

  /** The notice (告知书) of a list entry as PDF. */
  async noticePdf(entryId: string): Promise<NoticePdf> {
    return call(this.jrp.getNoticePdf({ entryId }, traceMetadata()));
  }

  async measuresCsv(filter: MeasuresQueryDto): Promise<{ editionId: string; csv: string }> {
    return this.backends.exportMeasuresCsv({ editionId: filter.editionId ?? '', matterType: filter.matterType ?? '', targetList: filter.targetList ?? '' });
  }
}

function toMeasureList(list: MeasureList): MeasureListView {
  return { ...list, measures: list.measures.map((m) => ({ ...m, defaultPeriodMonths: m.defaultPeriodMonths || undefined })) };
}

function toDetail(caller: Caller, view: ListEntryMessage): ListEntryDetailView {
  const entry = toEntry(view.entry!);
  caller.subjectKey = entry.subject.key;
  return {
    entry,
    transitions: view.transitions.map((t) => ({
      sequence: t.sequence,
      fromStatus: ListEntryStatusNames.name(t.fromStatus),
      toStatus: ListEntryStatusNames.name(t.toStatus) ?? 'PROPOSED',
      actor: t.actor,
      reason: t.reason,
      endReason: t.endReason || undefined,
      causeId: t.causeId || undefined,
      effectiveDate: t.effectiveDate,
      changedAt: t.changedAt,
    })),
    policyVersion: view.policyVersion,
    ruleVersion: view.ruleVersion || undefined,
  };
}

function toEntry(e: ListEntryChanged): ListEntryView {
  return {
    entryId: e.entryId,
    subject: toSubject(e.subject),
    listType: ListTypeNames.name(e.listType) ?? 'KEY_ATTENTION',
    status: ListEntryStatusNames.name(e.status) ?? 'PROPOSED',
    sequence: e.sequence,
    basisRecordIds: e.basisRecordIds,
    ruleCode: e.ruleCode || undefined,
    identifyingDepartmentId: e.identifyingDepartmentId,
    periodStart: e.periodStart || undefined,
    periodEnd: e.periodEnd || undefined,
    reason: e.reason,
    actor: e.actor,
    relatedToEntryId: e.relatedToEntryId || undefined,
    relation: e.relation || undefined,
    basisText: e.basisText || undefined,
    objectionWindowEnd: e.objectionWindowEnd || undefined,
    endReason: e.endReason || undefined,
    changedAt: e.changedAt,
    causeId: e.causeId || undefined,
  };
}
