import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ListEntryStatusNames,
  ListTypeNames,
  RecordStatusNames,
  severityName,
  Topics,
  type ListEntryChanged,
  type RecordCollected,
  type RecordStatusChanged,
  type SubjectRef,
} from '@credit/contracts';
import { fineAmountOf, isValidIsoDate } from '@credit/domain';
import type { EventContext } from '@credit/messaging';
import { AppError, ConsumerHost, SERVICE_DEPS, type ServiceDeps } from '@credit/runtime';
import { buildReminderLetter } from '../letters/reminder-letter';
import { ReminderLetterEntity } from '../letters/reminder-letter.entity';
import { REPAIR_CLOCK, type RepairClock } from '../repair/repair-clock';
import { RepairRecordEntity } from './read-model.entity';
import { storedSubject } from './subject-ref';

const invalid = (what: string) => AppError.one('VALIDATION', 'EVENT_INVALID', '事件内容无效', `${what} payload is invalid`);

function checkSubject(subject: SubjectRef | undefined, subjectKey: string, what: string): SubjectRef {
  if (!subject?.key || subject.key !== subjectKey) throw invalid(what);
  return subject;
}

/**
 * The read model credit-repair decides on (records and list entries, from events), and the reminder letter
 * issued when an adverse record is first collected. Idempotent (inbox); newer versions / sequences win.
 */
@Injectable()
export class ReadModelConsumer implements OnModuleInit {
  constructor(
    private readonly host: ConsumerHost,
    @Inject(SERVICE_DEPS) private readonly deps: ServiceDeps,
    @Inject(REPAIR_CLOCK) private readonly clock: RepairClock,
  ) {}

  onModuleInit(): void {
    this.host.register({
      name: 'credit-repair.read-model',
      topics: [Topics.records, Topics.lists],
      handlers: {
        RecordCollected: (event, ctx) => this.onRecordCollected(event, ctx),
        RecordStatusChanged: (event, ctx) => this.onRecordStatusChanged(event, ctx),
        ListEntryChanged: (event, ctx) => this.onListEntryChanged(event, ctx),
      },
    });
  }

  async onRecordCollected(event: RecordCollected, { manager, subjectKey }: EventContext): Promise<void> {
    const subject = checkSubject(event.subject, subjectKey, 'RecordCollected');
    if (!event.recordId || event.version < 1 || !isValidIsoDate(event.decisionDate) || !event.providerDepartmentId) throw invalid('RecordCollected');
    let fields: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(event.fieldsJson || '{}');
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      fields = parsed as Record<string, unknown>;
    } catch {
      throw invalid('RecordCollected fields');
    }
    const severity = event.adverse ? (severityName(event.severity) ?? null) : null;
    const fine = fineAmountOf(fields);
    const row: RepairRecordEntity = {
      recordId: event.recordId,
      subjectKey: subject.key,
      subject: storedSubject(subject),
      version: event.version,
      providerDepartmentId: event.providerDepartmentId,
      catalogueItemCode: event.catalogueItemCode,
      decisionNumber: event.decisionNumber,
      decisionDate: event.decisionDate,
      adverse: event.adverse,
      severity,
      status: 'ACTIVE',
      publicityEnd: event.publicityEnd || null,
      fineAmount: fine === null ? null : String(fine),
      fields,
      jurisdiction: /^\d{6}$/.test(event.jurisdiction) ? event.jurisdiction : this.deps.config.jurisdiction,
    };
    // A newer version wins; an older one arriving late changes nothing. The status is not a content field.
    await manager.query(
      `INSERT INTO credit_repair.repair_record
         (record_id, subject_key, subject, version, provider_department_id, catalogue_item_code, decision_number, decision_date,
          adverse, severity, status, publicity_end, fine_amount, fields, jurisdiction)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'ACTIVE', $11, $12, $13, $14)
       ON CONFLICT (record_id) DO UPDATE SET
         subject_key = excluded.subject_key, subject = excluded.subject, version = excluded.version,
         provider_department_id = excluded.provider_department_id, catalogue_item_code = excluded.catalogue_item_code,
         decision_number = excluded.decision_number, decision_date = excluded.decision_date, adverse = excluded.adverse,
         severity = excluded.severity, publicity_end = excluded.publicity_end, fine_amount = excluded.fine_amount,
         fields = excluded.fields, jurisdiction = excluded.jurisdiction
       WHERE credit_repair.repair_record.version < excluded.version`,
      [row.recordId, row.subjectKey, JSON.stringify(row.subject), row.version, row.providerDepartmentId, row.catalogueItemCode, row.decisionNumber,
        row.decisionDate, row.adverse, row.severity, row.publicityEnd, row.fineAmount, JSON.stringify(row.fields), row.jurisdiction],
    );
    // 两书同达: the reminder letter goes out when an adverse record is first collected (once per record).
    if (row.adverse && row.severity) {
      const letter = buildReminderLetter(row, this.deps.config.jurisdiction, this.clock.now(), this.clock.today());
      await manager.createQueryBuilder().insert().into(ReminderLetterEntity).values(letter).orIgnore().execute();
    }
  }

  async onRecordStatusChanged(event: RecordStatusChanged, { manager, subjectKey }: EventContext): Promise<void> {
    checkSubject(event.subject, subjectKey, 'RecordStatusChanged');
    const status = RecordStatusNames.name(event.status);
    if (!event.recordId || !status) throw invalid('RecordStatusChanged');
    await manager.update(RepairRecordEntity, { recordId: event.recordId }, { status, publicityEnd: event.publicityEnd || null });
  }

  async onListEntryChanged(event: ListEntryChanged, { manager, subjectKey }: EventContext): Promise<void> {
    const subject = checkSubject(event.subject, subjectKey, 'ListEntryChanged');
    const listType = ListTypeNames.name(event.listType);
    const status = ListEntryStatusNames.name(event.status);
    if (!event.entryId || !listType || !status || event.sequence < 1) throw invalid('ListEntryChanged');
    await manager.query(
      `INSERT INTO credit_repair.repair_list_entry
         (entry_id, subject_key, subject, list_type, status, sequence, basis_record_ids, identifying_department_id, period_start, period_end)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (entry_id) DO UPDATE SET
         subject_key = excluded.subject_key, subject = excluded.subject, list_type = excluded.list_type, status = excluded.status,
         sequence = excluded.sequence, basis_record_ids = excluded.basis_record_ids,
         identifying_department_id = excluded.identifying_department_id, period_start = excluded.period_start, period_end = excluded.period_end
       WHERE credit_repair.repair_list_entry.sequence < excluded.sequence`,
      [event.entryId, subject.key, JSON.stringify(storedSubject(subject)), listType, status, event.sequence, event.basisRecordIds,
        event.identifyingDepartmentId, event.periodStart || null, event.periodEnd || null],
    );
  }
}
