import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProfileListsObjections1795449265788 implements MigrationInterface {
  name = 'ProfileListsObjections1795449265788';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"credit_check\".\"profile_list_entry\" (\"entry_id\" uuid NOT NULL, \"subject_key\" text NOT NULL, \"list_type\" text NOT NULL, \"status\" text NOT NULL, \"sequence\" integer NOT NULL, \"basis_record_ids\" text array NOT NULL DEFAULT '{}', \"period_start\" date, \"period_end\" date, \"identifying_department_id\" text NOT NULL, \"basis_text\" text NOT NULL DEFAULT '', \"related_to_entry_id\" uuid, \"relation\" text, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"pk_profile_list_entry_entry_id\" PRIMARY KEY (\"entry_id\"))");
    await queryRunner.query("CREATE INDEX \"ix_profile_list_entry_subject_key\" ON \"credit_check\".\"profile_list_entry\"  (\"subject_key\") ");
    await queryRunner.query("CREATE TABLE \"credit_check\".\"profile_objection\" (\"objection_id\" uuid NOT NULL, \"subject_key\" text NOT NULL, \"target_type\" text NOT NULL, \"target_id\" text NOT NULL, \"open\" boolean NOT NULL, \"outcome\" text, \"marked_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"resolved_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"pk_profile_objection_objection_id\" PRIMARY KEY (\"objection_id\"))");
    await queryRunner.query("CREATE INDEX \"ix_profile_objection_subject_key\" ON \"credit_check\".\"profile_objection\"  (\"subject_key\") ");
    await queryRunner.query("CREATE TABLE \"credit_check\".\"check_correction_notice\" (\"check_id\" uuid NOT NULL, \"objection_id\" uuid NOT NULL, \"department_id\" text NOT NULL, \"subject_key\" text NOT NULL, \"target_id\" text NOT NULL, \"outcome\" text NOT NULL, \"checked_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"pk_check_correction_notice_check_id_objection_id\" PRIMARY KEY (\"check_id\", \"objection_id\"))");
    await queryRunner.query("CREATE INDEX \"ix_check_correction_notice_department\" ON \"credit_check\".\"check_correction_notice\"  (\"department_id\", \"created_at\") ");
    await queryRunner.query("ALTER TABLE \"credit_check\".\"profile_record\" ADD \"status\" text NOT NULL DEFAULT 'ACTIVE'");
    await queryRunner.query("ALTER TABLE \"credit_check\".\"profile_record\" ADD \"effect_end\" date");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"credit_check\".\"profile_record\" DROP COLUMN \"effect_end\"");
    await queryRunner.query("ALTER TABLE \"credit_check\".\"profile_record\" DROP COLUMN \"status\"");
    await queryRunner.query("DROP INDEX \"credit_check\".\"ix_check_correction_notice_department\"");
    await queryRunner.query("DROP TABLE \"credit_check\".\"check_correction_notice\"");
    await queryRunner.query("DROP INDEX \"credit_check\".\"ix_profile_objection_subject_key\"");
    await queryRunner.query("DROP TABLE \"credit_check\".\"profile_objection\"");
    await queryRunner.query("DROP INDEX \"credit_check\".\"ix_profile_list_entry_subject_key\"");
    await queryRunner.query("DROP TABLE \"credit_check\".\"profile_list_entry\"");
  }
}
