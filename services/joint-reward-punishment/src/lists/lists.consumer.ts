import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ObjectionOutcomeNames,
  ObjectionTargetTypeNames,
  RecordStatusNames,
  RepairTargetTypeNames,
  severityName,
  subjectTypeName,
  Topics,
  type ObjectionMarked,
  type ObjectionResolved,
  type RecordCollected,
  type RecordStatusChanged,
  type RepairApproved,
  type SubjectRef,
} from '@credit/contracts';
import {
  AutoRuleKind,
  breaksCleanYears,
  evaluateRule,
  isValidIsoDate,
  jurisdictionChain,
  rulesInForce,
  type IsoDate,
  type RuleRecord,
} from '@credit/domain';
import type { EventContext, Transaction } from '@credit/messaging';
import { AppError, ConsumerHost } from '@credit/runtime';
import { In } from 'typeorm';
import { eventDay, JrpClock } from './clock';
import { AutoRuleEntity, EntryObjectionEntity, ListEntryBasisEntity, ListEntryEntity, TrackedRecordEntity } from './list-entry.entity';
import { ListEntriesService, toAutoRule, type EndReason, type SubjectData } from './list-entries.service';
import { noteRecord, refreshSummaries, subjectsOfRecords } from './subject-history';

function subjectData(subject: SubjectRef): SubjectData {
  return {
    key: subject.key,
    type: subjectTypeName(subject.type) ?? 'LEGAL_PERSON',
    name: subject.name,
    uscc: subject.uscc || null,
    maskedIdNumber: subject.maskedIdNumber || null,
  };
}

const invalid = (what: string): AppError => AppError.one('VALIDATION', 'EVENT_INVALID', '事件内容无效', `${what} payload is invalid`);

/**
 * "三个自动" — lists initiate automatically: evaluates the auto-initiation rules on every record event, and
 * keeps entries in step with objections (suspend / resume / end), repairs and record status changes.
 * Idempotent per event (inbox); every handler runs in the inbox row's transaction.
 */
@Injectable()
export class ListsConsumer implements OnModuleInit {
  constructor(
    private readonly host: ConsumerHost,
    private readonly entries: ListEntriesService,
    private readonly clock: JrpClock,
  ) {}

  onModuleInit(): void {
    this.host.register({
      name: 'joint-reward-punishment.lists',
      topics: [Topics.records, Topics.objections, Topics.repairs],
      handlers: {
        RecordCollected: (e, ctx) => this.onRecordCollected(e, ctx),
        RecordStatusChanged: (e, ctx) => this.onRecordStatusChanged(e, ctx),
        ObjectionMarked: (e, ctx) => this.onObjectionMarked(e, ctx),
        ObjectionResolved: (e, ctx) => this.onObjectionResolved(e, ctx),
        RepairApproved: (e, ctx) => this.onRepairApproved(e, ctx),
      },
    });
  }

  // ——— records ———

  async onRecordCollected(event: RecordCollected, ctx: EventContext): Promise<void> {
    const subject = event.subject;
    if (!event.recordId || !subject?.key || subject.key !== ctx.subjectKey || event.version < 1 || !isValidIsoDate(event.decisionDate)) {
      throw invalid('RecordCollected');
    }
    const { manager } = ctx;
    const asOf = eventDay(event.collectedAt, this.clock.today());
    const existing = await manager.findOne(TrackedRecordEntity, { where: { recordId: event.recordId }, lock: { mode: 'pessimistic_write' } });
    if (existing && existing.version >= event.version) return; // an older version arriving late changes nothing
    const jurisdiction = event.jurisdiction || this.entries.jurisdiction;
    if (!existing && !event.adverse) {
      // Only adverse information feeds the rules (a non-adverse record only dates the subject's history, for the
      // clean-years rule); a corrected version still releases the entries its objection held.
      await noteRecord(manager, subject, { adverse: false, decisionDate: event.decisionDate, jurisdiction });
      if (event.objectionId) await this.closeCorrectedObjection(ctx, event.objectionId, asOf);
      return;
    }
    const row = {
      recordId: event.recordId,
      version: event.version,
      subjectKey: subject.key,
      catalogueItemCode: event.catalogueItemCode,
      category: event.category,
      providerDepartmentId: event.providerDepartmentId,
      decisionNumber: event.decisionNumber,
      decisionDate: event.decisionDate,
      adverse: event.adverse,
      severity: severityName(event.severity) ?? null,
      status: existing?.status ?? 'ACTIVE',
      jurisdiction,
      relatedPersons: event.relatedPersons.map((p) => ({ person: p.person, role: p.role })),
      updatedAt: new Date(),
    };
    if (existing) await manager.update(TrackedRecordEntity, { recordId: event.recordId }, row);
    else await manager.insert(TrackedRecordEntity, row);
    await noteRecord(manager, subject, { adverse: event.adverse, decisionDate: event.decisionDate, jurisdiction });
    if (event.adverse) await this.endBrokenCleanYears(ctx, subject.key, { ...row, status: row.status }, asOf);

    if (existing) {
      // A corrected version: entries resting on it are re-evaluated; those no longer meeting their rule end.
      await this.reevaluateResting(ctx, [event.recordId], {
        endReason: 'REVOKED',
        reason: `RE_EVALUATED：信用信息 ${event.decisionNumber} 更正为第 ${event.version} 版后不再符合认定条件`,
        actor: 'system',
        effectiveDate: asOf,
        causeId: event.objectionId || `record-${event.recordId}-v${event.version}`,
      });
    }
    if (event.objectionId) await this.closeCorrectedObjection(ctx, event.objectionId, asOf);
    await this.applyRules(ctx, subject.key, row.jurisdiction, asOf, subjectData(subject));
  }

