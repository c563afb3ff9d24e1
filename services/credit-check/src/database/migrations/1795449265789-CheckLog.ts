import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The check log (逢办必查 is logged and kept long-term: seed 000 Art. 9; seed 004 §三(四)): append-only,
 * hash-chained, partitioned by month of `checked_at`. Rows are never updated or deleted (triggers refuse it,
 * TRUNCATE included); `check_log_head` holds the chain's last sequence and hash. Monthly partitions are created
 * ahead by `credit_check.ensure_check_log_partitions` (at start and daily); a default partition catches any
 * row outside them, so no check is ever refused for want of a partition.
 */
export class CheckLog1795449265789 implements MigrationInterface {
  name = 'CheckLog1795449265789';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "credit_check"."check_log" (
        "seq" bigint NOT NULL,
        "check_id" uuid NOT NULL,
        "checked_at" timestamptz NOT NULL,
        "batch_id" uuid,
        "requester_department_id" text NOT NULL,
        "requester_client_id" text NOT NULL,
        "operator" text NOT NULL,
        "subject_key" text NOT NULL,
        "matter_type" text NOT NULL,
        "matter_reference" text NOT NULL,
        "purpose" text NOT NULL,
        "verdict" text NOT NULL,
        "measure_codes" text[] NOT NULL,
        "evidence_ids" text[] NOT NULL,
        "policy_version" text NOT NULL,
        "prev_hash" text NOT NULL,
        "hash" text NOT NULL,
        CONSTRAINT "pk_check_log" PRIMARY KEY ("seq", "checked_at")
      ) PARTITION BY RANGE ("checked_at")`);
    await queryRunner.query(`CREATE TABLE "credit_check"."check_log_default" PARTITION OF "credit_check"."check_log" DEFAULT`);
    await queryRunner.query(`CREATE INDEX "ix_check_log_seq" ON "credit_check"."check_log" ("seq")`);
    await queryRunner.query(`CREATE INDEX "ix_check_log_department" ON "credit_check"."check_log" ("requester_department_id", "seq")`);
    await queryRunner.query(`CREATE INDEX "ix_check_log_subject" ON "credit_check"."check_log" ("subject_key", "seq")`);
    await queryRunner.query(`CREATE INDEX "ix_check_log_matter_reference" ON "credit_check"."check_log" ("matter_reference")`);
    await queryRunner.query(`
      CREATE TABLE "credit_check"."check_log_head" (
        "id" int PRIMARY KEY CHECK ("id" = 1),
        "seq" bigint NOT NULL,
        "hash" text NOT NULL
      )`);
    await queryRunner.query(`INSERT INTO "credit_check"."check_log_head" ("id", "seq", "hash") VALUES (1, 0, repeat('0', 64))`);
    await queryRunner.query(`
      CREATE FUNCTION "credit_check"."check_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'credit_check.check_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "check_log_append_only" BEFORE UPDATE OR DELETE ON "credit_check"."check_log"
      FOR EACH ROW EXECUTE FUNCTION "credit_check"."check_log_refuse_change"()`);
    await queryRunner.query(`
      CREATE TRIGGER "check_log_no_truncate" BEFORE TRUNCATE ON "credit_check"."check_log"
      FOR EACH STATEMENT EXECUTE FUNCTION "credit_check"."check_log_refuse_change"()`);
    await queryRunner.query(`
      CREATE FUNCTION "credit_check"."ensure_check_log_partitions"("from_month" date, "months" int) RETURNS int LANGUAGE plpgsql AS $$
      DECLARE
        created int := 0;
        m date;
        name text;
      BEGIN
        FOR i IN 0 .. months - 1 LOOP
          m := (date_trunc('month', from_month) + make_interval(months => i))::date;
          name := 'check_log_' || to_char(m, 'YYYY_MM');
          IF to_regclass('credit_check.' || name) IS NULL THEN
            EXECUTE format(
              'CREATE TABLE credit_check.%I PARTITION OF credit_check.check_log FOR VALUES FROM (%L) TO (%L)',
              name, (m::timestamp AT TIME ZONE 'Asia/Shanghai'), ((m + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai'));
            created := created + 1;
          END IF;
        END LOOP;
        RETURN created;
      END $$`);
    await queryRunner.query(`SELECT "credit_check"."ensure_check_log_partitions"(current_date, 3)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "credit_check"."ensure_check_log_partitions"(date, int)`);
    await queryRunner.query(`DROP TABLE "credit_check"."check_log_head"`);
    await queryRunner.query(`DROP TABLE "credit_check"."check_log" CASCADE`);
    await queryRunner.query(`DROP FUNCTION "credit_check"."check_log_refuse_change"()`);
  }
}
