import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795440229103 implements MigrationInterface {
  name = 'Init1795440229103';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"credit_check\".\"inbox\" (\"consumer\" text NOT NULL, \"event_id\" text NOT NULL, \"event_type\" text NOT NULL, \"processed_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_inbox_consumer_event_id\" PRIMARY KEY (\"consumer\", \"event_id\"))");
    await queryRunner.query("CREATE TABLE \"credit_check\".\"outbox\" (\"seq\" BIGSERIAL NOT NULL, \"event_id\" text NOT NULL, \"topic\" text NOT NULL, \"message_key\" text NOT NULL, \"event_type\" text NOT NULL, \"headers\" jsonb NOT NULL, \"payload\" bytea NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"attempts\" integer NOT NULL DEFAULT '0', \"last_error\" text, CONSTRAINT \"pk_outbox_seq\" PRIMARY KEY (\"seq\"))");
    await queryRunner.query("CREATE TABLE \"credit_check\".\"subject_profile\" (\"subject_key\" text NOT NULL, \"subject_type\" text NOT NULL, \"name\" text NOT NULL, \"uscc\" text, \"masked_id_number\" text, \"adverse_count\" integer NOT NULL DEFAULT '0', \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"pk_subject_profile_subject_key\" PRIMARY KEY (\"subject_key\"))");
    await queryRunner.query("CREATE TABLE \"credit_check\".\"profile_record\" (\"record_id\" uuid NOT NULL, \"subject_key\" text NOT NULL, \"version\" integer NOT NULL, \"catalogue_item_code\" text NOT NULL, \"category\" text NOT NULL, \"provider_department_id\" text NOT NULL, \"decision_number\" text NOT NULL, \"decision_date\" date NOT NULL, \"adverse\" boolean NOT NULL, \"severity\" text, \"publicity_start\" date, \"publicity_end\" date, \"fields\" jsonb NOT NULL, CONSTRAINT \"pk_profile_record_record_id\" PRIMARY KEY (\"record_id\"))");
    await queryRunner.query("CREATE INDEX \"ix_profile_record_subject_key\" ON \"credit_check\".\"profile_record\"  (\"subject_key\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"credit_check\".\"ix_profile_record_subject_key\"");
    await queryRunner.query("DROP TABLE \"credit_check\".\"profile_record\"");
    await queryRunner.query("DROP TABLE \"credit_check\".\"subject_profile\"");
    await queryRunner.query("DROP TABLE \"credit_check\".\"outbox\"");
    await queryRunner.query("DROP TABLE \"credit_check\".\"inbox\"");
  }
}
