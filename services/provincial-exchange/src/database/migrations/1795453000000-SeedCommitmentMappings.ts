import type { MigrationInterface, QueryRunner } from 'typeorm';

type Row = [provinceField: string, ourField: string, labelZh: string];

/** Credit commitments (信用承诺) and their fulfilment go to the province's XYCN resource (editable data, as the rest). */
const OUT: Record<string, Row[]> = {
  COMMITMENT: [
    ['CN_JLBS', 'commitmentId', '记录标识'],
    ['CN_BM', 'commitmentCode', '承诺编码'],
    ['CN_LX', 'type', '承诺类型'],
    ['CN_NR', 'content', '承诺内容'],
    ['CN_SX', 'matter', '承诺事项'],
    ['CN_QX', 'deadline', '履约期限'],
    ['CN_SLJG', 'receivingDepartmentId', '受理机关'],
    ['CN_RQ', 'madeOn', '承诺日期'],
    ['CN_XDR_MC', 'subject.name', '承诺主体名称'],
    ['CN_XDR_SHXYM', 'subject.uscc', '统一社会信用代码'],
    ['CN_XDR_ZJHM', 'subject.maskedIdNumber', '证件号码（脱敏）'],
  ],
  COMMITMENT_FULFILMENT: [
    ['CN_JLBS', 'commitmentId', '记录标识'],
    ['CN_BM', 'commitmentCode', '承诺编码'],
    ['CN_LYQK', 'status', '履约情况'],
    ['CN_LYRQ', 'fulfilmentDate', '履约认定日期'],
    ['CN_SXJL', 'breachRecordId', '失信记录标识'],
    ['CN_SLJG', 'receivingDepartmentId', '受理机关'],
    ['CN_XDR_MC', 'subject.name', '承诺主体名称'],
    ['CN_XDR_SHXYM', 'subject.uscc', '统一社会信用代码'],
  ],
};

export class SeedCommitmentMappings1795453000000 implements MigrationInterface {
  name = 'SeedCommitmentMappings1795453000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO provincial_exchange.resource_mapping (source, province_resource, name_zh, enabled)
       VALUES ('COMMITMENT', 'XYCN', '信用承诺', true), ('COMMITMENT_FULFILMENT', 'XYCN', '信用承诺履约', true)
       ON CONFLICT DO NOTHING`,
    );
    const fields = Object.entries(OUT).flatMap(([source, rows]) => rows.map(([p, o, l]) => ({ direction: 'OUT', source, province_field: p, our_field: o, label_zh: l })));
    await queryRunner.query(
      `INSERT INTO provincial_exchange.field_mapping (direction, source, province_field, our_field, label_zh)
       SELECT f.direction, f.source, f.province_field, f.our_field, f.label_zh
         FROM jsonb_to_recordset($1::jsonb) AS f(direction text, source text, province_field text, our_field text, label_zh text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(fields)],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM provincial_exchange.field_mapping WHERE source IN ('COMMITMENT', 'COMMITMENT_FULFILMENT')`);
    await queryRunner.query(`DELETE FROM provincial_exchange.resource_mapping WHERE source IN ('COMMITMENT', 'COMMITMENT_FULFILMENT')`);
  }
}