  async onRecordStatusChanged(event: RecordStatusChanged, ctx: EventContext): Promise<void> {
    const status = RecordStatusNames.name(event.status);
    if (!event.recordId || !status || !event.subject?.key) throw invalid('RecordStatusChanged');
    const asOf = isValidIsoDate(event.effectiveDate) ? event.effectiveDate : eventDay(event.changedAt, this.clock.today());
    await this.setRecordStatus(ctx, [event.recordId], status);
    if (status !== 'REVOKED' && status !== 'REPAIRED') return; // publicity ending does not end a listing
    const ended = await this.reevaluateResting(ctx, [event.recordId], {
      endReason: status === 'REVOKED' ? 'RECORD_REVOKED' : 'REPAIRED',
      reason: `所依据的信用信息已${status === 'REVOKED' ? '撤销' : '修复'}：${event.reason || event.cause}`,
      actor: event.actorDepartmentId || 'system',
      effectiveDate: asOf,
      causeId: event.causeId || event.recordId,
    });
    if (ended > 0) {
      const tracked = await ctx.manager.findOneBy(TrackedRecordEntity, { recordId: event.recordId });
      await this.applyRules(ctx, event.subject.key, tracked?.jurisdiction ?? this.entries.jurisdiction, asOf, subjectData(event.subject));
    }
  }

  // ——— objections ———

  async onObjectionMarked(event: ObjectionMarked, ctx: EventContext): Promise<void> {
    const targetType = ObjectionTargetTypeNames.name(event.targetType);
    if (!event.objectionId || !event.targetId || !targetType) throw invalid('ObjectionMarked');
    const asOf = eventDay(event.markedAt || event.filedAt, this.clock.today());
    const targets = await this.objectionTargets(ctx, targetType, event.targetId);
    for (const entry of targets) {
      await this.entries.suspend(ctx, entry, { id: event.objectionId, targetType, targetId: event.targetId }, {
        actor: event.providerDepartmentId || 'system',
        reason: targetType === 'LIST_ENTRY' ? '主体对名单认定提出异议，核查期间暂停' : '主体对所依据的信用信息提出异议，核查期间暂停执行',
        effectiveDate: asOf,
      });
    }
  }

  async onObjectionResolved(event: ObjectionResolved, ctx: EventContext): Promise<void> {
    const targetType = ObjectionTargetTypeNames.name(event.targetType);
    const outcome = ObjectionOutcomeNames.name(event.outcome);
    if (!event.objectionId || !event.targetId || !targetType || !outcome) throw invalid('ObjectionResolved');
    const { manager } = ctx;
    const asOf = eventDay(event.resolvedAt, this.clock.today());
    const actor = event.providerDepartmentId || 'system';
    const rows = await manager.findBy(EntryObjectionEntity, { objectionId: event.objectionId, state: 'OPEN' });
    const entryIds = rows.map((r) => r.entryId);

    if (outcome === 'CORRECTED' && targetType === 'RECORD') {
      // Held until the corrected record version arrives (it re-evaluates the entries).
      if (entryIds.length) await manager.update(EntryObjectionEntity, { objectionId: event.objectionId, state: 'OPEN' }, { state: 'AWAITING_CORRECTION' });
      return;
    }
    if (entryIds.length) await manager.update(EntryObjectionEntity, { objectionId: event.objectionId, entryId: In(entryIds) }, { state: 'CLOSED' });
    if (outcome === 'REVOKED' && targetType === 'RECORD') await this.setRecordStatus(ctx, [event.targetId], 'REVOKED');

    for (const entryId of entryIds) {
      const entry = await this.entries.lock(manager, entryId);
      if (!entry || entry.status === 'ENDED') continue;
      if (outcome === 'REVOKED' && targetType === 'LIST_ENTRY' && entry.id === event.targetId) {
        await this.entries.end(ctx, entry, {
          endReason: 'OBJECTION_REVOKED',
          actor,
          reason: `异议核查认定有误，撤销名单认定：${event.reasons}`,
          effectiveDate: asOf,
          causeId: event.objectionId,
        });
        continue;
      }
      if (outcome === 'REVOKED' && targetType === 'RECORD' && !entry.relatedToEntryId && !(await this.entries.stillStands(manager, entry))) {
        await this.entries.end(ctx, entry, {
          endReason: 'RECORD_REVOKED',
          actor,
          reason: `异议核查撤销了所依据的信用信息：${event.reasons}`,
          effectiveDate: asOf,
          causeId: event.objectionId,
        });
        continue;
      }
      await this.entries.resumeIfClear(ctx, entry, {
        actor,
        reason: outcome === 'MAINTAINED' ? `异议核查维持原认定，恢复执行：${event.reasons}` : `异议核查完毕，恢复：${event.reasons}`,
        effectiveDate: asOf,
        causeId: event.objectionId,
      });
    }
  }

