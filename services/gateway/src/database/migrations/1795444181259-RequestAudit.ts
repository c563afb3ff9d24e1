import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RequestAudit1795444181259 implements MigrationInterface {
  name = 'RequestAudit1795444181259';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"gateway\".\"request_audit\" (\"id\" BIGSERIAL NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"request_id\" text NOT NULL, \"client_id\" text, \"department_id\" text, \"operation\" text NOT NULL, \"subject_key_hash\" text, \"status\" integer NOT NULL, \"latency_ms\" real NOT NULL, CONSTRAINT \"pk_request_audit_id\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_request_audit_client_at\" ON \"gateway\".\"request_audit\"  (\"client_id\", \"at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"gateway\".\"ix_request_audit_client_at\"");
    await queryRunner.query("DROP TABLE \"gateway\".\"request_audit\"");
  }
}
