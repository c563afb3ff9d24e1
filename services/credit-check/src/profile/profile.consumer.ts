import { Injectable, type OnModuleInit } from '@nestjs/common';
import { severityName, subjectTypeName, Topics, type RecordCollected } from '@credit/contracts';
import type { EventContext } from '@credit/messaging';
import { AppError, ConsumerHost } from '@credit/runtime';
import { SubjectProfileEntity } from './subject-profile.entity';

/** Builds subject profiles from credit.records.v1, idempotently (inbox) and version-monotonic per record. */
@Injectable()
export class ProfileConsumer implements OnModuleInit {
  constructor(private readonly host: ConsumerHost) {}

  onModuleInit(): void {
    this.host.register({
      name: 'credit-check.profile',
      topics: [Topics.records],
      handlers: { RecordCollected: (event, ctx) => this.onRecordCollected(event, ctx) },
    });
  }

  async onRecordCollected(event: RecordCollected, { manager, subjectKey }: EventContext): Promise<void> {
    // Consumers validate payloads too: a malformed event must not half-apply.
    if (!event.recordId || !event.subject?.key || event.subject.key !== subjectKey || event.version < 1) {
      throw AppError.one('VALIDATION', 'EVENT_INVALID', '事件内容无效', 'RecordCollected payload is invalid');
    }
    let fields: Record<string, unknown>;
    try {
      fields = JSON.parse(event.fieldsJson || '{}');
    } catch {
      throw AppError.one('VALIDATION', 'EVENT_INVALID', '事件内容无效', 'RecordCollected fields are not JSON');
    }
    const subject = event.subject;
    await manager
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
    // A newer version wins; an older one arriving late (or again) changes nothing.
    await manager.query(
      `INSERT INTO credit_check.profile_record
         (record_id, subject_key, version, catalogue_item_code, category, provider_department_id, decision_number,
          decision_date, adverse, severity, publicity_start, publicity_end, fields)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (record_id) DO UPDATE SET
         subject_key = excluded.subject_key, version = excluded.version, decision_date = excluded.decision_date,
         adverse = excluded.adverse, severity = excluded.severity, publicity_start = excluded.publicity_start,
         publicity_end = excluded.publicity_end, fields = excluded.fields
       WHERE credit_check.profile_record.version < excluded.version`,
      [
        event.recordId,
        subject.key,
        event.version,
        event.catalogueItemCode,
        event.category,
        event.providerDepartmentId,
        event.decisionNumber,
        event.decisionDate,
        event.adverse,
        severityName(event.severity) ?? null,
        event.publicityStart || null,
        event.publicityEnd || null,
        JSON.stringify(fields),
      ],
    );
    await manager.query(
      `UPDATE credit_check.subject_profile SET adverse_count =
         (SELECT count(*) FROM credit_check.profile_record WHERE subject_key = $1 AND adverse), updated_at = now()
       WHERE subject_key = $1`,
      [subject.key],
    );
  }
}
