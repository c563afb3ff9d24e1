import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Grades (分级分类) and credit reports (信用报告).
 * - `subject_grade`: one row per subject. Triggers on the profile tables bump `change_seq` in the consumer's own
 *   transaction, so a grade is known stale the moment its profile changes; the grade refresher recomputes it
 *   (pure model in libs/domain/src/grade) and sets `graded_seq` to the change it saw. `valid_until` is the next
 *   day the grade may change by time alone (a record or list period ending, a clean year completing).
 * - `report_signing_key`: Ed25519 key pairs (generated on first start); `credit_report`: issued reports, kept.
 */
export class ReportsGrades1795460000000 implements MigrationInterface {
  name = 'ReportsGrades1795460000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "credit_check"."subject_grade" (
        "subject_key" text PRIMARY KEY,
        "grade" char(1) CHECK ("grade" IN ('A', 'B', 'C', 'D')),
        "score" int,
        "model_version" text,
        "as_of" date,
        "valid_until" date,
        "factors" jsonb NOT NULL DEFAULT '[]',
        "change_seq" bigint NOT NULL DEFAULT 1,
        "graded_seq" bigint NOT NULL DEFAULT 0,
        "computed_at" timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX "ix_subject_grade_grade" ON "credit_check"."subject_grade" ("grade")`);
    await queryRunner.query(`CREATE INDEX "ix_subject_grade_stale" ON "credit_check"."subject_grade" ("subject_key") WHERE "change_seq" > "graded_seq"`);
    await queryRunner.query(`CREATE INDEX "ix_subject_grade_valid_until" ON "credit_check"."subject_grade" ("valid_until")`);
    await queryRunner.query(`
      CREATE FUNCTION "credit_check"."subject_grade_touch"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO credit_check.subject_grade (subject_key) VALUES (NEW.subject_key)
        ON CONFLICT (subject_key) DO UPDATE SET change_seq = credit_check.subject_grade.change_seq + 1;
        RETURN NULL;
      END $$`);
    for (const table of ['subject_profile', 'profile_record', 'profile_list_entry', 'profile_objection']) {
      await queryRunner.query(`
        CREATE TRIGGER "${table}_grade_touch" AFTER INSERT OR UPDATE ON "credit_check"."${table}"
        FOR EACH ROW EXECUTE FUNCTION "credit_check"."subject_grade_touch"()`);
    }
    await queryRunner.query(`INSERT INTO "credit_check"."subject_grade" ("subject_key") SELECT "subject_key" FROM "credit_check"."subject_profile" ON CONFLICT DO NOTHING`);

    await queryRunner.query(`
      CREATE TABLE "credit_check"."report_signing_key" (
        "key_id" text PRIMARY KEY,
        "algorithm" text NOT NULL,
        "public_key_pem" text NOT NULL,
        "private_key_pem" text NOT NULL,
        "active" boolean NOT NULL,
        "created_at" timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_report_signing_key_active" ON "credit_check"."report_signing_key" ("active") WHERE "active"`);
    await queryRunner.query(`CREATE SEQUENCE "credit_check"."credit_report_serial"`);
    await queryRunner.query(`
      CREATE TABLE "credit_check"."credit_report" (
        "report_number" text PRIMARY KEY,
        "subject_key" text NOT NULL,
        "issued_at" timestamptz NOT NULL,
        "valid_from" date NOT NULL,
        "valid_until" date NOT NULL,
        "requester_department_id" text NOT NULL,
        "requester_client_id" text NOT NULL,
        "purpose" text NOT NULL,
        "grade" char(1) NOT NULL,
        "policy_version" text NOT NULL,
        "json" text NOT NULL,
        "pdf" bytea NOT NULL,
        "json_sha256" text NOT NULL,
        "pdf_sha256" text NOT NULL,
        "key_id" text NOT NULL REFERENCES "credit_check"."report_signing_key" ("key_id"),
        "signature" text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX "ix_credit_report_subject" ON "credit_check"."credit_report" ("subject_key", "issued_at")`);
    await queryRunner.query(`
      CREATE TRIGGER "credit_report_append_only" BEFORE UPDATE OR DELETE ON "credit_check"."credit_report"
      FOR EACH ROW EXECUTE FUNCTION "credit_check"."check_log_refuse_change"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "credit_check"."credit_report"`);
    await queryRunner.query(`DROP SEQUENCE "credit_check"."credit_report_serial"`);
    await queryRunner.query(`DROP TABLE "credit_check"."report_signing_key"`);
    for (const table of ['subject_profile', 'profile_record', 'profile_list_entry', 'profile_objection']) {
      await queryRunner.query(`DROP TRIGGER "${table}_grade_touch" ON "credit_check"."${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION "credit_check"."subject_grade_touch"()`);
    await queryRunner.query(`DROP TABLE "credit_check"."subject_grade"`);
  }
}
