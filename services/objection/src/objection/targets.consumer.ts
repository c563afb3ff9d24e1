import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ListEntryStatusNames,
  RecordStatusNames,
  subjectTypeName,
  Topics,
  type ListEntryChanged,
  type RecordCollected,
  type RecordStatusChanged,
  type SubjectRef,
} from '@credit/contracts';
import type { EventContext } from '@credit/messaging';
import { AppError, ConsumerHost } from '@credit/runtime';

const invalid = (type: string, why: string) => AppError.one('VALIDATION', 'EVENT_INVALID', '事件内容无效', `${type} payload is invalid: ${why}`);

function checkSubject(type: string, subject: SubjectRef | undefined, subjectKey: string): SubjectRef {
  if (!subject?.key || subject.key !== subjectKey) throw invalid(type, 'subject key missing or not the message key');
  if (!subjectTypeName(subject.type)) throw invalid(type, 'subject type missing');
  return subject;
}

const UPSERT_TARGET = `
  INSERT INTO objection.objection_target
    (target_type, target_id, subject_key, subject_type, subject_name, subject_uscc, subject_masked_id_number,
     verifying_department_id, version, status, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
  ON CONFLICT (target_type, target_id) DO UPDATE SET
    subject_key = excluded.subject_key, subject_type = excluded.subject_type, subject_name = excluded.subject_name,
    subject_uscc = excluded.subject_uscc, subject_masked_id_number = excluded.subject_masked_id_number,
    verifying_department_id = excluded.verifying_department_id, version = excluded.version,
    status = excluded.status, updated_at = now()
  WHERE objection.objection_target.version < excluded.version`;

/**
 * Keeps the read model of objection targets: records (current version, provider) from credit.records.v1 and
 * list entries (latest transition, identifying department) from credit.lists.v1. Idempotent through the
 * inbox and monotonic per target (an older version or sequence arriving late changes nothing).
 */
@Injectable()
export class TargetsConsumer implements OnModuleInit {
  constructor(private readonly host: ConsumerHost) {}

  onModuleInit(): void {
    this.host.register({
      name: 'objection.targets',
      topics: [Topics.records, Topics.lists],
      handlers: {
        RecordCollected: (event, ctx) => this.onRecordCollected(event, ctx),
        RecordStatusChanged: (event, ctx) => this.onRecordStatusChanged(event, ctx),
        ListEntryChanged: (event, ctx) => this.onListEntryChanged(event, ctx),
      },
    });
  }

  async onRecordCollected(event: RecordCollected, { manager, subjectKey }: EventContext): Promise<void> {
    const subject = checkSubject('RecordCollected', event.subject, subjectKey);
    if (!event.recordId || event.version < 1 || !event.providerDepartmentId) throw invalid('RecordCollected', 'record id, version or provider missing');
    await manager.query(UPSERT_TARGET, [
      'RECORD',
      event.recordId,
      subject.key,
      subjectTypeName(subject.type),
      subject.name,
      subject.uscc || null,
      subject.maskedIdNumber || null,
      event.providerDepartmentId,
      event.version,
      'ACTIVE',
    ]);
  }

  async onRecordStatusChanged(event: RecordStatusChanged, { manager, subjectKey }: EventContext): Promise<void> {
    checkSubject('RecordStatusChanged', event.subject, subjectKey);
    const status = RecordStatusNames.name(event.status);
    if (!event.recordId || !status) throw invalid('RecordStatusChanged', 'record id or status missing');
    // A status change of an older version than the one known is stale.
    await manager.query(
      `UPDATE objection.objection_target SET status = $3, updated_at = now()
        WHERE target_type = 'RECORD' AND target_id = $1 AND version <= $2`,
      [event.recordId, event.version, status],
    );
  }

  async onListEntryChanged(event: ListEntryChanged, { manager, subjectKey }: EventContext): Promise<void> {
    const subject = checkSubject('ListEntryChanged', event.subject, subjectKey);
    const status = ListEntryStatusNames.name(event.status);
    if (!event.entryId || event.sequence < 1 || !status || !event.identifyingDepartmentId) {
      throw invalid('ListEntryChanged', 'entry id, sequence, status or identifying department missing');
    }
    await manager.query(UPSERT_TARGET, [
      'LIST_ENTRY',
      event.entryId,
      subject.key,
      subjectTypeName(subject.type),
      subject.name,
      subject.uscc || null,
      subject.maskedIdNumber || null,
      event.identifyingDepartmentId,
      event.sequence,
      status,
    ]);
  }
}
