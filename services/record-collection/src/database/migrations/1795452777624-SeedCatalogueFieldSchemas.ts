import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data: JSON Schemas (draft 2020-12) of the seeded catalogue items' fields, following the de-facto
 * national 双公示 field set (行政处罚 / 行政许可 data standard: 处罚类别, 处罚内容, 罚款金额, 没收违法所得, 处罚依据,
 * 处罚机关 and its USCC, 公示截止期; 许可证书名称, 许可编号, 许可类别, 有效期自/至, 许可机关 ...), and the
 * COMMITMENT_BREACH item a breached credit commitment becomes (seed 000 Art. 3; seed 004 §三(六)).
 *
 * The schemas set on version 1 of each item describe what was already accepted (unknown fields stay
 * allowed; required fields stay in `required_fields`), so stored records and existing feeds stay valid.
 * Optional standard fields: a record carrying all of them is complete (双公示 completeness).
 */
const text = (maxLength: number) => ({ type: 'string', maxLength });
const date = { type: 'string', format: 'date' };
const uscc = { type: 'string', pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$' };
const persons = {
  legalRepresentativeName: text(100),
  legalRepresentativeIdNumber: text(32),
  responsiblePersons: { type: 'array', maxItems: 50 },
};
const object = (properties: Record<string, unknown>) => ({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties });

const PENALTY_TYPES = [
  '警告',
  '通报批评',
  '罚款',
  '没收违法所得',
  '没收非法财物',
  '暂扣许可证件',
  '降低资质等级',
  '吊销许可证件',
  '限制开展生产经营活动',
  '责令停产停业',
  '责令关闭',
  '限制从业',
  '行政拘留',
  '其他',
];
const LICENSING_TYPES = ['普通', '特许', '认可', '核准', '登记', '其他'];

const SCHEMAS: Record<string, { schema: Record<string, unknown>; optional: string[] }> = {
  ADMIN_PENALTY: {
    schema: object({
      authority: text(200),
      authorityUscc: uscc,
      basis: text(2000),
      content: text(4000),
      penaltyType: { type: 'string', enum: PENALTY_TYPES },
      illegalActType: text(200),
      illegalFacts: text(4000),
      fineAmount: { type: 'number', minimum: 0 },
      confiscatedAmount: { type: 'number', minimum: 0 },
      licenceRevoked: text(200),
      displayEndDate: date,
      dataSourceDepartment: text(200),
      remarks: text(1000),
      ...persons,
    }),
    optional: ['penaltyType', 'illegalFacts', 'authorityUscc', 'displayEndDate'],
  },
  ADMIN_LICENSING: {
    schema: object({
      authority: text(200),
      authorityUscc: uscc,
      documentName: text(200),
      licenceName: text(200),
      licenceNumber: text(100),
      licensingType: { type: 'string', enum: LICENSING_TYPES },
      content: text(4000),
      validFrom: date,
      validTo: date,
      displayEndDate: date,
      dataSourceDepartment: text(200),
      remarks: text(1000),
      ...persons,
    }),
    optional: ['licenceName', 'licenceNumber', 'licensingType', 'validFrom', 'validTo', 'authorityUscc'],
  },
  JUDGMENT_DEFAULTER: { schema: object({ court: text(200), obligation: text(4000), caseNumber: text(200), performance: text(200), ...persons }), optional: [] },
  COMMITMENT_FULFILMENT: {
    schema: object({
      commitmentCode: { type: 'string', pattern: '^\\d{20}$' },
      fulfilmentStatus: { type: 'string', enum: ['FULFILLED', 'PARTIALLY_FULFILLED', 'BREACHED'] },
      authority: text(200),
    }),
    optional: [],
  },
  COMMENDATION: { schema: object({ authority: text(200), content: text(4000), awardName: text(200), awardLevel: text(100) }), optional: [] },
  INSPECTION: { schema: object({ authority: text(200), content: text(4000), result: text(2000), inspectionType: text(100) }), optional: [] },
  COMMITMENT_BREACH: {
    schema: object({
      authority: text(200),
      commitmentCode: { type: 'string', pattern: '^\\d{20}$' },
      commitmentType: { type: 'string', enum: ['NOTIFICATION_APPROVAL', 'DEFERRED_DOCUMENTS', 'VOLUNTARY', 'INDUSTRY_SELF_DISCIPLINE', 'CREDIT_REPAIR'] },
      commitmentTypeName: text(50),
      content: text(4000),
      matter: text(200),
      deadline: date,
      breachNote: text(4000),
    }),
    optional: [],
  },
};

export class SeedCatalogueFieldSchemas1795452777624 implements MigrationInterface {
  name = 'SeedCatalogueFieldSchemas1795452777624';

  async up(queryRunner: QueryRunner): Promise<void> {
    // 未履约 of a credit commitment: adverse, shared among government bodies, every receiving department
    // records it (the commitment's receiving department is the provider).
    await queryRunner.query(
      `INSERT INTO record_collection.catalogue_item
         (code, version, name, category, adverse, disclosure, subject_types, required_fields, open_submission)
       VALUES ('COMMITMENT_BREACH', 1, '信用承诺未履约信息', 'COMMITMENT', true, 'GOVERNMENT_SHARED', '{LEGAL_PERSON,ORGANIZATION,NATURAL_PERSON}',
               '{commitmentCode,commitmentType,content,breachNote}', true)
       ON CONFLICT DO NOTHING`,
    );
    for (const [code, { schema, optional }] of Object.entries(SCHEMAS)) {
      await queryRunner.query(
        `UPDATE record_collection.catalogue_item SET field_schema = $2::jsonb, optional_fields = $3::text[] WHERE code = $1 AND version = 1`,
        [code, JSON.stringify(schema), optional],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM record_collection.catalogue_item WHERE code = 'COMMITMENT_BREACH'`);
    await queryRunner.query(`UPDATE record_collection.catalogue_item SET field_schema = NULL, optional_fields = '{}' WHERE version = 1`);
  }
}
