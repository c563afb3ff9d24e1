import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The request audit is append-only: UPDATE, DELETE and TRUNCATE are refused by triggers. */
export class RequestAuditAppendOnly1795444182259 implements MigrationInterface {
  name = 'RequestAuditAppendOnly1795444182259';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION gateway.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'gateway.request_audit is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER request_audit_no_update_delete BEFORE UPDATE OR DELETE ON gateway.request_audit
      FOR EACH ROW EXECUTE FUNCTION gateway.refuse_audit_change()`);
    await queryRunner.query(`CREATE TRIGGER request_audit_no_truncate BEFORE TRUNCATE ON gateway.request_audit
      FOR EACH STATEMENT EXECUTE FUNCTION gateway.refuse_audit_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER request_audit_no_truncate ON gateway.request_audit');
    await queryRunner.query('DROP TRIGGER request_audit_no_update_delete ON gateway.request_audit');
    await queryRunner.query('DROP FUNCTION gateway.refuse_audit_change()');
  }
}
