import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Events, ListEntryStatusNames, ListTypeNames, subjectTypeToProto, type ListEntryChanged } from '@credit/contracts';
import {
  defaultCalendar,
  defaultPolicyRegistry,
  entryStillStands,
  listNoticeText,
  listPeriod,
  listPeriodMonths,
  objectionWindowEnd,
  RELATION_LABELS,
  type AutoRule,
  type IsoDate,
  type ListTypeCode,
  type PolicyParameters,
  type RuleRecord,
} from '@credit/domain';
import type { Transaction } from '@credit/messaging';
import { SERVICE_DEPS, type ServiceDeps } from '@credit/runtime';
import type { EntityManager } from 'typeorm';
import {
  AutoRuleEntity,
  EntryObjectionEntity,
  ListEntryBasisEntity,
  ListEntryEntity,
  ListEntryTransitionEntity,
  ListNoticeEntity,
  TrackedRecordEntity,
} from './list-entry.entity';

export type EntryStatus = 'PROPOSED' | 'NOTIFIED' | 'ACTIVE' | 'SUSPENDED' | 'ENDED';
export type EndReason = 'EXPIRED' | 'REPAIRED' | 'REVOKED' | 'OBJECTION_REVOKED' | 'RECORD_REVOKED';

export interface SubjectData {
  key: string;
  /** LEGAL_PERSON or NATURAL_PERSON */
  type: string;
  name: string;
  uscc: string | null;
  maskedIdNumber: string | null;
}

export interface NewEntry {
  subject: SubjectData;
  listType: ListTypeCode;
  rule: AutoRule | null;
  identifyingDepartmentId: string;
  basisText: string;
  reason: string;
  basisRecordIds: string[];
  jurisdiction: string;
  /** The day of the proposal and its notice. */
  noticeDay: IsoDate;
  /** `rule:<code>` or the proposing department. */
  actor: string;
  idempotencyKey?: string;
  requestHash?: string;
  relatedTo?: { entry: ListEntryEntity; relation: string };
}

export interface TransitionInput {
  to: EntryStatus;
  actor: string;
  reason: string;
  effectiveDate: IsoDate;
  endReason?: EndReason;
  causeId?: string;
  patch?: Partial<ListEntryEntity>;
}

const OPEN_STATUSES: EntryStatus[] = ['PROPOSED', 'NOTIFIED', 'ACTIVE', 'SUSPENDED'];

/**
 * The list-entry state machine: PROPOSED → NOTIFIED → ACTIVE ↔ SUSPENDED → ENDED. Every change appends a
 * transition row and emits ListEntryChanged (with the entry's next sequence) in the caller's transaction;
 * an organisation's entry carries its related persons' entries along (落实到人).
 */
@Injectable()
export class ListEntriesService {
  readonly policies = defaultPolicyRegistry();
  readonly calendar = defaultCalendar();

  constructor(@Inject(SERVICE_DEPS) private readonly deps: ServiceDeps) {}

  get jurisdiction(): string {
    return this.deps.config.jurisdiction;
  }

  policyOf(entry: Pick<ListEntryEntity, 'jurisdiction' | 'policyDate'>): PolicyParameters {
    return this.policies.resolve(entry.jurisdiction, entry.policyDate).parameters;
  }

