import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795440227621 implements MigrationInterface {
  name = 'Init1795440227621';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"record_collection\".\"inbox\" (\"consumer\" text NOT NULL, \"event_id\" text NOT NULL, \"event_type\" text NOT NULL, \"processed_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_inbox_consumer_event_id\" PRIMARY KEY (\"consumer\", \"event_id\"))");
    await queryRunner.query("CREATE TABLE \"record_collection\".\"outbox\" (\"seq\" BIGSERIAL NOT NULL, \"event_id\" text NOT NULL, \"topic\" text NOT NULL, \"message_key\" text NOT NULL, \"event_type\" text NOT NULL, \"headers\" jsonb NOT NULL, \"payload\" bytea NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"attempts\" integer NOT NULL DEFAULT '0', \"last_error\" text, CONSTRAINT \"pk_outbox_seq\" PRIMARY KEY (\"seq\"))");
    await queryRunner.query("CREATE TABLE \"record_collection\".\"catalogue_item\" (\"code\" text NOT NULL, \"version\" integer NOT NULL, \"name\" text NOT NULL, \"category\" text NOT NULL, \"adverse\" boolean NOT NULL, \"disclosure\" text NOT NULL, \"subject_types\" text array NOT NULL, \"required_fields\" text array NOT NULL, \"responsible_departments\" text array NOT NULL, \"current\" boolean NOT NULL DEFAULT true, CONSTRAINT \"pk_catalogue_item_code_version\" PRIMARY KEY (\"code\", \"version\"))");
    await queryRunner.query("CREATE TABLE \"record_collection\".\"credit_record\" (\"id\" uuid NOT NULL, \"provider_department_id\" text NOT NULL, \"catalogue_item_code\" text NOT NULL, \"decision_number\" text NOT NULL, \"subject_key\" text NOT NULL, \"current_version\" integer NOT NULL, \"content_hash\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_credit_record_id\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_credit_record_subject_key\" ON \"record_collection\".\"credit_record\"  (\"subject_key\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_credit_record_natural_key\" ON \"record_collection\".\"credit_record\"  (\"provider_department_id\", \"catalogue_item_code\", \"decision_number\") ");
    await queryRunner.query("CREATE TABLE \"record_collection\".\"credit_record_version\" (\"record_id\" uuid NOT NULL, \"version\" integer NOT NULL, \"catalogue_item_version\" integer NOT NULL, \"subject_key\" text NOT NULL, \"subject_name\" text NOT NULL, \"decision_date\" date NOT NULL, \"severity\" text, \"fields\" jsonb NOT NULL, \"publicity_start\" date, \"publicity_end\" date, \"policy_version\" text, \"content_hash\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_credit_record_version_record_id_version\" PRIMARY KEY (\"record_id\", \"version\"))");
    await queryRunner.query("CREATE TABLE \"record_collection\".\"subject\" (\"key\" text NOT NULL, \"type\" text NOT NULL, \"name\" text NOT NULL, \"uscc\" text, \"masked_id_number\" text, \"first_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_subject_key\" PRIMARY KEY (\"key\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"record_collection\".\"subject\"");
    await queryRunner.query("DROP TABLE \"record_collection\".\"credit_record_version\"");
    await queryRunner.query("DROP INDEX \"record_collection\".\"uq_credit_record_natural_key\"");
    await queryRunner.query("DROP INDEX \"record_collection\".\"ix_credit_record_subject_key\"");
    await queryRunner.query("DROP TABLE \"record_collection\".\"credit_record\"");
    await queryRunner.query("DROP TABLE \"record_collection\".\"catalogue_item\"");
    await queryRunner.query("DROP TABLE \"record_collection\".\"outbox\"");
    await queryRunner.query("DROP TABLE \"record_collection\".\"inbox\"");
  }
}
