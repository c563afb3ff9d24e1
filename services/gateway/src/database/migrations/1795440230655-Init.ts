import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795440230655 implements MigrationInterface {
  name = 'Init1795440230655';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"gateway\".\"inbox\" (\"consumer\" text NOT NULL, \"event_id\" text NOT NULL, \"event_type\" text NOT NULL, \"processed_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_inbox_consumer_event_id\" PRIMARY KEY (\"consumer\", \"event_id\"))");
    await queryRunner.query("CREATE TABLE \"gateway\".\"outbox\" (\"seq\" BIGSERIAL NOT NULL, \"event_id\" text NOT NULL, \"topic\" text NOT NULL, \"message_key\" text NOT NULL, \"event_type\" text NOT NULL, \"headers\" jsonb NOT NULL, \"payload\" bytea NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"attempts\" integer NOT NULL DEFAULT '0', \"last_error\" text, CONSTRAINT \"pk_outbox_seq\" PRIMARY KEY (\"seq\"))");
    await queryRunner.query("CREATE TABLE \"gateway\".\"department\" (\"id\" text NOT NULL, \"name\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_department_id\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"gateway\".\"api_client\" (\"client_id\" text NOT NULL, \"department_id\" text NOT NULL, \"name\" text NOT NULL, \"secret_hash\" text NOT NULL, \"scopes\" text array NOT NULL, \"revoked_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_api_client_client_id\" PRIMARY KEY (\"client_id\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"gateway\".\"api_client\"");
    await queryRunner.query("DROP TABLE \"gateway\".\"department\"");
    await queryRunner.query("DROP TABLE \"gateway\".\"outbox\"");
    await queryRunner.query("DROP TABLE \"gateway\".\"inbox\"");
  }
}
