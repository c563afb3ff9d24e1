import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ObjectionHandling1795449286479 implements MigrationInterface {
  name = 'ObjectionHandling1795449286479';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"objection\".\"objection_target\" (\"target_type\" text NOT NULL, \"target_id\" text NOT NULL, \"subject_key\" text NOT NULL, \"subject_type\" text NOT NULL, \"subject_name\" text NOT NULL, \"subject_uscc\" text, \"subject_masked_id_number\" text, \"verifying_department_id\" text NOT NULL, \"version\" integer NOT NULL, \"status\" text NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"pk_objection_target_target_type_target_id\" PRIMARY KEY (\"target_type\", \"target_id\"))");
    await queryRunner.query("CREATE TABLE \"objection\".\"objection\" (\"id\" uuid NOT NULL, \"status\" text NOT NULL, \"target_type\" text NOT NULL, \"target_id\" text NOT NULL, \"target_version\" integer NOT NULL, \"subject_key\" text NOT NULL, \"subject_type\" text NOT NULL, \"subject_name\" text NOT NULL, \"subject_uscc\" text, \"subject_masked_id_number\" text, \"grounds\" text NOT NULL, \"requester_department_id\" text NOT NULL, \"verifying_department_id\" text NOT NULL, \"filed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"filing_date\" date NOT NULL, \"marked_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"marking_due\" date NOT NULL, \"marked_on_time\" boolean NOT NULL, \"verification_due\" date NOT NULL, \"verification_day_kind\" text NOT NULL, \"reminder_date\" date NOT NULL, \"policy_version\" text NOT NULL, \"escalated\" boolean NOT NULL DEFAULT false, \"escalated_on\" date, \"outcome\" text, \"reasons\" text, \"corrected_fields\" jsonb, \"decided_by\" text, \"decided_at\" TIMESTAMP WITH TIME ZONE, \"decision_date\" date, \"decision_idempotency_key\" text, \"decision_request_hash\" text, \"statement_count\" integer NOT NULL, CONSTRAINT \"pk_objection_id\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_objection_filed_at\" ON \"objection\".\"objection\"  (\"filed_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_objection_subject_key\" ON \"objection\".\"objection\"  (\"subject_key\") ");
    await queryRunner.query("CREATE INDEX \"ix_objection_verifying_department\" ON \"objection\".\"objection\"  (\"verifying_department_id\", \"status\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_objection_open_target\" ON \"objection\".\"objection\"  (\"target_type\", \"target_id\") WHERE status = 'OPEN'");
    await queryRunner.query("CREATE TABLE \"objection\".\"objection_statement\" (\"objection_id\" uuid NOT NULL, \"sequence\" integer NOT NULL, \"requester_department_id\" text NOT NULL, \"grounds\" text NOT NULL, \"statement\" text NOT NULL, \"contact\" jsonb NOT NULL, \"filed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"pk_objection_statement_objection_id_sequence\" PRIMARY KEY (\"objection_id\", \"sequence\"))");
    await queryRunner.query("CREATE TABLE \"objection\".\"objection_attachment\" (\"objection_id\" uuid NOT NULL, \"statement_sequence\" integer NOT NULL, \"index\" integer NOT NULL, \"file_name\" text NOT NULL, \"media_type\" text NOT NULL, \"size_bytes\" integer NOT NULL, \"sha256\" text NOT NULL, \"content\" bytea NOT NULL, CONSTRAINT \"pk_objection_attachment_objection_id_statement_sequence_index\" PRIMARY KEY (\"objection_id\", \"statement_sequence\", \"index\"))");
    await queryRunner.query("CREATE TABLE \"objection\".\"objection_history\" (\"id\" BIGSERIAL NOT NULL, \"objection_id\" uuid NOT NULL, \"kind\" text NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"actor\" text NOT NULL, \"detail\" jsonb NOT NULL, CONSTRAINT \"pk_objection_history_id\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_objection_history_objection\" ON \"objection\".\"objection_history\"  (\"objection_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"objection\".\"objection_filing\" (\"requester_department_id\" text NOT NULL, \"idempotency_key\" text NOT NULL, \"request_hash\" text NOT NULL, \"objection_id\" uuid NOT NULL, \"merged\" boolean NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"pk_objection_filing_requester_department_id_idempotency_key\" PRIMARY KEY (\"requester_department_id\", \"idempotency_key\"))");
    await queryRunner.query("CREATE TABLE \"objection\".\"objection_notification\" (\"objection_id\" uuid NOT NULL, \"kind\" text NOT NULL, \"department_id\" text NOT NULL, \"date\" date NOT NULL, \"verification_due\" date NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"pk_objection_notification_objection_id_kind\" PRIMARY KEY (\"objection_id\", \"kind\"))");
    await queryRunner.query("CREATE INDEX \"ix_objection_notification_department\" ON \"objection\".\"objection_notification\"  (\"department_id\", \"date\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"objection\".\"ix_objection_notification_department\"");
    await queryRunner.query("DROP TABLE \"objection\".\"objection_notification\"");
    await queryRunner.query("DROP TABLE \"objection\".\"objection_filing\"");
    await queryRunner.query("DROP INDEX \"objection\".\"ix_objection_history_objection\"");
    await queryRunner.query("DROP TABLE \"objection\".\"objection_history\"");
    await queryRunner.query("DROP TABLE \"objection\".\"objection_attachment\"");
    await queryRunner.query("DROP TABLE \"objection\".\"objection_statement\"");
    await queryRunner.query("DROP INDEX \"objection\".\"uq_objection_open_target\"");
    await queryRunner.query("DROP INDEX \"objection\".\"ix_objection_verifying_department\"");
    await queryRunner.query("DROP INDEX \"objection\".\"ix_objection_subject_key\"");
    await queryRunner.query("DROP INDEX \"objection\".\"ix_objection_filed_at\"");
    await queryRunner.query("DROP TABLE \"objection\".\"objection\"");
    await queryRunner.query("DROP TABLE \"objection\".\"objection_target\"");
  }
}
