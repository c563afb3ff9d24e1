import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ListEntryStatusNames,
  ListTypeNames,
  ObjectionOutcomeNames,
  ObjectionTargetTypeNames,
  RecordStatusNames,
  severityName,
  subjectTypeName,
  Topics,
  type ListEntryChanged,
  type ObjectionMarked,
  type ObjectionResolved,
  type RecordCollected,
  type RecordStatusChanged,
} from '@credit/contracts';
import { defaultPolicyRegistry, publicityWindow } from '@credit/domain';
import type { BatchContext, BatchEvent, EventContext } from '@credit/messaging';
import { AppError, ConsumerHost, SERVICE_DEPS, type ServiceDeps } from '@credit/runtime';
import { GradeService, type IngestPressure } from '../grade/grade.service';
import { SubjectProfileEntity } from './subject-profile.entity';
import type { EntityManager } from 'typeorm';

/**
 * At least this many records applied within BACKLOG_WINDOW_MS means the consumer is working through a backlog (a
 * bulk import). Counted over the window, not per batch: over Kafka a batch holds one partition's share (of 6), so
 * batches stay small however large the backlog.
 */
const BACKLOG_RECORDS = 1_000;
/** The window over which records are counted, and how long after it the backlog counts as ongoing. */
const BACKLOG_WINDOW_MS = 3_000;

/** A newer version wins; an older one arriving late (or again) changes nothing. */
const RECORD_UPDATE = `subject_key = excluded.subject_key, version = excluded.version, decision_date = excluded.decision_date,
         adverse = excluded.adverse, severity = excluded.severity, publicity_start = excluded.publicity_start,
         publicity_end = excluded.publicity_end, fields = excluded.fields, effect_end = excluded.effect_end,
         disclosure = excluded.disclosure
       WHERE credit_check.profile_record.version < excluded.version`;

const invalid = (what: string) => AppError.one('VALIDATION', 'EVENT_INVALID', '事件内容无效', `${what} payload is invalid`);

/**
 * Builds subject profiles from the records, lists and objections topics, idempotently (inbox) and in
 * per-subject order: records version-monotonic, list entries sequence-monotonic.
 */
@Injectable()
export class ProfileConsumer implements OnModuleInit, IngestPressure {
  private readonly policies = defaultPolicyRegistry();
  private readonly maxEnds = new Map<string, string>();
  private lastBacklogAt = 0;
  /** Record batches applied within the last BACKLOG_WINDOW_MS: [when, how many]. */
  private recentBatches: [number, number][] = [];

  constructor(
    private readonly host: ConsumerHost,
    @Inject(SERVICE_DEPS) private readonly deps: ServiceDeps,
    private readonly grades: GradeService,
  ) {}

  /** True while records arrive in bulk: the background grade refresher then waits (see GradeService). */
  backlogged(): boolean {
    return Date.now() - this.lastBacklogAt < BACKLOG_WINDOW_MS;
  }

  private countApplied(records: number): void {
    const now = Date.now();
    this.recentBatches.push([now, records]);
    while (this.recentBatches.length > 0 && now - this.recentBatches[0][0] > BACKLOG_WINDOW_MS) this.recentBatches.shift();
    if (this.recentBatches.reduce((sum, [, n]) => sum + n, 0) >= BACKLOG_RECORDS) this.lastBacklogAt = now;
  }

  onModuleInit(): void {
    this.grades.yieldTo(this);
    this.host.register({
      name: 'credit-check.profile',
      topics: [Topics.records, Topics.lists, Topics.objections],
      // Bulk imports arrive as long runs of RecordCollected: applied up to 1,000 per transaction.
      batch: { maxSize: 1000 },
      batchHandlers: {
        RecordCollected: (events, ctx) => this.onRecordsCollected(events, ctx),
        // Publicity sweeps end the display of many records at once (e.g. after a bulk import of old penalties).
        RecordStatusChanged: (events, ctx) => this.onRecordStatusesChanged(events, ctx),
      },
      handlers: {
        RecordCollected: (event, ctx) => this.onRecordCollected(event, ctx),
        RecordStatusChanged: (event, ctx) => this.onRecordStatusChanged(event, ctx),
        ListEntryChanged: (event, ctx) => this.onListEntryChanged(event, ctx),
        ObjectionMarked: (event, ctx) => this.onObjectionMarked(event, ctx),
        ObjectionResolved: (event, ctx) => this.onObjectionResolved(event, ctx),
      },
    });
  }

  private async touchSubject(ctx: EventContext, subject: NonNullable<RecordCollected['subject']>): Promise<void> {
    await ctx.manager
      .createQueryBuilder()
      .insert()
      .into(SubjectProfileEntity)
      .values({
        subjectKey: subject.key,
        subjectType: subjectTypeName(subject.type) ?? 'LEGAL_PERSON',
        name: subject.name,
        uscc: subject.uscc || null,
        maskedIdNumber: subject.maskedIdNumber || null,
        adverseCount: 0,
        updatedAt: new Date(),
      })
      .orUpdate(['name', 'updated_at'], ['subject_key'])
      .execute();
  }