  // ——— repairs ———

  async onRepairApproved(event: RepairApproved, ctx: EventContext): Promise<void> {
    const targetType = RepairTargetTypeNames.name(event.targetType);
    if (!event.applicationId || !event.targetId || !targetType) throw invalid('RepairApproved');
    const asOf = isValidIsoDate(event.effectiveDate) ? event.effectiveDate : eventDay(event.decidedAt, this.clock.today());
    const actor = event.decidingDepartmentId || 'system';
    if (targetType === 'LIST_ENTRY') {
      const entry = /^[0-9a-f-]{36}$/i.test(event.targetId) ? await this.entries.lock(ctx.manager, event.targetId) : null;
      if (!entry || entry.status === 'ENDED') return;
      await this.entries.end(ctx, entry, { endReason: 'REPAIRED', actor, reason: '信用修复申请已核准，移出名单', effectiveDate: asOf, causeId: event.applicationId });
      return;
    }
    const recordIds = [...new Set([event.targetId, ...event.recordIds])];
    await this.setRecordStatus(ctx, recordIds, 'REPAIRED');
    await this.reevaluateResting(ctx, recordIds, {
      endReason: 'REPAIRED',
      actor,
      reason: '所依据的信用信息已完成信用修复，停止联合惩戒',
      effectiveDate: asOf,
      causeId: event.applicationId,
    });
  }

  // ——— helpers ———

