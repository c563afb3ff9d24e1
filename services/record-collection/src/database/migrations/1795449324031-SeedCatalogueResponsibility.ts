import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data: catalogue items closed to named departments (只有责任单位可以报送), beside the two open
 * 双公示 items (行政处罚, 行政许可: every department holding the power publishes its own decisions).
 *
 * - 失信被执行人 (judgment defaulters): the people's court (seed 003 §二(一); 最高法 失信被执行人名单).
 * - 信用承诺履约 (fulfilment of credit commitments): the credit office (seed 000 Art. 3; seed 004 §三(六)).
 * - 表彰奖励 (awards and commendations, positive): the human resources department (seed 003 §二(二)).
 * - 行政检查 (administrative inspections): market regulation (seed 000 Art. 10; seed 002 §五(二) 十公开).
 *
 * Department ids are the gateway's department codes; a jurisdiction adjusts the grants with
 * SetCatalogueResponsibility (the credit office), not with code. DEMO-SCJGJ is the standalone demo client.
 */
export class SeedCatalogueResponsibility1795449324031 implements MigrationInterface {
  name = 'SeedCatalogueResponsibility1795449324031';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO record_collection.catalogue_item
         (code, version, name, category, adverse, disclosure, subject_types, required_fields, open_submission, current)
       VALUES
         ('JUDGMENT_DEFAULTER', 1, '失信被执行人信息', 'JUDGMENT_DEFAULTER', true, 'PUBLIC', '{LEGAL_PERSON,ORGANIZATION,NATURAL_PERSON}', '{court,obligation}', false, true),
         ('COMMITMENT_FULFILMENT', 1, '信用承诺履约信息', 'COMMITMENT_FULFILMENT', false, 'GOVERNMENT_SHARED', '{LEGAL_PERSON,ORGANIZATION,NATURAL_PERSON}', '{commitmentCode,fulfilmentStatus,authority}', false, true),
         ('COMMENDATION', 1, '表彰奖励信息', 'COMMENDATION', false, 'PUBLIC', '{LEGAL_PERSON,ORGANIZATION,NATURAL_PERSON}', '{authority,content}', false, true),
         ('INSPECTION', 1, '行政检查信息', 'INSPECTION', false, 'PUBLIC', '{LEGAL_PERSON,ORGANIZATION}', '{authority,content,result}', false, true)
       ON CONFLICT DO NOTHING`,
    );
    await queryRunner.query(`UPDATE record_collection.catalogue_item SET open_submission = true WHERE code IN ('ADMIN_PENALTY', 'ADMIN_LICENSING')`);
    await queryRunner.query(
      `INSERT INTO record_collection.catalogue_responsibility (catalogue_item_code, department_id)
       VALUES ('JUDGMENT_DEFAULTER', 'FY'), ('COMMITMENT_FULFILMENT', 'FGW'), ('COMMENDATION', 'RSJ'),
              ('INSPECTION', 'SCJGJ'), ('INSPECTION', 'DEMO-SCJGJ')
       ON CONFLICT DO NOTHING`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const codes = `('JUDGMENT_DEFAULTER', 'COMMITMENT_FULFILMENT', 'COMMENDATION', 'INSPECTION')`;
    await queryRunner.query(`DELETE FROM record_collection.catalogue_responsibility WHERE catalogue_item_code IN ${codes}`);
    await queryRunner.query(`DELETE FROM record_collection.catalogue_item WHERE code IN ${codes} AND version = 1`);
  }
}
