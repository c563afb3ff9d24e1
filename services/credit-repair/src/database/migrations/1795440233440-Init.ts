import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795440233440 implements MigrationInterface {
  name = 'Init1795440233440';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"credit_repair\".\"inbox\" (\"consumer\" text NOT NULL, \"event_id\" text NOT NULL, \"event_type\" text NOT NULL, \"processed_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_inbox_consumer_event_id\" PRIMARY KEY (\"consumer\", \"event_id\"))");
    await queryRunner.query("CREATE TABLE \"credit_repair\".\"outbox\" (\"seq\" BIGSERIAL NOT NULL, \"event_id\" text NOT NULL, \"topic\" text NOT NULL, \"message_key\" text NOT NULL, \"event_type\" text NOT NULL, \"headers\" jsonb NOT NULL, \"payload\" bytea NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"attempts\" integer NOT NULL DEFAULT '0', \"last_error\" text, CONSTRAINT \"pk_outbox_seq\" PRIMARY KEY (\"seq\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"credit_repair\".\"outbox\"");
    await queryRunner.query("DROP TABLE \"credit_repair\".\"inbox\"");
  }
}
