import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClientSecurity1795450517223 implements MigrationInterface {
  name = 'ClientSecurity1795450517223';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"gateway\".\"department\" ADD \"status\" text NOT NULL DEFAULT 'ACTIVE'");
    await queryRunner.query("ALTER TABLE \"gateway\".\"api_client\" ADD \"certificate_sha256\" text");
    await queryRunner.query("ALTER TABLE \"gateway\".\"api_client\" ADD \"secret_rotated_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"gateway\".\"request_audit\" ADD \"grpc_calls\" jsonb");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"gateway\".\"request_audit\" DROP COLUMN \"grpc_calls\"");
    await queryRunner.query("ALTER TABLE \"gateway\".\"api_client\" DROP COLUMN \"secret_rotated_at\"");
    await queryRunner.query("ALTER TABLE \"gateway\".\"api_client\" DROP COLUMN \"certificate_sha256\"");
    await queryRunner.query("ALTER TABLE \"gateway\".\"department\" DROP COLUMN \"status\"");
  }
}
