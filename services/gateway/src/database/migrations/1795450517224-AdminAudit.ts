import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The admin audit (who did what to which department, client or key, and when): append-only like the request
 * audit — triggers refuse UPDATE, DELETE and TRUNCATE. Written by hand (raw SQL in AdminService, in the same
 * transaction as the change it records), so it has no entity.
 */
export class AdminAudit1795450517224 implements MigrationInterface {
  name = 'AdminAudit1795450517224';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE gateway.admin_audit (
      id bigserial NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      actor_department_id text,
      action text NOT NULL,
      target text NOT NULL,
      details jsonb NOT NULL DEFAULT '{}'::jsonb,
      request_id text,
      CONSTRAINT pk_admin_audit_id PRIMARY KEY (id))`);
    await queryRunner.query('CREATE INDEX ix_admin_audit_target ON gateway.admin_audit (target, id)');
    await queryRunner.query(`CREATE FUNCTION gateway.refuse_admin_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'gateway.admin_audit is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER admin_audit_no_update_delete BEFORE UPDATE OR DELETE ON gateway.admin_audit
      FOR EACH ROW EXECUTE FUNCTION gateway.refuse_admin_audit_change()`);
    await queryRunner.query(`CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON gateway.admin_audit
      FOR EACH STATEMENT EXECUTE FUNCTION gateway.refuse_admin_audit_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE gateway.admin_audit');
    await queryRunner.query('DROP FUNCTION gateway.refuse_admin_audit_change()');
  }
}