  /** Evaluates the rules in force for a subject and proposes what they call for (once per subject and list). */
  private async applyRules(
    tx: Transaction,
    subjectKey: string,
    jurisdiction: string,
    asOf: IsoDate,
    subject: SubjectData,
  ): Promise<void> {
    const { manager } = tx;
    const chain = jurisdictionChain(jurisdiction);
    const rules = rulesInForce((await manager.findBy(AutoRuleEntity, { jurisdiction: In([...chain]) })).map(toAutoRule), chain, asOf);
    if (rules.length === 0) return;
    const params = this.entries.policies.resolve(jurisdiction, asOf).parameters;
    const records = await manager.findBy(TrackedRecordEntity, { subjectKey });
    for (const rule of rules) {
      const [{ n: ownOpen }] = await manager.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM joint_reward_punishment.list_entry
          WHERE subject_key = $1 AND list_type = $2 AND status <> 'ENDED' AND related_to_entry_id IS NULL`,
        [subjectKey, rule.listType],
      );
      if (ownOpen > 0) continue;
      // A record proposes a subject for a list once: records behind an earlier entry of that list are not counted again.
      const used = new Set(
        (
          await manager.query<{ record_id: string }[]>(
            `SELECT b.record_id FROM joint_reward_punishment.list_entry_basis b
               JOIN joint_reward_punishment.list_entry e ON e.id = b.entry_id
              WHERE e.subject_key = $1 AND e.list_type = $2 AND e.related_to_entry_id IS NULL`,
            [subjectKey, rule.listType],
          )
        ).map((r) => r.record_id),
      );
      const candidates: RuleRecord[] = records
        .filter((r) => !used.has(r.recordId))
        .map((r) => ({ recordId: r.recordId, adverse: r.adverse, severity: r.severity, category: r.category, decisionDate: r.decisionDate, status: r.status }));
      const outcome = evaluateRule(rule, candidates, asOf, params);
      if (!outcome.met) continue;
      const basis = records.filter((r) => outcome.basisRecordIds.includes(r.recordId));
      await this.entries.create(tx, {
        subject,
        listType: rule.listType,
        rule,
        identifyingDepartmentId: basis[basis.length - 1]?.providerDepartmentId ?? 'system',
        basisText: rule.basisText,
        reason: `${rule.code}：${rule.descriptionZh}（${basis.map((r) => r.decisionNumber).join('、')}）`,
        basisRecordIds: outcome.basisRecordIds.slice(),
        jurisdiction,
        noticeDay: asOf,
        actor: `rule:${rule.code}`,
      });
    }
  }

  /** Re-evaluates the open own entries resting on these records and ends those that no longer stand. */
  private async reevaluateResting(
    tx: Transaction,
    recordIds: string[],
    input: { endReason: EndReason; reason: string; actor: string; effectiveDate: IsoDate; causeId: string },
  ): Promise<number> {
    let ended = 0;
    for (const entry of await this.entries.openResting(tx.manager, recordIds, true)) {
      if (await this.entries.stillStands(tx.manager, entry)) continue;
      await this.entries.end(tx, entry, input);
      ended += 1;
    }
    return ended;
  }

  /** The corrected record version of an objection arrived: the objection no longer holds the entries it suspended. */
  private async closeCorrectedObjection(tx: Transaction, objectionId: string, asOf: IsoDate): Promise<void> {
    const rows = await tx.manager.find(EntryObjectionEntity, { where: { objectionId, state: In(['OPEN', 'AWAITING_CORRECTION']) } });
    if (rows.length === 0) return;
    await tx.manager.update(EntryObjectionEntity, { objectionId, entryId: In(rows.map((r) => r.entryId)) }, { state: 'CLOSED' });
    for (const row of rows) {
      const entry = await this.entries.lock(tx.manager, row.entryId);
      if (!entry) continue;
      await this.entries.resumeIfClear(tx, entry, { actor: 'system', reason: '异议核查更正了所依据的信用信息，更正后仍符合认定条件，恢复', effectiveDate: asOf, causeId: objectionId });
    }
  }

  private async setRecordStatus(tx: Transaction, recordIds: string[], status: string): Promise<void> {
    if (recordIds.length === 0) return;
    await tx.manager.update(TrackedRecordEntity, { recordId: In(recordIds) }, { status, updatedAt: new Date() });
    await tx.manager.update(ListEntryBasisEntity, { recordId: In(recordIds) }, { recordStatus: status });
    // A revoked record is no part of the subject's history (the clean-years rule no longer counts it).
    if (status === 'REVOKED') await refreshSummaries(tx.manager, await subjectsOfRecords(tx.manager, recordIds));
  }

  /**
   * A new adverse record ends the subject's open red-list entries proposed by a clean-years rule when it was
   * decided after the cutoff they were proposed under: the subject is no longer clean.
   */
  private async endBrokenCleanYears(
    tx: Transaction,
    subjectKey: string,
    record: { recordId: string; adverse: boolean; status: string; decisionDate: string; decisionNumber: string },
    asOf: IsoDate,
  ): Promise<void> {
    const open = await tx.manager
      .createQueryBuilder(ListEntryEntity, 'e')
      .setLock('pessimistic_write')
      .where("e.subject_key = :subjectKey AND e.list_type = 'RED' AND e.status <> 'ENDED' AND e.rule_code IS NOT NULL AND e.related_to_entry_id IS NULL", {
        subjectKey,
      })
      .getMany();
    for (const entry of open) {
      const rule = await tx.manager.findOneBy(AutoRuleEntity, { code: entry.ruleCode!, jurisdiction: entry.ruleJurisdiction ?? '', version: entry.ruleVersion ?? 0 });
      if (rule?.kind !== AutoRuleKind.CLEAN_YEARS) continue;
      if (!breaksCleanYears(record, entry.policyDate, this.entries.policyOf(entry))) continue;
      await this.entries.end(tx, entry, {
        endReason: 'REVOKED',
        actor: `rule:${rule.code}`,
        reason: `出现新的失信信息 ${record.decisionNumber}（${record.decisionDate}），不再符合连续无失信记录的条件`,
        effectiveDate: asOf,
        causeId: record.recordId,
      });
    }
  }

  /** An objection's target: the entry itself, or the open own entries resting on the record. */
  private async objectionTargets(tx: Transaction, targetType: string, targetId: string): Promise<ListEntryEntity[]> {
    if (targetType === 'LIST_ENTRY') {
      const entry = /^[0-9a-f-]{36}$/i.test(targetId) ? await this.entries.lock(tx.manager, targetId) : null;
      return entry && entry.status !== 'ENDED' ? [entry] : [];
    }
    return this.entries.openResting(tx.manager, [targetId], true);
  }
}
