import { JOINT_MEASURES, NAMED_INSTRUMENTS, SEED_DOCUMENTS, SEED_IDS } from '@credit/domain';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'joint_reward_punishment';
export const SEEDED_EDITION_ID = 'M-2026.1';

/**
 * Reference data and guards:
 * - edition M-2026.1 of the measures list: every measure of the five seeds (`JOINT_MEASURES`, libs/domain),
 *   each with its seed citations and verbatim quotes;
 * - the national auto-initiation rules (jurisdictions override them with rows of their own);
 * - append-only guards: past editions, their measures and the entries' transition history refuse UPDATE and
 *   DELETE (a change of the measures list is a new edition).
 */
export class SeedMeasuresAndRules1795449244323 implements MigrationInterface {
  name = 'SeedMeasuresAndRules1795449244323';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION ${S}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation'; END $$`);
    for (const table of ['measure_edition', 'measure', 'list_entry_transition']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${S}.${table} FOR EACH ROW EXECUTE FUNCTION ${S}.refuse_change()`,
      );
    }

    await queryRunner.query(`INSERT INTO ${S}.measure_edition (id, effective_from, basis) VALUES ($1, $2, $3)`, [
      SEEDED_EDITION_ID,
      '2026-01-01',
      SEED_IDS.map((id) => `seed ${id}: ${SEED_DOCUMENTS[id].title}（${SEED_DOCUMENTS[id].documentNumber}）`),
    ]);
    let position = 0;
    for (const m of JOINT_MEASURES) {
      position += 1;
      await queryRunner.query(
        `INSERT INTO ${S}.measure (edition_id, code, position, content_zh, content_en, type, measure_class, class_basis, effect, channel,
           target_lists, target_grades, related_persons, subject_types, target_wording, matter_types, implementing_body_zh,
           legal_basis, sources, quotes, default_period_months, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
        [
          SEEDED_EDITION_ID,
          m.code,
          position,
          m.content.zh,
          m.content.en,
          m.type,
          m.class,
          m.classBasis,
          m.effect,
          m.channel,
          [...m.target.lists],
          [...(m.target.grades ?? [])],
          m.target.relatedPersons ?? false,
          [...(m.target.subjectTypes ?? [])],
          m.target.wording,
          [...m.matterTypes],
          m.implementingBody.zh,
          [...m.legalBasis],
          [...m.sources],
          JSON.stringify(m.quotes),
          m.defaultPeriodMonths,
          m.notes ?? null,
        ],
      );
    }

    const basis49 = `${NAMED_INSTRUMENTS.GUOBANFA_2020_49}（八）; seed 003 §二(三)1`;
    await queryRunner.query(
      `INSERT INTO ${S}.auto_rule (code, jurisdiction, version, effective_from, enabled, kind, list_type, severity, categories, basis_text, description_zh)
       VALUES ($1, '000000', 1, '2020-12-18', true, 'SINGLE_RECORD', 'SERIOUS_DISHONESTY', 'SERIOUS', '{}', $2, $3),
              ($4, '000000', 1, '2020-12-18', true, 'REPEATED_RECORDS', 'KEY_ATTENTION', 'GENERAL', '{}', $5, $6)`,
      [
        'R-SERIOUS-RECORD',
        basis49,
        '一条严重失信信息（国办发〔2025〕22号 所称"严重"）提出列入严重失信主体名单',
        'R-REPEATED-GENERAL',
        `seed 002 §四(一); seed 003 §二(四)3（重点关注对象名单）`,
        '在 lists.keyAttentionWindowMonths 个月内作出的 lists.keyAttentionGeneralRecords 条以上一般失信信息提出列入重点关注对象名单',
      ],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['measure_edition', 'measure', 'list_entry_transition']) {
      await queryRunner.query(`DROP TRIGGER ${table}_append_only ON ${S}.${table}`);
    }
    await queryRunner.query(`DROP FUNCTION ${S}.refuse_change()`);
    await queryRunner.query(`DELETE FROM ${S}.auto_rule WHERE jurisdiction = '000000' AND version = 1 AND code IN ('R-SERIOUS-RECORD', 'R-REPEATED-GENERAL')`);
    await queryRunner.query(`DELETE FROM ${S}.measure WHERE edition_id = $1`, [SEEDED_EDITION_ID]);
    await queryRunner.query(`DELETE FROM ${S}.measure_edition WHERE id = $1`, [SEEDED_EDITION_ID]);
  }
}
