import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RepairQueuesAndIdempotency1795450527531 implements MigrationInterface {
  name = 'RepairQueuesAndIdempotency1795450527531';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"credit_repair\".\"repair_application\" ADD \"decision_idempotency_key\" text");
    await queryRunner.query("ALTER TABLE \"credit_repair\".\"repair_application\" ADD \"decision_request_hash\" text");
    await queryRunner.query("ALTER TABLE \"credit_repair\".\"repair_application\" ADD \"breach_idempotency_key\" text");
    await queryRunner.query("ALTER TABLE \"credit_repair\".\"repair_application\" ADD \"breach_request_hash\" text");
    await queryRunner.query("CREATE INDEX \"ix_repair_application_created\" ON \"credit_repair\".\"repair_application\"  (\"created_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_repair_application_deciding_created\" ON \"credit_repair\".\"repair_application\"  (\"deciding_department_id\", \"created_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_repair_application_requester_created\" ON \"credit_repair\".\"repair_application\"  (\"requester_department_id\", \"created_at\", \"id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"credit_repair\".\"ix_repair_application_requester_created\"");
    await queryRunner.query("DROP INDEX \"credit_repair\".\"ix_repair_application_deciding_created\"");
    await queryRunner.query("DROP INDEX \"credit_repair\".\"ix_repair_application_created\"");
    await queryRunner.query("ALTER TABLE \"credit_repair\".\"repair_application\" DROP COLUMN \"breach_request_hash\"");
    await queryRunner.query("ALTER TABLE \"credit_repair\".\"repair_application\" DROP COLUMN \"breach_idempotency_key\"");
    await queryRunner.query("ALTER TABLE \"credit_repair\".\"repair_application\" DROP COLUMN \"decision_request_hash\"");
    await queryRunner.query("ALTER TABLE \"credit_repair\".\"repair_application\" DROP COLUMN \"decision_idempotency_key\"");
  }
}
