import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RecordDisclosure1795451381930 implements MigrationInterface {
  name = 'RecordDisclosure1795451381930';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"credit_check\".\"profile_record\" ADD \"disclosure\" text NOT NULL DEFAULT 'PUBLIC'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"credit_check\".\"profile_record\" DROP COLUMN \"disclosure\"");
  }
}