  /** Recounts the active adverse records of these subjects (one statement whatever their number). */
  private async recountAdverse(manager: EntityManager, subjectKeys: string[]): Promise<void> {
    await manager.query(
      `UPDATE credit_check.subject_profile p
          SET adverse_count = (SELECT count(*) FROM credit_check.profile_record r WHERE r.subject_key = p.subject_key AND r.adverse AND r.status = 'ACTIVE'),
              updated_at = now()
        WHERE p.subject_key = ANY ($1::text[])`,
      [subjectKeys],
    );
  }


  async onRecordCollected(event: RecordCollected, ctx: EventContext): Promise<void> {
    const row = this.recordRow(event, ctx.subjectKey);
    await this.touchSubject(ctx, event.subject!);
    // A newer version wins; an older one arriving late (or again) changes nothing.
    await ctx.manager.query(
      `INSERT INTO credit_check.profile_record
         (record_id, subject_key, version, catalogue_item_code, category, provider_department_id, decision_number,
          decision_date, adverse, severity, publicity_start, publicity_end, fields, status, effect_end, disclosure)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'ACTIVE', $14, $15)
       ON CONFLICT (record_id) DO UPDATE SET ${RECORD_UPDATE}`,
      row,
    );
    await this.recountAdverse(ctx.manager, [event.subject!.key]);
  }

  /**
   * The batch form of onRecordCollected (same effect as applying the events one by one, in order): one upsert of
   * the batch's records — per record the highest version of the batch, and still only if newer than the stored
   * one — then one upsert of its subjects that also recounts their adverse records (one write per subject row).
   */
  async onRecordsCollected(events: BatchEvent<RecordCollected>[], ctx: BatchContext): Promise<void> {
    this.countApplied(events.length);
    // The adverse recount is estimated above jit_above_cost once the tables grow, and JIT-compiling it took ~30 ms of
    // each batch's ~40 ms statement (EXPLAIN ANALYZE in the bulk-import bench): these statements are index lookups.
    await ctx.manager.query('SET LOCAL jit = off');
    const records = new Map<string, unknown[]>();
    const subjects = new Map<string, { subject: NonNullable<RecordCollected['subject']>; name: string }>();
    for (const { payload, subjectKey } of events) {
      const row = this.recordRow(payload, subjectKey);
      const kept = records.get(payload.recordId);
      if (!kept || (kept[2] as number) < payload.version) records.set(payload.recordId, row);
      const subject = payload.subject!;
      const seen = subjects.get(subject.key);
      // Inserted with the first event's identity; the name follows the last event (as per-event upserts do).
      if (seen) seen.name = subject.name;
      else subjects.set(subject.key, { subject, name: subject.name });
    }
    const rows = [...records.keys()].sort().map((id) => records.get(id)!); // one lock order for concurrent batches
    const column = (i: number) => rows.map((r) => r[i]);
    await ctx.manager.query(
      `INSERT INTO credit_check.profile_record
         (record_id, subject_key, version, catalogue_item_code, category, provider_department_id, decision_number,
          decision_date, adverse, severity, publicity_start, publicity_end, fields, status, effect_end, disclosure)
       SELECT r.record_id, r.subject_key, r.version, r.catalogue_item_code, r.category, r.provider_department_id, r.decision_number,
              r.decision_date, r.adverse, r.severity, r.publicity_start, r.publicity_end, r.fields, 'ACTIVE', r.effect_end, r.disclosure
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::boolean[],
                     $10::text[], $11::date[], $12::date[], $13::jsonb[], $14::date[], $15::text[])
              AS r(record_id, subject_key, version, catalogue_item_code, category, provider_department_id, decision_number,
                   decision_date, adverse, severity, publicity_start, publicity_end, fields, effect_end, disclosure)
       ON CONFLICT (record_id) DO UPDATE SET ${RECORD_UPDATE}`,
      Array.from({ length: 15 }, (_, i) => column(i)),
    );
    // The subjects after their records: the upsert carries the adverse count (a lookup of the subject's records by
    // index), so each subject row is written once per batch.
    const keys = [...subjects.keys()].sort();
    const subjectRows = keys.map((k) => subjects.get(k)!);
    await ctx.manager.query(
      `INSERT INTO credit_check.subject_profile (subject_key, subject_type, name, uscc, masked_id_number, adverse_count, updated_at)
       SELECT s.key, s.type, s.name, s.uscc, s.masked,
              (SELECT count(*) FROM credit_check.profile_record r WHERE r.subject_key = s.key AND r.adverse AND r.status = 'ACTIVE')::int, now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS s(key, type, name, uscc, masked)
       ON CONFLICT (subject_key) DO UPDATE SET name = excluded.name, adverse_count = excluded.adverse_count, updated_at = excluded.updated_at`,
      [
        keys,
        subjectRows.map((s) => subjectTypeName(s.subject.type) ?? 'LEGAL_PERSON'),
        subjectRows.map((s) => s.name),
        subjectRows.map((s) => s.subject.uscc || null),
        subjectRows.map((s) => s.subject.maskedIdNumber || null),
      ],
    );
  }

