import type { SubjectRef } from '@credit/contracts';
import { subjectTypeName } from '@credit/contracts';
import type { IsoDate } from '@credit/domain';
import type { EntityManager } from 'typeorm';

const S = 'joint_reward_punishment';

/**
 * Notes a record in the subject's summary: the subject's identity and jurisdiction, a non-adverse record's
 * date, then the dates recomputed from the tracked (adverse) records. Call after the tracked record is stored.
 */
export async function noteRecord(
  manager: EntityManager,
  subject: SubjectRef,
  record: { adverse: boolean; decisionDate: IsoDate; jurisdiction: string },
): Promise<void> {
  await manager.query(
    `INSERT INTO ${S}.subject_record_summary
       (subject_key, subject_type, subject_name, subject_uscc, subject_masked_id_number, jurisdiction, first_non_adverse_date, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT (subject_key) DO UPDATE SET
       subject_type = excluded.subject_type,
       subject_name = excluded.subject_name,
       subject_uscc = excluded.subject_uscc,
       subject_masked_id_number = excluded.subject_masked_id_number,
       jurisdiction = excluded.jurisdiction,
       first_non_adverse_date = LEAST(${S}.subject_record_summary.first_non_adverse_date, excluded.first_non_adverse_date),
       updated_at = now()`,
    [
      subject.key,
      subjectTypeName(subject.type) ?? 'LEGAL_PERSON',
      subject.name,
      subject.uscc || null,
      subject.maskedIdNumber || null,
      record.jurisdiction,
      record.adverse ? null : record.decisionDate,
    ],
  );
  await refreshSummaries(manager, [subject.key]);
}

/** Recomputes the dates of these subjects' summaries from the tracked records (after a revocation or a correction). */
export async function refreshSummaries(manager: EntityManager, subjectKeys: readonly string[]): Promise<void> {
  if (subjectKeys.length === 0) return;
  await manager.query(
    `UPDATE ${S}.subject_record_summary s SET
       last_adverse_date = t.last_adverse,
       first_record_date = LEAST(s.first_non_adverse_date, t.first_tracked),
       updated_at = now()
     FROM (
       SELECT k.key,
              (SELECT max(r.decision_date) FROM ${S}.tracked_record r WHERE r.subject_key = k.key AND r.adverse AND r.status <> 'REVOKED') AS last_adverse,
              (SELECT min(r.decision_date) FROM ${S}.tracked_record r WHERE r.subject_key = k.key AND r.status <> 'REVOKED') AS first_tracked
         FROM unnest($1::text[]) AS k(key)
     ) t
     WHERE s.subject_key = t.key`,
    [[...new Set(subjectKeys)]],
  );
}

/** The subjects of these tracked records. */
export async function subjectsOfRecords(manager: EntityManager, recordIds: readonly string[]): Promise<string[]> {
  if (recordIds.length === 0) return [];
  const rows = await manager.query<{ subject_key: string }[]>(
    `SELECT DISTINCT subject_key FROM ${S}.tracked_record WHERE record_id = ANY($1)`,
    [[...recordIds]],
  );
  return rows.map((r) => r.subject_key);
}
