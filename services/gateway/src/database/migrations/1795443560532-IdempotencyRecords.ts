import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyRecords1795443560532 implements MigrationInterface {
  name = 'IdempotencyRecords1795443560532';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"gateway\".\"idempotency_record\" (\"client_id\" text NOT NULL, \"key\" text NOT NULL, \"request_hash\" text NOT NULL, \"status_code\" integer, \"response\" jsonb, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"pk_idempotency_record_client_id_key\" PRIMARY KEY (\"client_id\", \"key\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"gateway\".\"idempotency_record\"");
  }
}