  /** Validates a RecordCollected and returns its profile_record values ($1…$15 of the upserts). */
  private recordRow(event: RecordCollected, subjectKey: string): unknown[] {
    // Consumers validate payloads too: a malformed event must not half-apply.
    if (!event.recordId || !event.subject?.key || event.subject.key !== subjectKey || event.version < 1) throw invalid('RecordCollected');
    // Parsed only to validate: the text itself is stored (jsonb), as exact as sent (no round trip through JS numbers).
    const fieldsJson = event.fieldsJson || '{}';
    try {
      JSON.parse(fieldsJson);
    } catch {
      throw AppError.one('VALIDATION', 'EVENT_INVALID', '事件内容无效', 'RecordCollected fields are not JSON');
    }
    const severity = severityName(event.severity) ?? null;
    return [
      event.recordId,
      event.subject.key,
      event.version,
      event.catalogueItemCode,
      event.category,
      event.providerDepartmentId,
      event.decisionNumber,
      event.decisionDate,
      event.adverse,
      severity,
      event.publicityStart || null,
      event.publicityEnd || null,
      fieldsJson,
      this.effectEnd(event.adverse, severity, event.decisionDate, event.publicityEnd),
      event.disclosure || 'PUBLIC',
    ];
  }

  /**
   * Until when an adverse record counts in checks: its publicity end, or — for records not displayed (persons,
   * non-public items) — the tier's maximum period under the policy in force at its decision date.
   */
  private effectEnd(adverse: boolean, severity: 'MINOR' | 'GENERAL' | 'SERIOUS' | null, decisionDate: string, publicityEnd: string): string | null {
    if (!adverse || !severity) return null;
    if (publicityEnd) return publicityEnd;
    // Resolving the policy deep-merges parameters: cached per (tier, decision date), a bulk import repeats them.
    const key = `${severity}|${decisionDate}`;
    let end = this.maxEnds.get(key);
    if (end === undefined) {
      const policy = this.policies.resolve(this.deps.config.jurisdiction, decisionDate);
      end = publicityWindow(severity, decisionDate, policy.parameters).maxEnd;
      if (this.maxEnds.size >= 10_000) this.maxEnds.clear();
      this.maxEnds.set(key, end);
    }
    return end;
  }

  async onRecordStatusChanged(event: RecordStatusChanged, ctx: EventContext): Promise<void> {
    const status = RecordStatusNames.name(event.status);
    if (!event.recordId || !event.subject?.key || event.subject.key !== ctx.subjectKey || !status) throw invalid('RecordStatusChanged');
    // A restored record (repair commitment broken) is displayed again until its new publicity end.
    await ctx.manager.query(
      `UPDATE credit_check.profile_record
          SET status = $2,
              publicity_end = CASE WHEN $2 = 'ACTIVE' AND $3::date IS NOT NULL THEN $3::date ELSE publicity_end END,
              effect_end = CASE WHEN $2 = 'ACTIVE' AND $3::date IS NOT NULL THEN $3::date ELSE effect_end END
        WHERE record_id = $1`,
      [event.recordId, status, event.publicityEnd || null],
    );
    await this.recountAdverse(ctx.manager, [event.subject.key]);
  }

  /**
   * The batch form of onRecordStatusChanged (same result as one by one, in order): per record the last status of
   * the batch, and the publicity end of its last restoring (ACTIVE, dated) change if any; one update of the
   * records, then one recount of the adverse records of the subjects touched.
   */
  async onRecordStatusesChanged(events: BatchEvent<RecordStatusChanged>[], ctx: BatchContext): Promise<void> {
    await ctx.manager.query('SET LOCAL jit = off');
    const changes = new Map<string, { status: string; restoredEnd: string | null }>();
    const subjects = new Set<string>();
    for (const { payload, subjectKey } of events) {
      const status = RecordStatusNames.name(payload.status);
      if (!payload.recordId || !payload.subject?.key || payload.subject.key !== subjectKey || !status) throw invalid('RecordStatusChanged');
      const restoredEnd = status === 'ACTIVE' && payload.publicityEnd ? payload.publicityEnd : null;
      const previous = changes.get(payload.recordId);
      changes.set(payload.recordId, { status, restoredEnd: restoredEnd ?? previous?.restoredEnd ?? null });
      subjects.add(payload.subject.key);
    }
    const ids = [...changes.keys()].sort(); // one lock order for concurrent batches
    await ctx.manager.query(
      `UPDATE credit_check.profile_record r
          SET status = c.status,
              publicity_end = coalesce(c.restored_end, r.publicity_end),
              effect_end = coalesce(c.restored_end, r.effect_end)
         FROM unnest($1::uuid[], $2::text[], $3::date[]) AS c(record_id, status, restored_end)
        WHERE r.record_id = c.record_id`,
      [ids, ids.map((id) => changes.get(id)!.status), ids.map((id) => changes.get(id)!.restoredEnd)],
    );
    await this.recountAdverse(ctx.manager, [...subjects].sort());
  }