  /** Proposes an entry and sends its notice at once (two transitions), with the related persons' entries. */
  async create(tx: Transaction, input: NewEntry): Promise<ListEntryEntity> {
    const { manager } = tx;
    const policy = this.policies.resolve(input.jurisdiction, input.noticeDay);
    const params = policy.parameters;
    const now = new Date();
    const entry = manager.create(ListEntryEntity, {
      id: randomUUID(),
      subjectKey: input.subject.key,
      subjectType: input.subject.type,
      subjectName: input.subject.name,
      subjectUscc: input.subject.uscc,
      subjectMaskedIdNumber: input.subject.maskedIdNumber,
      listType: input.listType,
      status: 'PROPOSED',
      statusBeforeSuspension: null,
      sequence: 1,
      ruleCode: input.rule?.code ?? null,
      ruleVersion: input.rule?.version ?? null,
      ruleJurisdiction: input.rule?.jurisdiction ?? null,
      identifyingDepartmentId: input.identifyingDepartmentId,
      basisText: input.basisText,
      reason: input.reason,
      jurisdiction: input.jurisdiction,
      policyVersion: policy.versionIds.join('+'),
      policyDate: input.noticeDay,
      noticeDate: null,
      objectionWindowEnd: null,
      periodStart: null,
      periodEnd: null,
      endReason: null,
      endedOn: null,
      relatedToEntryId: input.relatedTo?.entry.id ?? null,
      relation: input.relatedTo?.relation ?? null,
      idempotencyKey: input.idempotencyKey ?? null,
      requestHash: input.requestHash ?? null,
      updatedAt: now,
    });
    await manager.insert(ListEntryEntity, entry);
    const basisIds = [...new Set(input.basisRecordIds)];
    if (basisIds.length > 0) {
      const tracked = await manager.findBy(TrackedRecordEntity, basisIds.map((recordId) => ({ recordId })));
      const statusOf = new Map(tracked.map((t) => [t.recordId, t.status]));
      await manager.insert(
        ListEntryBasisEntity,
        basisIds.map((recordId) => ({ entryId: entry.id, recordId, recordStatus: statusOf.get(recordId) ?? 'ACTIVE' })),
      );
    }
    await this.record(tx, entry, null, { to: 'PROPOSED', actor: input.actor, reason: input.reason, effectiveDate: input.noticeDay });

    // 告知: reasons, basis, rights and the objection window, stored and sent with the NOTIFIED transition.
    const windowEnd = objectionWindowEnd(input.noticeDay, params, this.calendar);
    const noticeNumber = `JRP-${input.noticeDay.slice(0, 4)}-${entry.id.slice(0, 8).toUpperCase()}`;
    const basisRecords = basisIds.length
      ? await manager.find(TrackedRecordEntity, { where: basisIds.map((recordId) => ({ recordId })), order: { decisionDate: 'ASC' } })
      : [];
    const textZh = listNoticeText({
      noticeNumber,
      subjectName: entry.subjectName,
      subjectIdentifier: entry.subjectUscc ?? entry.subjectMaskedIdNumber ?? entry.subjectKey,
      listType: input.listType,
      reason: input.reason,
      basisText: input.basisText,
      basisRecords: basisRecords.map((r) => ({ decisionNumber: r.decisionNumber, decisionDate: r.decisionDate, providerDepartmentId: r.providerDepartmentId })),
      identifyingDepartmentId: input.identifyingDepartmentId,
      issuedOn: input.noticeDay,
      objectionWindowEnd: windowEnd,
      objectionWindowWorkingDays: params.lists.objectionWindowWorkingDays,
      periodMonths: listPeriodMonths(input.listType, params),
      relatedTo: input.relatedTo ? { organisationName: input.relatedTo.entry.subjectName, relation: input.relatedTo.relation } : undefined,
      policyVersion: entry.policyVersion,
    });
    await manager.insert(ListNoticeEntity, { entryId: entry.id, noticeNumber, issuedOn: input.noticeDay, objectionWindowEnd: windowEnd, textZh });
    await this.transition(tx, entry, {
      to: 'NOTIFIED',
      actor: input.actor,
      reason: `已书面告知（${noticeNumber}），异议期至 ${windowEnd}（不含）`,
      effectiveDate: input.noticeDay,
      causeId: noticeNumber,
      patch: { noticeDate: input.noticeDay, objectionWindowEnd: windowEnd },
    });

    // 落实到人: an organisation's serious-dishonesty entry also lists the persons its basis records name.
    if (!input.relatedTo && input.listType === 'SERIOUS_DISHONESTY' && entry.subjectType === 'LEGAL_PERSON') {
      for (const { person, role } of relatedPersonsOf(basisRecords)) {
        await this.create(tx, {
          ...input,
          subject: person,
          reason: `${entry.subjectName}拟被列入严重失信主体名单，其${RELATION_LABELS[role] ?? role}一并列入（落实到人）`,
          idempotencyKey: undefined,
          requestHash: undefined,
          relatedTo: { entry, relation: role },
        });
      }
    }
    return entry;
  }

