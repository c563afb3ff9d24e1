import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated, then edited to carry data over: responsible departments (array, `*` = any) become grants and the open flag. */
export class CollectionLifecycle1795449324030 implements MigrationInterface {
  name = 'CollectionLifecycle1795449324030';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"record_collection\".\"catalogue_responsibility\" (\"catalogue_item_code\" text NOT NULL, \"department_id\" text NOT NULL, \"granted_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_catalogue_responsibility_catalogue_item_code_department_id\" PRIMARY KEY (\"catalogue_item_code\", \"department_id\"))");
    await queryRunner.query("CREATE TABLE \"record_collection\".\"data_quality_issue\" (\"id\" BIGSERIAL NOT NULL, \"kind\" text NOT NULL, \"subject_key\" text NOT NULL, \"record_id\" uuid NOT NULL, \"record_version\" integer NOT NULL, \"provider_department_id\" text NOT NULL, \"known_name\" text NOT NULL, \"submitted_name\" text NOT NULL, \"detected_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_data_quality_issue_id\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_data_quality_issue_subject_key\" ON \"record_collection\".\"data_quality_issue\"  (\"subject_key\") ");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record\" ADD \"status\" text NOT NULL DEFAULT 'ACTIVE'");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record\" ADD \"status_cause\" text");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record\" ADD \"status_changed_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record\" ADD \"publicity_end\" date");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record\" ADD \"period_end\" date");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record_version\" ADD \"change_kind\" text NOT NULL DEFAULT 'SUBMITTED'");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record_version\" ADD \"reason\" text");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record_version\" ADD \"submitted_by_department_id\" text");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record_version\" ADD \"objection_id\" text");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record_version\" ADD \"related_persons\" jsonb NOT NULL DEFAULT '[]'");
    // Responsible departments move from an array on the item to grants; `*` becomes open submission.
    await queryRunner.query("ALTER TABLE \"record_collection\".\"catalogue_item\" ADD \"open_submission\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("UPDATE record_collection.catalogue_item SET open_submission = true WHERE '*' = ANY(responsible_departments)");
    await queryRunner.query("INSERT INTO record_collection.catalogue_responsibility (catalogue_item_code, department_id) SELECT DISTINCT code, d FROM record_collection.catalogue_item, unnest(responsible_departments) AS d WHERE d <> '*' ON CONFLICT DO NOTHING");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"catalogue_item\" DROP COLUMN \"responsible_departments\"");
    // Records collected before: their display end is their current version's window.
    await queryRunner.query("UPDATE record_collection.credit_record r SET publicity_end = v.publicity_end, period_end = v.publicity_end FROM record_collection.credit_record_version v WHERE v.record_id = r.id AND v.version = r.current_version");
    await queryRunner.query("CREATE INDEX \"ix_credit_record_status_period_end\" ON \"record_collection\".\"credit_record\"  (\"status\", \"period_end\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"record_collection\".\"ix_credit_record_status_period_end\"");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"catalogue_item\" ADD \"responsible_departments\" text array NOT NULL DEFAULT '{}'");
    await queryRunner.query("UPDATE record_collection.catalogue_item i SET responsible_departments = CASE WHEN i.open_submission THEN '{*}' ELSE ARRAY(SELECT department_id FROM record_collection.catalogue_responsibility g WHERE g.catalogue_item_code = i.code ORDER BY 1) END");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"catalogue_item\" ALTER COLUMN \"responsible_departments\" DROP DEFAULT");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"catalogue_item\" DROP COLUMN \"open_submission\"");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record_version\" DROP COLUMN \"related_persons\"");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record_version\" DROP COLUMN \"objection_id\"");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record_version\" DROP COLUMN \"submitted_by_department_id\"");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record_version\" DROP COLUMN \"reason\"");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record_version\" DROP COLUMN \"change_kind\"");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record\" DROP COLUMN \"period_end\"");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record\" DROP COLUMN \"publicity_end\"");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record\" DROP COLUMN \"status_changed_at\"");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record\" DROP COLUMN \"status_cause\"");
    await queryRunner.query("ALTER TABLE \"record_collection\".\"credit_record\" DROP COLUMN \"status\"");
    await queryRunner.query("DROP INDEX \"record_collection\".\"ix_data_quality_issue_subject_key\"");
    await queryRunner.query("DROP TABLE \"record_collection\".\"data_quality_issue\"");
    await queryRunner.query("DROP TABLE \"record_collection\".\"catalogue_responsibility\"");
  }
}
