import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportBatches1795450171227 implements MigrationInterface {
  name = 'ImportBatches1795450171227';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"record_collection\".\"import_batch\" (\"id\" uuid NOT NULL, \"provider_department_id\" text NOT NULL, \"format\" text NOT NULL, \"default_catalogue_item_code\" text, \"client_batch_key\" text, \"status\" text NOT NULL DEFAULT 'RECEIVING', \"header\" jsonb, \"processed_through\" bigint NOT NULL DEFAULT '0', \"received\" integer NOT NULL DEFAULT '0', \"created\" integer NOT NULL DEFAULT '0', \"new_versions\" integer NOT NULL DEFAULT '0', \"unchanged\" integer NOT NULL DEFAULT '0', \"rejected\" integer NOT NULL DEFAULT '0', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"completed_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"pk_import_batch_id\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_import_batch_client_key\" ON \"record_collection\".\"import_batch\"  (\"provider_department_id\", \"client_batch_key\") WHERE \"client_batch_key\" IS NOT NULL");
    await queryRunner.query("CREATE TABLE \"record_collection\".\"import_row_error\" (\"import_id\" uuid NOT NULL, \"line_number\" bigint NOT NULL, \"seq\" integer NOT NULL, \"field\" text NOT NULL, \"code\" text NOT NULL, \"message_zh\" text NOT NULL, \"message_en\" text NOT NULL, CONSTRAINT \"pk_import_row_error_import_id_line_number_seq\" PRIMARY KEY (\"import_id\", \"line_number\", \"seq\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"record_collection\".\"import_row_error\"");
    await queryRunner.query("DROP INDEX \"record_collection\".\"uq_import_batch_client_key\"");
    await queryRunner.query("DROP TABLE \"record_collection\".\"import_batch\"");
  }
}