  /** Applies one transition to a locked entry: row, history, event. */
  async transition(tx: Transaction, entry: ListEntryEntity, input: TransitionInput): Promise<void> {
    const from = entry.status;
    Object.assign(entry, input.patch ?? {});
    entry.status = input.to;
    entry.sequence += 1;
    entry.updatedAt = new Date();
    if (input.to === 'ENDED') {
      entry.endReason = input.endReason ?? 'REVOKED';
      entry.endedOn = input.effectiveDate;
      entry.statusBeforeSuspension = null;
    }
    await tx.manager.update(
      ListEntryEntity,
      { id: entry.id },
      {
        status: entry.status,
        sequence: entry.sequence,
        statusBeforeSuspension: entry.statusBeforeSuspension,
        noticeDate: entry.noticeDate,
        objectionWindowEnd: entry.objectionWindowEnd,
        periodStart: entry.periodStart,
        periodEnd: entry.periodEnd,
        endReason: entry.endReason,
        endedOn: entry.endedOn,
        updatedAt: entry.updatedAt,
      },
    );
    await this.record(tx, entry, from, input);
  }

  /** Locks and returns the open entries linked to an organisation's entry. */
  async openLinked(manager: EntityManager, entryId: string): Promise<ListEntryEntity[]> {
    return manager
      .createQueryBuilder(ListEntryEntity, 'e')
      .setLock('pessimistic_write')
      .where('e.related_to_entry_id = :entryId AND e.status <> :ended', { entryId, ended: 'ENDED' })
      .orderBy('e.created_at')
      .getMany();
  }

  async lock(manager: EntityManager, entryId: string): Promise<ListEntryEntity | null> {
    return manager.createQueryBuilder(ListEntryEntity, 'e').setLock('pessimistic_write').where('e.id = :entryId', { entryId }).getOne();
  }

  /** Open entries resting on any of these records (own entries and related persons' entries), locked. */
  async openResting(manager: EntityManager, recordIds: readonly string[], ownOnly: boolean): Promise<ListEntryEntity[]> {
    if (recordIds.length === 0) return [];
    const qb = manager
      .createQueryBuilder(ListEntryEntity, 'e')
      .setLock('pessimistic_write')
      .where('e.status <> :ended', { ended: 'ENDED' })
      .andWhere('e.id IN (SELECT b.entry_id FROM joint_reward_punishment.list_entry_basis b WHERE b.record_id = ANY(:ids))', { ids: [...recordIds] });
    if (ownOnly) qb.andWhere('e.related_to_entry_id IS NULL');
    return qb.orderBy('e.created_at').getMany();
  }

  /** Ends an entry and its related persons' entries. */
  async end(tx: Transaction, entry: ListEntryEntity, input: Omit<TransitionInput, 'to'> & { endReason: EndReason }): Promise<void> {
    if (entry.status === 'ENDED') return;
    await this.transition(tx, entry, { ...input, to: 'ENDED' });
    for (const linked of await this.openLinked(tx.manager, entry.id)) {
      await this.transition(tx, linked, { ...input, to: 'ENDED', reason: `随${entry.subjectName}的名单条目结束：${input.reason}` });
    }
  }

  /** Holds an entry (and its related persons' entries) while an objection is verified. */
  async suspend(
    tx: Transaction,
    entry: ListEntryEntity,
    objection: { id: string; targetType: string; targetId: string },
    input: { actor: string; reason: string; effectiveDate: IsoDate },
  ): Promise<void> {
    for (const target of [entry, ...(await this.openLinked(tx.manager, entry.id))]) {
      await tx.manager
        .createQueryBuilder()
        .insert()
        .into(EntryObjectionEntity)
        .values({ objectionId: objection.id, entryId: target.id, targetType: objection.targetType, targetId: objection.targetId, state: 'OPEN' })
        .orIgnore()
        .execute();
      if (target.status === 'NOTIFIED' || target.status === 'ACTIVE') {
        await this.transition(tx, target, {
          to: 'SUSPENDED',
          actor: input.actor,
          reason: target === entry ? input.reason : `随${entry.subjectName}的名单条目暂停：${input.reason}`,
          effectiveDate: input.effectiveDate,
          causeId: objection.id,
          patch: { statusBeforeSuspension: target.status },
        });
      }
    }
  }

