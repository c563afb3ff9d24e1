import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ObjectionOutcomeNames,
  ObjectionTargetTypeNames,
  Topics,
  type ObjectionResolved,
  type RepairApproved,
  type RepairRevoked,
} from '@credit/contracts';
import { chinaDateOf, isValidIsoDate } from '@credit/domain';
import type { EventContext } from '@credit/messaging';
import { AppError, ConsumerHost, SERVICE_DEPS, type ServiceDeps } from '@credit/runtime';
import { RecordStatusService, type RecordSnapshot } from '../records/record-status.service';
import { RecordsService } from '../records/records.service';

const invalid = (en: string) => AppError.one('VALIDATION', 'EVENT_INVALID', '事件内容无效', en);

/**
 * Reacts to objection outcomes and repairs on the records this service owns. Each handler runs in the
 * transaction that records the event in the inbox, so a redelivered event changes nothing.
 */
@Injectable()
export class ReactionsConsumer implements OnModuleInit {
  constructor(
    private readonly host: ConsumerHost,
    private readonly records: RecordsService,
    private readonly statuses: RecordStatusService,
    @Inject(SERVICE_DEPS) private readonly deps: ServiceDeps,
  ) {}

  onModuleInit(): void {
    this.host.register({
      name: 'record-collection.reactions',
      topics: [Topics.objections, Topics.repairs],
      handlers: {
        ObjectionResolved: (event, ctx) => this.onObjectionResolved(event, ctx),
        RepairApproved: (event, ctx) => this.onRepairApproved(event, ctx),
        RepairRevoked: (event, ctx) => this.onRepairRevoked(event, ctx),
      },
    });
  }

  /** CORRECTED → a new version with the corrected fields; REVOKED → the record is revoked; MAINTAINED → nothing. */
  async onObjectionResolved(event: ObjectionResolved, ctx: EventContext): Promise<void> {
    if (ObjectionTargetTypeNames.name(event.targetType) !== 'RECORD') return;
    if (!event.objectionId || !event.targetId) throw invalid('ObjectionResolved needs objection_id and target_id');
    const outcome = ObjectionOutcomeNames.name(event.outcome);
    if (!outcome) throw invalid('ObjectionResolved has no outcome');
    if (outcome === 'MAINTAINED') return;
    const snapshot = await this.load(ctx, event.targetId);
    if (snapshot.record.status === 'REVOKED') {
      this.deps.log.warn({ recordId: event.targetId, objectionId: event.objectionId }, 'objection outcome on a revoked record ignored');
      return;
    }
    const actor = event.providerDepartmentId || snapshot.record.providerDepartmentId;
    switch (outcome) {
      case 'CORRECTED': {
        let fields: unknown;
        try {
          fields = JSON.parse(event.correctedFieldsJson || '{}');
        } catch {
          throw invalid('corrected_fields_json is not JSON');
        }
        if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) throw invalid('corrected_fields_json is not a JSON object');
        await this.records.applyCorrection(ctx, snapshot, { fields: fields as Record<string, unknown> }, {
          changeKind: 'OBJECTION_CORRECTED',
          reason: event.reasons || '异议核实后更正',
          submittedBy: actor,
          objectionId: event.objectionId,
        });
        return;
      }
      case 'REVOKED':
        await this.statuses.apply(ctx, snapshot, {
          status: 'REVOKED',
          cause: 'OBJECTION_REVOKED',
          causeId: event.objectionId,
          reason: event.reasons ? `异议核实后撤销：${event.reasons}` : '异议核实后撤销',
          publicityEnd: null,
          effectiveDate: dateOf(event.resolvedAt),
          actorDepartmentId: actor,
        });
        return;
    }
  }

  /** Each record's publicity stops at the repair's effective date (status REPAIRED). */
  async onRepairApproved(event: RepairApproved, ctx: EventContext): Promise<void> {
    if (!event.applicationId || !isValidIsoDate(event.effectiveDate)) throw invalid('RepairApproved needs application_id and effective_date');
    for (const snapshot of await this.loadAll(ctx, event.recordIds)) {
      if (snapshot.record.status !== 'ACTIVE') continue;
      await this.statuses.apply(ctx, snapshot, {
        status: 'REPAIRED',
        cause: 'REPAIRED',
        causeId: event.applicationId,
        reason: '信用修复',
        publicityEnd: snapshot.record.publicityEnd ? event.effectiveDate : null,
        effectiveDate: event.effectiveDate,
        actorDepartmentId: event.decidingDepartmentId,
      });
    }
  }

  /** A broken repair commitment: each repaired record is active again and displayed for its full maximum period. */
  async onRepairRevoked(event: RepairRevoked, ctx: EventContext): Promise<void> {
    if (!event.applicationId) throw invalid('RepairRevoked needs application_id');
    for (const snapshot of await this.loadAll(ctx, event.recordIds)) {
      if (snapshot.record.status !== 'REPAIRED') continue;
      await this.statuses.apply(ctx, snapshot, {
        status: 'ACTIVE',
        cause: 'REPAIR_COMMITMENT_BREACHED',
        causeId: event.applicationId,
        reason: event.reason ? `违反信用修复承诺：${event.reason}` : '违反信用修复承诺',
        // The window of the current version, from the policy at its decision date (null when not displayed).
        publicityEnd: snapshot.current.publicityEnd,
        effectiveDate: dateOf(event.revokedAt),
        actorDepartmentId: event.actorDepartmentId,
      });
    }
  }

  private async load(ctx: EventContext, recordId: string): Promise<RecordSnapshot> {
    const [snapshot] = await this.loadAll(ctx, [recordId]);
    if (!snapshot) throw invalid('ObjectionResolved has no target_id');
    return snapshot;
  }

  /** Every record named must be one of ours: an unknown id makes the event invalid (dead-lettered, not half-applied). */
  private async loadAll(ctx: EventContext, ids: string[]): Promise<RecordSnapshot[]> {
    if (ids.length === 0) return [];
    const snapshots = await this.statuses.loadForUpdate(ctx.manager, ids);
    const missing = ids.filter((id) => !snapshots.has(id));
    if (missing.length > 0) throw AppError.one('VALIDATION', 'RECORD_NOT_FOUND', '事件引用了不存在的信用记录', `Unknown record ids: ${missing.join(', ')}`, 'recordIds');
    return [...new Set(ids)].map((id) => snapshots.get(id)!);
  }
}

/** The Asia/Shanghai date of an RFC 3339 instant; today when absent or unreadable. */
function dateOf(instant: string): string {
  const parsed = instant ? new Date(instant) : new Date();
  return chinaDateOf(Number.isNaN(parsed.getTime()) ? new Date() : parsed);
}
