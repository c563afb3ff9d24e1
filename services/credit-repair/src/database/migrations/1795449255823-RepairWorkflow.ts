import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RepairWorkflow1795449255823 implements MigrationInterface {
  name = 'RepairWorkflow1795449255823';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"credit_repair\".\"reminder_letter\" (\"id\" uuid NOT NULL, \"record_id\" uuid NOT NULL, \"subject_key\" text NOT NULL, \"subject\" jsonb NOT NULL, \"deciding_department_id\" text NOT NULL, \"decision_number\" text NOT NULL, \"decision_date\" date NOT NULL, \"severity\" text NOT NULL, \"earliest_repair_date\" date NOT NULL, \"publicity_max_end\" date NOT NULL, \"routes\" text array NOT NULL, \"methods\" text array NOT NULL, \"obligations\" text array NOT NULL, \"acceptance_feedback_working_days\" integer NOT NULL, \"decision_working_days\" integer NOT NULL, \"text_zh\" text NOT NULL, \"policy_version\" text NOT NULL, \"issued_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"pk_reminder_letter_id\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_reminder_letter_record_id\" ON \"credit_repair\".\"reminder_letter\"  (\"record_id\") ");
    await queryRunner.query("CREATE TABLE \"credit_repair\".\"repair_record\" (\"record_id\" uuid NOT NULL, \"subject_key\" text NOT NULL, \"subject\" jsonb NOT NULL, \"version\" integer NOT NULL, \"provider_department_id\" text NOT NULL, \"catalogue_item_code\" text NOT NULL, \"decision_number\" text NOT NULL, \"decision_date\" date NOT NULL, \"adverse\" boolean NOT NULL, \"severity\" text, \"status\" text NOT NULL DEFAULT 'ACTIVE', \"publicity_end\" date, \"fine_amount\" numeric, \"fields\" jsonb NOT NULL, \"jurisdiction\" text NOT NULL, CONSTRAINT \"pk_repair_record_record_id\" PRIMARY KEY (\"record_id\"))");
    await queryRunner.query("CREATE INDEX \"ix_repair_record_subject_key\" ON \"credit_repair\".\"repair_record\"  (\"subject_key\") ");
    await queryRunner.query("CREATE TABLE \"credit_repair\".\"repair_list_entry\" (\"entry_id\" uuid NOT NULL, \"subject_key\" text NOT NULL, \"subject\" jsonb NOT NULL, \"list_type\" text NOT NULL, \"status\" text NOT NULL, \"sequence\" integer NOT NULL, \"basis_record_ids\" text array NOT NULL, \"identifying_department_id\" text NOT NULL, \"period_start\" date, \"period_end\" date, CONSTRAINT \"pk_repair_list_entry_entry_id\" PRIMARY KEY (\"entry_id\"))");
    await queryRunner.query("CREATE INDEX \"ix_repair_list_entry_subject_key\" ON \"credit_repair\".\"repair_list_entry\"  (\"subject_key\") ");
    await queryRunner.query("CREATE TABLE \"credit_repair\".\"repair_application\" (\"id\" uuid NOT NULL, \"idempotency_key\" text NOT NULL, \"request_hash\" text NOT NULL, \"subject_key\" text NOT NULL, \"subject\" jsonb NOT NULL, \"target_type\" text NOT NULL, \"target_id\" uuid NOT NULL, \"record_ids\" text array NOT NULL, \"deciding_department_id\" text NOT NULL, \"requester_department_id\" text, \"status\" text NOT NULL, \"methods\" text array NOT NULL, \"statement\" text NOT NULL, \"evidence\" jsonb NOT NULL, \"commitment\" jsonb, \"refusal_reasons\" jsonb NOT NULL, \"earliest_eligible_date\" date, \"applied_on\" date NOT NULL, \"feedback_due\" date, \"decision_due\" date, \"escalated_on\" date, \"decided_on\" date, \"decided_at\" TIMESTAMP WITH TIME ZONE, \"decided_on_time\" boolean, \"rejection_reasons\" text array NOT NULL DEFAULT '{}', \"effective_date\" date, \"revoked_on\" date, \"revocation_reason\" text, \"revoked_by_department_id\" text, \"policy_version\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"pk_repair_application_id\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_repair_application_status_decision_due\" ON \"credit_repair\".\"repair_application\"  (\"status\", \"decision_due\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_repair_application_open_target\" ON \"credit_repair\".\"repair_application\"  (\"target_type\", \"target_id\") WHERE \"status\" = 'ACCEPTED'");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_repair_application_idempotency\" ON \"credit_repair\".\"repair_application\"  (\"subject_key\", \"idempotency_key\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"credit_repair\".\"uq_repair_application_idempotency\"");
    await queryRunner.query("DROP INDEX \"credit_repair\".\"uq_repair_application_open_target\"");
    await queryRunner.query("DROP INDEX \"credit_repair\".\"ix_repair_application_status_decision_due\"");
    await queryRunner.query("DROP TABLE \"credit_repair\".\"repair_application\"");
    await queryRunner.query("DROP INDEX \"credit_repair\".\"ix_repair_list_entry_subject_key\"");
    await queryRunner.query("DROP TABLE \"credit_repair\".\"repair_list_entry\"");
    await queryRunner.query("DROP INDEX \"credit_repair\".\"ix_repair_record_subject_key\"");
    await queryRunner.query("DROP TABLE \"credit_repair\".\"repair_record\"");
    await queryRunner.query("DROP INDEX \"credit_repair\".\"uq_reminder_letter_record_id\"");
    await queryRunner.query("DROP TABLE \"credit_repair\".\"reminder_letter\"");
  }
}
