import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data: the first two catalogue items (行政处罚 and 行政许可, the 双公示 pair, seed 000 Art. 10,
 * seed 002 §五(二)). Any department may submit to them until the full catalogue (record-collection issue)
 * names responsible departments.
 */
export class SeedFoundationCatalogue1795440228621 implements MigrationInterface {
  name = 'SeedFoundationCatalogue1795440228621';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO record_collection.catalogue_item
         (code, version, name, category, adverse, disclosure, subject_types, required_fields, responsible_departments, current)
       VALUES
         ('ADMIN_PENALTY', 1, '行政处罚信息', 'PENALTY', true, 'PUBLIC', '{LEGAL_PERSON,ORGANIZATION,NATURAL_PERSON}', '{authority,basis,content}', '{*}', true),
         ('ADMIN_LICENSING', 1, '行政许可信息', 'LICENSING', false, 'PUBLIC', '{LEGAL_PERSON,ORGANIZATION,NATURAL_PERSON}', '{authority,content}', '{*}', true)
       ON CONFLICT DO NOTHING`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM record_collection.catalogue_item WHERE code IN ('ADMIN_PENALTY', 'ADMIN_LICENSING') AND version = 1`);
  }
}
