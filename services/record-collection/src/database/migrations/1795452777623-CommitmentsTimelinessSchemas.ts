import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CommitmentsTimelinessSchemas1795452777623 implements MigrationInterface {
  name = 'CommitmentsTimelinessSchemas1795452777623';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"record_collection\".\"commitment\" (\"id\" uuid NOT NULL, \"code\" text NOT NULL, \"type\" text NOT NULL, \"subject_key\" text NOT NULL, \"subject_type\" text NOT NULL, \"subject_name\" text NOT NULL, \"uscc\" text, \"id_number\" text, \"masked_id_number\" text, \"content\" text NOT NULL, \"matter\" text NOT NULL, \"deadline\" date, \"receiving_department_id\" text NOT NULL, \"idempotency_key\" text NOT NULL, \"request_hash\" text NOT NULL, \"repair_application_id\" text, \"record_ids\" text array NOT NULL DEFAULT '{}', \"made_on\" date NOT NULL, \"status\" text NOT NULL DEFAULT 'PENDING', \"fulfilment_date\" date, \"note\" text, \"breach_record_id\" uuid, \"fulfilment_recorded_at\" TIMESTAMP WITH TIME ZONE, \"policy_version\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_commitment_id\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_commitment_code\" ON \"record_collection\".\"commitment\"  (\"code\") ");
    await queryRunner.query("CREATE INDEX \"ix_commitment_department_code\" ON \"record_collection\".\"commitment\"  (\"receiving_department_id\", \"code\") ");
    await queryRunner.query("CREATE INDEX \"ix_commitment_subject_code\" ON \"record_collection\".\"commitment\"  (\"subject_key\", \"code\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_commitment_idempotency\" ON \"record_collection\".\"commitment\"  (\"receiving_department_id\", \"idempotency_key\") ");
    await queryRunner.query("CREATE TABLE \"record_collection\".\"commitment_serial\" (\"region\" text NOT NULL, \"day\" date NOT NULL, \"last_serial\" integer NOT NULL, CONSTRAINT \"pk_commitment_serial_region_day\" PRIMARY KEY (\"region\", \"day\"))");
    await queryRunner.query("CREATE TABLE \"record_collection\".\"record_timeliness\" (\"record_id\" uuid NOT NULL, \"provider_department_id\" text NOT NULL, \"catalogue_item_code\" text NOT NULL, \"decision_number\" text NOT NULL, \"decision_date\" date NOT NULL, \"submitted_on\" date NOT NULL, \"limit_working_days\" integer NOT NULL, \"working_days\" integer, \"on_time\" boolean, \"days_late\" integer, \"complete\" boolean NOT NULL, \"policy_version\" text NOT NULL, CONSTRAINT \"pk_record_timeliness_record_id\" PRIMARY KEY (\"record_id\"))");
    await queryRunner.query("CREATE INDEX \"ix_record_timeliness_department_decision\" ON \"record_collection\".\"record_timeliness\"  (\"provider_department_id\", \"decision_date\") ");
    await queryRunner.query("CREATE TABLE \"record_collection\".\"submission_tally\" (\"department_id\" text NOT NULL, \"day\" date NOT NULL, \"received\" bigint NOT NULL DEFAULT '0', \"rejected\" bigint NOT NULL DEFAULT '0', CONSTRAINT \"pk_submission_tally_department_id_day\" PRIMARY KEY (\"department_id\", \"day\"))");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"catalogue_item\" DROP COLUMN \"current\"");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"catalogue_item\" ADD \"field_schema\" jsonb");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"catalogue_item\" ADD \"optional_fields\" text array NOT NULL DEFAULT '{}'");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"catalogue_item\" ADD \"effective_from\" date NOT NULL DEFAULT '1970-01-01'");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"catalogue_item\" ADD \"published_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"record_collection\".\"catalogue_item\" DROP COLUMN \"published_at\"");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"catalogue_item\" DROP COLUMN \"effective_from\"");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"catalogue_item\" DROP COLUMN \"optional_fields\"");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"catalogue_item\" DROP COLUMN \"field_schema\"");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"catalogue_item\" ADD \"current\" boolean NOT NULL DEFAULT true");
    await queryRunner.query("DROP TABLE \"record_collection\".\"submission_tally\"");
    await queryRunner.query("DROP INDEX \"record_collection\".\"ix_record_timeliness_department_decision\"");
    await queryRunner.query("DROP TABLE \"record_collection\".\"record_timeliness\"");
    await queryRunner.query("DROP TABLE \"record_collection\".\"commitment_serial\"");
    await queryRunner.query("DROP INDEX \"record_collection\".\"uq_commitment_idempotency\"");
    await queryRunner.query("DROP INDEX \"record_collection\".\"ix_commitment_subject_code\"");
    await queryRunner.query("DROP INDEX \"record_collection\".\"ix_commitment_department_code\"");
    await queryRunner.query("DROP INDEX \"record_collection\".\"uq_commitment_code\"");
    await queryRunner.query("DROP TABLE \"record_collection\".\"commitment\"");
  }
}