  /** A suspended entry with no objection left open goes back to where it was (NOTIFIED or ACTIVE). */
  async resumeIfClear(tx: Transaction, entry: ListEntryEntity, input: { actor: string; reason: string; effectiveDate: IsoDate; causeId: string }): Promise<void> {
    if (entry.status !== 'SUSPENDED') return;
    const open = await tx.manager.count(EntryObjectionEntity, { where: [
      { entryId: entry.id, state: 'OPEN' },
      { entryId: entry.id, state: 'AWAITING_CORRECTION' },
    ] });
    if (open > 0) return;
    const back = (entry.statusBeforeSuspension as EntryStatus | null) ?? 'NOTIFIED';
    await this.transition(tx, entry, { to: back, actor: input.actor, reason: input.reason, effectiveDate: input.effectiveDate, causeId: input.causeId, patch: { statusBeforeSuspension: null } });
  }

  /** Activation after the objection window (the daily sweep). */
  async activate(tx: Transaction, entry: ListEntryEntity, asOf: IsoDate): Promise<void> {
    const period = listPeriod(entry.listType as ListTypeCode, asOf, this.policyOf(entry));
    await this.transition(tx, entry, {
      to: 'ACTIVE',
      actor: 'system',
      reason: `异议期已于 ${entry.objectionWindowEnd ?? asOf} 届满且无未决异议，自 ${period.start} 起生效至 ${period.end}（不含）`,
      effectiveDate: asOf,
      patch: { periodStart: period.start, periodEnd: period.end },
    });
  }

  /** Whether an own entry still stands on its basis records (rule re-evaluated, or a department's records). */
  async stillStands(manager: EntityManager, entry: ListEntryEntity): Promise<boolean> {
    const basis = await manager.findBy(ListEntryBasisEntity, { entryId: entry.id });
    const tracked = basis.length ? await manager.findBy(TrackedRecordEntity, basis.map((b) => ({ recordId: b.recordId }))) : [];
    const trackedById = new Map(tracked.map((t) => [t.recordId, t]));
    const records: RuleRecord[] = basis.map((b) => {
      const t = trackedById.get(b.recordId);
      return t
        ? { recordId: t.recordId, adverse: t.adverse, severity: t.severity, category: t.category, decisionDate: t.decisionDate, status: t.status }
        : { recordId: b.recordId, adverse: true, severity: null, category: '', decisionDate: entry.policyDate, status: b.recordStatus };
    });
    let rule: AutoRule | null = null;
    if (entry.ruleCode && entry.ruleJurisdiction && entry.ruleVersion !== null) {
      const row = await manager.findOneBy(AutoRuleEntity, { code: entry.ruleCode, jurisdiction: entry.ruleJurisdiction, version: entry.ruleVersion });
      rule = row ? toAutoRule(row) : null;
    }
    return entryStillStands(rule, records, basis.length, this.policyOf(entry));
  }

  async basisRecordIds(manager: EntityManager, entryId: string): Promise<string[]> {
    const rows = await manager.find(ListEntryBasisEntity, { where: { entryId }, order: { recordId: 'ASC' } });
    return rows.map((r) => r.recordId);
  }

  /** The entry as ListEntryChanged carries it (its latest state, with the last transition's actor and reason). */
  async view(manager: EntityManager, entry: ListEntryEntity, last?: ListEntryTransitionEntity): Promise<ListEntryChanged> {
    const transition = last ?? (await manager.findOne(ListEntryTransitionEntity, { where: { entryId: entry.id, sequence: entry.sequence } }));
    return toEvent(entry, await this.basisRecordIds(manager, entry.id), {
      actor: transition?.actor ?? '',
      reason: transition?.reason ?? '',
      causeId: transition?.causeId ?? '',
      changedAt: (transition?.changedAt ?? entry.updatedAt).toISOString(),
    });
  }

