import type { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'joint_reward_punishment';

/**
 * - The clean-years red-list rule R-CLEAN-YEARS (Hunan, from 2021: seed 000 Art. 5 "连续三年无失信记录"; seed 003
 *   §二(二)2–4), evaluated by the daily sweep; its number of years is the policy parameter `redList.cleanYears`.
 * - The subjects' record summaries, backfilled from the adverse records already tracked (non-adverse records
 *   seen before this migration were not kept; they date a subject's history from their next record on).
 */
export class SeedCleanYearsRule1795450404473 implements MigrationInterface {
  name = 'SeedCleanYearsRule1795450404473';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO ${S}.auto_rule (code, jurisdiction, version, effective_from, enabled, kind, list_type, severity, categories, basis_text, description_zh)
       VALUES ('R-CLEAN-YEARS', '430000', 1, '2021-01-01', true, 'CLEAN_YEARS', 'RED', '', '{}', $1, $2)`,
      [
        '湖南省工信厅 2021 第五条；安化县 2023 §二(二)2–4（连续三年无失信记录的守信主体）',
        '连续 redList.cleanYears 年无失信记录、且此前已有信用记录的主体，提出列入守信红名单（诚信典型）',
      ],
    );
    await queryRunner.query(
      `INSERT INTO ${S}.subject_record_summary
         (subject_key, subject_type, subject_name, subject_uscc, subject_masked_id_number, jurisdiction, first_non_adverse_date, first_record_date, last_adverse_date, updated_at)
       SELECT DISTINCT ON (r.subject_key) r.subject_key,
              CASE WHEN r.subject_key LIKE 'NP:%' THEN 'NATURAL_PERSON' ELSE 'LEGAL_PERSON' END,
              COALESCE(e.subject_name, ''), CASE WHEN r.subject_key LIKE 'ORG:%' THEN substr(r.subject_key, 5) END, e.subject_masked_id_number,
              r.jurisdiction, NULL,
              (SELECT min(x.decision_date) FROM ${S}.tracked_record x WHERE x.subject_key = r.subject_key AND x.status <> 'REVOKED'),
              (SELECT max(x.decision_date) FROM ${S}.tracked_record x WHERE x.subject_key = r.subject_key AND x.adverse AND x.status <> 'REVOKED'),
              now()
         FROM ${S}.tracked_record r
         LEFT JOIN LATERAL (SELECT l.subject_name, l.subject_masked_id_number FROM ${S}.list_entry l WHERE l.subject_key = r.subject_key
                             ORDER BY l.created_at DESC LIMIT 1) e ON true
        ORDER BY r.subject_key, r.updated_at DESC`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM ${S}.subject_record_summary`);
    await queryRunner.query(`DELETE FROM ${S}.auto_rule WHERE code = 'R-CLEAN-YEARS' AND jurisdiction = '430000' AND version = 1`);
  }
}
