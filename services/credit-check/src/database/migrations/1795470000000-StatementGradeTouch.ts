import type { MigrationInterface, QueryRunner } from 'typeorm';

const PROFILE_TABLES = ['subject_profile', 'profile_record', 'profile_list_entry', 'profile_objection'];

/**
 * Grade bookkeeping per statement instead of per row: the row triggers of ReportsGrades upserted `subject_grade`
 * once per written profile row (a 1,000-event batch of the profile consumer: ~3,000 upserts). Now each statement
 * that inserts or updates profile rows upserts the DISTINCT subject keys it wrote once (transition tables), in
 * key order (one lock order for concurrent writers). Same meaning: every change of a subject's profile bumps its
 * `change_seq` in the same transaction — once per statement instead of once per row (only `>` is ever compared).
 * PostgreSQL allows a transition table only on a single-event trigger, hence one INSERT and one UPDATE trigger.
 */
export class StatementGradeTouch1795470000000 implements MigrationInterface {
  name = 'StatementGradeTouch1795470000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "credit_check"."subject_grade_touch_statement"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO credit_check.subject_grade (subject_key)
        SELECT DISTINCT subject_key FROM touched_rows ORDER BY subject_key
        ON CONFLICT (subject_key) DO UPDATE SET change_seq = credit_check.subject_grade.change_seq + 1;
        RETURN NULL;
      END $$`);
    for (const table of PROFILE_TABLES) {
      await queryRunner.query(`DROP TRIGGER "${table}_grade_touch" ON "credit_check"."${table}"`);
      for (const [suffix, event] of [
        ['insert', 'INSERT'],
        ['update', 'UPDATE'],
      ]) {
        await queryRunner.query(`
          CREATE TRIGGER "${table}_grade_touch_${suffix}" AFTER ${event} ON "credit_check"."${table}"
          REFERENCING NEW TABLE AS touched_rows FOR EACH STATEMENT EXECUTE FUNCTION "credit_check"."subject_grade_touch_statement"()`);
      }
    }
    await queryRunner.query(`DROP FUNCTION "credit_check"."subject_grade_touch"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "credit_check"."subject_grade_touch"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO credit_check.subject_grade (subject_key) VALUES (NEW.subject_key)
        ON CONFLICT (subject_key) DO UPDATE SET change_seq = credit_check.subject_grade.change_seq + 1;
        RETURN NULL;
      END $$`);
    for (const table of PROFILE_TABLES) {
      await queryRunner.query(`DROP TRIGGER "${table}_grade_touch_insert" ON "credit_check"."${table}"`);
      await queryRunner.query(`DROP TRIGGER "${table}_grade_touch_update" ON "credit_check"."${table}"`);
      await queryRunner.query(`
        CREATE TRIGGER "${table}_grade_touch" AFTER INSERT OR UPDATE ON "credit_check"."${table}"
        FOR EACH ROW EXECUTE FUNCTION "credit_check"."subject_grade_touch"()`);
    }
    await queryRunner.query(`DROP FUNCTION "credit_check"."subject_grade_touch_statement"()`);
  }
}