  async onListEntryChanged(event: ListEntryChanged, ctx: EventContext): Promise<void> {
    const listType = ListTypeNames.name(event.listType);
    const status = ListEntryStatusNames.name(event.status);
    if (!event.entryId || !event.subject?.key || event.subject.key !== ctx.subjectKey || !listType || !status || event.sequence < 1) {
      throw invalid('ListEntryChanged');
    }
    await this.touchSubject(ctx, event.subject);
    await ctx.manager.query(
      `INSERT INTO credit_check.profile_list_entry
         (entry_id, subject_key, list_type, status, sequence, basis_record_ids, period_start, period_end,
          identifying_department_id, basis_text, related_to_entry_id, relation, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())
       ON CONFLICT (entry_id) DO UPDATE SET
         status = excluded.status, sequence = excluded.sequence, basis_record_ids = excluded.basis_record_ids,
         period_start = excluded.period_start, period_end = excluded.period_end, basis_text = excluded.basis_text,
         updated_at = excluded.updated_at
       WHERE credit_check.profile_list_entry.sequence < excluded.sequence`,
      [
        event.entryId,
        event.subject.key,
        listType,
        status,
        event.sequence,
        event.basisRecordIds,
        event.periodStart || null,
        event.periodEnd || null,
        event.identifyingDepartmentId,
        event.basisText,
        event.relatedToEntryId || null,
        event.relation || null,
      ],
    );
  }

  async onObjectionMarked(event: ObjectionMarked, ctx: EventContext): Promise<void> {
    const targetType = ObjectionTargetTypeNames.name(event.targetType);
    if (!event.objectionId || !event.targetId || !targetType || event.subject?.key !== ctx.subjectKey) throw invalid('ObjectionMarked');
    await ctx.manager.query(
      `INSERT INTO credit_check.profile_objection (objection_id, subject_key, target_type, target_id, open, marked_at)
       VALUES ($1, $2, $3, $4, true, $5) ON CONFLICT (objection_id) DO NOTHING`,
      [event.objectionId, ctx.subjectKey, targetType, event.targetId, event.markedAt || new Date().toISOString()],
    );
  }

  /**
   * Ends the "under objection" mark; when the information was wrong (corrected or revoked), every department
   * that checked the subject using it is told, with the check ids (restoring reputation).
   */
  async onObjectionResolved(event: ObjectionResolved, ctx: EventContext): Promise<void> {
    const targetType = ObjectionTargetTypeNames.name(event.targetType);
    const outcome = ObjectionOutcomeNames.name(event.outcome);
    if (!event.objectionId || !event.targetId || !targetType || !outcome || event.subject?.key !== ctx.subjectKey) throw invalid('ObjectionResolved');
    const resolvedAt = event.resolvedAt || new Date().toISOString();
    await ctx.manager.query(
      `INSERT INTO credit_check.profile_objection (objection_id, subject_key, target_type, target_id, open, outcome, marked_at, resolved_at)
       VALUES ($1, $2, $3, $4, false, $5, $6, $6)
       ON CONFLICT (objection_id) DO UPDATE SET open = false, outcome = excluded.outcome, resolved_at = excluded.resolved_at`,
      [event.objectionId, ctx.subjectKey, targetType, event.targetId, outcome, resolvedAt],
    );
    if (outcome === 'MAINTAINED') return;
    await ctx.manager.query(
      `INSERT INTO credit_check.check_correction_notice (check_id, objection_id, department_id, subject_key, target_id, outcome, checked_at, created_at)
       SELECT l.check_id, $2::uuid, l.requester_department_id, l.subject_key, $3::text, $4::text, l.checked_at, now()
         FROM credit_check.check_log l
        WHERE l.subject_key = $1 AND $3::text = ANY (l.evidence_ids) AND l.checked_at <= $5::timestamptz
       ON CONFLICT DO NOTHING`,
      [ctx.subjectKey, event.objectionId, event.targetId, outcome, resolvedAt],
    );
  }
}
