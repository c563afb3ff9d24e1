import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ListsAndMeasures1795449244322 implements MigrationInterface {
  name = 'ListsAndMeasures1795449244322';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"joint_reward_punishment\".\"list_entry\" (\"id\" uuid NOT NULL, \"subject_key\" text NOT NULL, \"subject_type\" text NOT NULL, \"subject_name\" text NOT NULL, \"subject_uscc\" text, \"subject_masked_id_number\" text, \"list_type\" text NOT NULL, \"status\" text NOT NULL, \"status_before_suspension\" text, \"sequence\" integer NOT NULL, \"rule_code\" text, \"rule_version\" integer, \"rule_jurisdiction\" text, \"identifying_department_id\" text NOT NULL, \"basis_text\" text NOT NULL, \"reason\" text NOT NULL, \"jurisdiction\" text NOT NULL, \"policy_version\" text NOT NULL, \"policy_date\" date NOT NULL, \"notice_date\" date, \"objection_window_end\" date, \"period_start\" date, \"period_end\" date, \"end_reason\" text, \"ended_on\" date, \"related_to_entry_id\" uuid, \"relation\" text, \"idempotency_key\" text, \"request_hash\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"pk_list_entry_id\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_list_entry_status\" ON \"joint_reward_punishment\".\"list_entry\"  (\"status\") ");
    await queryRunner.query("CREATE INDEX \"ix_list_entry_related_to\" ON \"joint_reward_punishment\".\"list_entry\"  (\"related_to_entry_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_list_entry_idempotency\" ON \"joint_reward_punishment\".\"list_entry\"  (\"identifying_department_id\", \"idempotency_key\") WHERE idempotency_key IS NOT NULL");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_list_entry_open_related\" ON \"joint_reward_punishment\".\"list_entry\"  (\"subject_key\", \"list_type\", \"related_to_entry_id\") WHERE status <> 'ENDED' AND related_to_entry_id IS NOT NULL");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_list_entry_open_own\" ON \"joint_reward_punishment\".\"list_entry\"  (\"subject_key\", \"list_type\") WHERE status <> 'ENDED' AND related_to_entry_id IS NULL");
    await queryRunner.query("CREATE TABLE \"joint_reward_punishment\".\"list_entry_basis\" (\"entry_id\" uuid NOT NULL, \"record_id\" text NOT NULL, \"record_status\" text NOT NULL DEFAULT 'ACTIVE', CONSTRAINT \"pk_list_entry_basis_entry_id_record_id\" PRIMARY KEY (\"entry_id\", \"record_id\"))");
    await queryRunner.query("CREATE INDEX \"ix_list_entry_basis_record\" ON \"joint_reward_punishment\".\"list_entry_basis\"  (\"record_id\") ");
    await queryRunner.query("CREATE TABLE \"joint_reward_punishment\".\"list_entry_transition\" (\"entry_id\" uuid NOT NULL, \"sequence\" integer NOT NULL, \"from_status\" text, \"to_status\" text NOT NULL, \"actor\" text NOT NULL, \"reason\" text NOT NULL, \"end_reason\" text, \"cause_id\" text, \"effective_date\" date NOT NULL, \"changed_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_list_entry_transition_entry_id_sequence\" PRIMARY KEY (\"entry_id\", \"sequence\"))");
    await queryRunner.query("CREATE TABLE \"joint_reward_punishment\".\"list_notice\" (\"entry_id\" uuid NOT NULL, \"notice_number\" text NOT NULL, \"issued_on\" date NOT NULL, \"objection_window_end\" date NOT NULL, \"text_zh\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"uq_list_notice_notice_number\" UNIQUE (\"notice_number\"), CONSTRAINT \"pk_list_notice_entry_id\" PRIMARY KEY (\"entry_id\"))");
    await queryRunner.query("CREATE TABLE \"joint_reward_punishment\".\"entry_objection\" (\"objection_id\" text NOT NULL, \"entry_id\" uuid NOT NULL, \"target_type\" text NOT NULL, \"target_id\" text NOT NULL, \"state\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_entry_objection_objection_id_entry_id\" PRIMARY KEY (\"objection_id\", \"entry_id\"))");
    await queryRunner.query("CREATE INDEX \"ix_entry_objection_entry\" ON \"joint_reward_punishment\".\"entry_objection\"  (\"entry_id\") ");
    await queryRunner.query("CREATE TABLE \"joint_reward_punishment\".\"tracked_record\" (\"record_id\" text NOT NULL, \"version\" integer NOT NULL, \"subject_key\" text NOT NULL, \"catalogue_item_code\" text NOT NULL, \"category\" text NOT NULL, \"provider_department_id\" text NOT NULL, \"decision_number\" text NOT NULL, \"decision_date\" date NOT NULL, \"adverse\" boolean NOT NULL, \"severity\" text, \"status\" text NOT NULL, \"jurisdiction\" text NOT NULL, \"related_persons\" jsonb NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"pk_tracked_record_record_id\" PRIMARY KEY (\"record_id\"))");
    await queryRunner.query("CREATE INDEX \"ix_tracked_record_subject\" ON \"joint_reward_punishment\".\"tracked_record\"  (\"subject_key\") ");
    await queryRunner.query("CREATE TABLE \"joint_reward_punishment\".\"auto_rule\" (\"code\" text NOT NULL, \"jurisdiction\" text NOT NULL, \"version\" integer NOT NULL, \"effective_from\" date NOT NULL, \"enabled\" boolean NOT NULL, \"kind\" text NOT NULL, \"list_type\" text NOT NULL, \"severity\" text NOT NULL, \"categories\" text array NOT NULL, \"basis_text\" text NOT NULL, \"description_zh\" text NOT NULL, CONSTRAINT \"pk_auto_rule_code_jurisdiction_version\" PRIMARY KEY (\"code\", \"jurisdiction\", \"version\"))");
    await queryRunner.query("CREATE TABLE \"joint_reward_punishment\".\"measure_edition\" (\"id\" text NOT NULL, \"effective_from\" date NOT NULL, \"basis\" text array NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_measure_edition_id\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"joint_reward_punishment\".\"measure\" (\"edition_id\" text NOT NULL, \"code\" text NOT NULL, \"position\" integer NOT NULL, \"content_zh\" text NOT NULL, \"content_en\" text NOT NULL, \"type\" text NOT NULL, \"measure_class\" text NOT NULL, \"class_basis\" text NOT NULL, \"effect\" text NOT NULL, \"channel\" text NOT NULL, \"target_lists\" text array NOT NULL, \"target_grades\" text array NOT NULL, \"related_persons\" boolean NOT NULL, \"subject_types\" text array NOT NULL, \"target_wording\" text NOT NULL, \"matter_types\" text array NOT NULL, \"implementing_body_zh\" text NOT NULL, \"legal_basis\" text array NOT NULL, \"sources\" text array NOT NULL, \"quotes\" jsonb NOT NULL, \"default_period_months\" integer, \"notes\" text, CONSTRAINT \"pk_measure_edition_id_code\" PRIMARY KEY (\"edition_id\", \"code\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"joint_reward_punishment\".\"measure\"");
    await queryRunner.query("DROP TABLE \"joint_reward_punishment\".\"measure_edition\"");
    await queryRunner.query("DROP TABLE \"joint_reward_punishment\".\"auto_rule\"");
    await queryRunner.query("DROP INDEX \"joint_reward_punishment\".\"ix_tracked_record_subject\"");
    await queryRunner.query("DROP TABLE \"joint_reward_punishment\".\"tracked_record\"");
    await queryRunner.query("DROP INDEX \"joint_reward_punishment\".\"ix_entry_objection_entry\"");
    await queryRunner.query("DROP TABLE \"joint_reward_punishment\".\"entry_objection\"");
    await queryRunner.query("DROP TABLE \"joint_reward_punishment\".\"list_notice\"");
    await queryRunner.query("DROP TABLE \"joint_reward_punishment\".\"list_entry_transition\"");
    await queryRunner.query("DROP INDEX \"joint_reward_punishment\".\"ix_list_entry_basis_record\"");
    await queryRunner.query("DROP TABLE \"joint_reward_punishment\".\"list_entry_basis\"");
    await queryRunner.query("DROP INDEX \"joint_reward_punishment\".\"uq_list_entry_open_own\"");
    await queryRunner.query("DROP INDEX \"joint_reward_punishment\".\"uq_list_entry_open_related\"");
    await queryRunner.query("DROP INDEX \"joint_reward_punishment\".\"uq_list_entry_idempotency\"");
    await queryRunner.query("DROP INDEX \"joint_reward_punishment\".\"ix_list_entry_related_to\"");
    await queryRunner.query("DROP INDEX \"joint_reward_punishment\".\"ix_list_entry_status\"");
    await queryRunner.query("DROP TABLE \"joint_reward_punishment\".\"list_entry\"");
  }
}
