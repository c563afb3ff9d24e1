import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProvincialExchange1795450277957 implements MigrationInterface {
  name = 'ProvincialExchange1795450277957';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"provincial_exchange\".\"inbox\" (\"consumer\" text NOT NULL, \"event_id\" text NOT NULL, \"event_type\" text NOT NULL, \"processed_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pk_inbox_consumer_event_id\" PRIMARY KEY (\"consumer\", \"event_id\"))");
    await queryRunner.query("CREATE TABLE \"provincial_exchange\".\"outbox\" (\"seq\" BIGSERIAL NOT NULL, \"event_id\" text NOT NULL, \"topic\" text NOT NULL, \"message_key\" text NOT NULL, \"event_type\" text NOT NULL, \"headers\" jsonb NOT NULL, \"payload\" bytea NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"attempts\" integer NOT NULL DEFAULT '0', \"last_error\" text, CONSTRAINT \"pk_outbox_seq\" PRIMARY KEY (\"seq\"))");
    await queryRunner.query("CREATE TABLE \"provincial_exchange\".\"resource_mapping\" (\"source\" text NOT NULL, \"province_resource\" text NOT NULL, \"name_zh\" text NOT NULL, \"enabled\" boolean NOT NULL DEFAULT true, CONSTRAINT \"pk_resource_mapping_source\" PRIMARY KEY (\"source\"))");
    await queryRunner.query("CREATE TABLE \"provincial_exchange\".\"field_mapping\" (\"direction\" text NOT NULL, \"source\" text NOT NULL, \"province_field\" text NOT NULL, \"our_field\" text NOT NULL, \"label_zh\" text NOT NULL, CONSTRAINT \"pk_field_mapping_direction_source_province_field\" PRIMARY KEY (\"direction\", \"source\", \"province_field\"))");
    await queryRunner.query("CREATE TABLE \"provincial_exchange\".\"outbound_item\" (\"seq\" BIGSERIAL NOT NULL, \"item_id\" text NOT NULL, \"event_type\" text NOT NULL, \"source\" text NOT NULL, \"province_resource\" text NOT NULL, \"subject_key\" text NOT NULL, \"business_date\" date NOT NULL, \"operation\" text NOT NULL, \"data\" jsonb NOT NULL, \"checksum\" text NOT NULL, \"status\" text NOT NULL, \"attempts\" integer NOT NULL DEFAULT '0', \"next_attempt_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"lease_until\" TIMESTAMP WITH TIME ZONE, \"last_http_status\" integer, \"last_error\" text, \"ack_id\" text, \"resends\" integer NOT NULL DEFAULT '0', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"sent_at\" TIMESTAMP WITH TIME ZONE, \"dead_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"pk_outbound_item_seq\" PRIMARY KEY (\"seq\"))");
    await queryRunner.query("CREATE INDEX \"ix_outbound_item_status\" ON \"provincial_exchange\".\"outbound_item\"  (\"status\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_outbound_item_day\" ON \"provincial_exchange\".\"outbound_item\"  (\"business_date\", \"province_resource\") ");
    await queryRunner.query("CREATE INDEX \"ix_outbound_item_subject_open\" ON \"provincial_exchange\".\"outbound_item\"  (\"subject_key\", \"seq\") WHERE status <> 'SENT'");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_outbound_item_item_id\" ON \"provincial_exchange\".\"outbound_item\"  (\"item_id\") ");
    await queryRunner.query("CREATE TABLE \"provincial_exchange\".\"inbound_list\" (\"list_code\" text NOT NULL, \"name_zh\" text NOT NULL, \"catalogue_item_code\" text NOT NULL, \"severity\" text, \"enabled\" boolean NOT NULL DEFAULT true, \"cursor\" text NOT NULL DEFAULT '0', \"last_pulled_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"pk_inbound_list_list_code\" PRIMARY KEY (\"list_code\"))");
    await queryRunner.query("CREATE TABLE \"provincial_exchange\".\"inbound_item\" (\"list_code\" text NOT NULL, \"upstream_id\" text NOT NULL, \"state\" text NOT NULL, \"record_id\" text, \"record_version\" integer, \"checksum\" text NOT NULL, \"last_error\" text, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"pk_inbound_item_list_code_upstream_id\" PRIMARY KEY (\"list_code\", \"upstream_id\"))");
    await queryRunner.query("CREATE TABLE \"provincial_exchange\".\"reconciliation_run\" (\"id\" uuid NOT NULL, \"date\" date NOT NULL, \"trigger\" text NOT NULL, \"status\" text NOT NULL, \"resources\" jsonb NOT NULL DEFAULT '[]', \"differences\" integer NOT NULL DEFAULT '0', \"error\" text, \"started_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"finished_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"pk_reconciliation_run_id\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_reconciliation_run_daily\" ON \"provincial_exchange\".\"reconciliation_run\"  (\"date\") WHERE trigger = 'DAILY'");
    await queryRunner.query("CREATE TABLE \"provincial_exchange\".\"reconciliation_difference\" (\"id\" BIGSERIAL NOT NULL, \"run_id\" uuid NOT NULL, \"date\" date NOT NULL, \"province_resource\" text NOT NULL, \"item_id\" text NOT NULL, \"kind\" text NOT NULL, \"our_checksum\" text, \"their_checksum\" text, \"resent\" boolean NOT NULL DEFAULT false, CONSTRAINT \"pk_reconciliation_difference_id\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_reconciliation_difference_run\" ON \"provincial_exchange\".\"reconciliation_difference\"  (\"run_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"provincial_exchange\".\"ix_reconciliation_difference_run\"");
    await queryRunner.query("DROP TABLE \"provincial_exchange\".\"reconciliation_difference\"");
    await queryRunner.query("DROP INDEX \"provincial_exchange\".\"uq_reconciliation_run_daily\"");
    await queryRunner.query("DROP TABLE \"provincial_exchange\".\"reconciliation_run\"");
    await queryRunner.query("DROP TABLE \"provincial_exchange\".\"inbound_item\"");
    await queryRunner.query("DROP TABLE \"provincial_exchange\".\"inbound_list\"");
    await queryRunner.query("DROP INDEX \"provincial_exchange\".\"uq_outbound_item_item_id\"");
    await queryRunner.query("DROP INDEX \"provincial_exchange\".\"ix_outbound_item_subject_open\"");
    await queryRunner.query("DROP INDEX \"provincial_exchange\".\"ix_outbound_item_day\"");
    await queryRunner.query("DROP INDEX \"provincial_exchange\".\"ix_outbound_item_status\"");
    await queryRunner.query("DROP TABLE \"provincial_exchange\".\"outbound_item\"");
    await queryRunner.query("DROP TABLE \"provincial_exchange\".\"field_mapping\"");
    await queryRunner.query("DROP TABLE \"provincial_exchange\".\"resource_mapping\"");
    await queryRunner.query("DROP TABLE \"provincial_exchange\".\"outbox\"");
    await queryRunner.query("DROP TABLE \"provincial_exchange\".\"inbox\"");
  }
}