  private async record(tx: Transaction, entry: ListEntryEntity, from: string | null, input: TransitionInput): Promise<void> {
    const changedAt = new Date();
    await tx.manager.insert(ListEntryTransitionEntity, {
      entryId: entry.id,
      sequence: entry.sequence,
      fromStatus: from,
      toStatus: input.to,
      actor: input.actor,
      reason: input.reason,
      endReason: input.to === 'ENDED' ? (entry.endReason ?? null) : null,
      causeId: input.causeId ?? null,
      effectiveDate: input.effectiveDate,
      changedAt,
    });
    tx.emit({
      definition: Events.ListEntryChanged,
      subjectKey: entry.subjectKey,
      id: `list-entry-${entry.id}-${entry.sequence}`,
      payload: toEvent(entry, await this.basisRecordIds(tx.manager, entry.id), {
        actor: input.actor,
        reason: input.reason,
        causeId: input.causeId ?? '',
        changedAt: changedAt.toISOString(),
      }),
    });
  }
}

export function isOpen(status: string): boolean {
  return OPEN_STATUSES.includes(status as EntryStatus);
}

export function toAutoRule(row: AutoRuleEntity): AutoRule {
  return {
    code: row.code,
    version: row.version,
    jurisdiction: row.jurisdiction,
    effectiveFrom: row.effectiveFrom,
    enabled: row.enabled,
    kind: row.kind as AutoRule['kind'],
    listType: row.listType as ListTypeCode,
    severity: row.severity,
    categories: row.categories,
    basisText: row.basisText,
    descriptionZh: row.descriptionZh,
  };
}

function toEvent(
  entry: ListEntryEntity,
  basisRecordIds: string[],
  t: { actor: string; reason: string; causeId: string; changedAt: string },
): ListEntryChanged {
  return {
    entryId: entry.id,
    subject: {
      key: entry.subjectKey,
      type: subjectTypeToProto(entry.subjectType),
      name: entry.subjectName,
      uscc: entry.subjectUscc ?? '',
      maskedIdNumber: entry.subjectMaskedIdNumber ?? '',
    },
    listType: ListTypeNames.toProto(entry.listType),
    status: ListEntryStatusNames.toProto(entry.status),
    sequence: entry.sequence,
    basisRecordIds,
    ruleCode: entry.ruleCode ?? '',
    identifyingDepartmentId: entry.identifyingDepartmentId,
    periodStart: entry.periodStart ?? '',
    periodEnd: entry.periodEnd ?? '',
    reason: t.reason,
    actor: t.actor,
    relatedToEntryId: entry.relatedToEntryId ?? '',
    relation: entry.relation ?? '',
    basisText: entry.basisText,
    objectionWindowEnd: entry.objectionWindowEnd ?? '',
    endReason: entry.status === 'ENDED' ? (entry.endReason ?? '') : '',
    changedAt: t.changedAt,
    causeId: t.causeId,
  };
}

interface StoredRelatedPerson {
  person?: { key?: string; type?: number; name?: string; uscc?: string; maskedIdNumber?: string };
  role?: string;
}

/** The related persons the basis records name, once per person (the first role named wins). */
function relatedPersonsOf(records: readonly TrackedRecordEntity[]): { person: SubjectData; role: string }[] {
  const seen = new Map<string, { person: SubjectData; role: string }>();
  for (const record of records) {
    for (const raw of record.relatedPersons as StoredRelatedPerson[]) {
      const key = raw.person?.key;
      if (!key || !key.startsWith('NP:') || seen.has(key)) continue;
      seen.set(key, {
        person: { key, type: 'NATURAL_PERSON', name: raw.person?.name ?? '', uscc: null, maskedIdNumber: raw.person?.maskedIdNumber || null },
        role: raw.role || 'DIRECTLY_RESPONSIBLE',
      });
    }
  }
  return [...seen.values()];
}
