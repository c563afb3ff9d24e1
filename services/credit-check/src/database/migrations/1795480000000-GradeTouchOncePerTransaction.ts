import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A subject's grade is marked stale once per transaction instead of once per statement. The profile consumer's batch
 * writes a subject's records and then its profile row: two statements, so every subject's `subject_grade` row was
 * updated twice per batch (a second row version, with its WAL). Only `change_seq > graded_seq` is ever compared, by
 * other transactions, which see the committed value: one bump per writing transaction means the same. The row this
 * transaction already wrote (its `xmin` is this transaction) is left as it is.
 */
export class GradeTouchOncePerTransaction1795480000000 implements MigrationInterface {
  name = 'GradeTouchOncePerTransaction1795480000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION "credit_check"."subject_grade_touch_statement"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO credit_check.subject_grade (subject_key)
        SELECT DISTINCT subject_key FROM touched_rows ORDER BY subject_key
        ON CONFLICT (subject_key) DO UPDATE SET change_seq = credit_check.subject_grade.change_seq + 1
        WHERE credit_check.subject_grade.xmin <> pg_current_xact_id()::xid;
        RETURN NULL;
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION "credit_check"."subject_grade_touch_statement"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO credit_check.subject_grade (subject_key)
        SELECT DISTINCT subject_key FROM touched_rows ORDER BY subject_key
        ON CONFLICT (subject_key) DO UPDATE SET change_seq = credit_check.subject_grade.change_seq + 1;
        RETURN NULL;
      END $$`);
  }
}
