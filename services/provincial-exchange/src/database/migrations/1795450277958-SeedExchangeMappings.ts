import type { MigrationInterface, QueryRunner } from 'typeorm';

type Row = [provinceField: string, ourField: string, labelZh: string];

const subjectFields = (prefix: string): Row[] => [
  [`${prefix}_XDR_MC`, 'subject.name', '行政相对人名称'],
  [`${prefix}_XDR_LB`, 'subject.type', '行政相对人类别'],
  [`${prefix}_XDR_SHXYM`, 'subject.uscc', '行政相对人统一社会信用代码'],
  // Only the masked ID number ever leaves (events carry nothing else).
  [`${prefix}_XDR_ZJHM`, 'subject.maskedIdNumber', '行政相对人证件号码（脱敏）'],
];

const listFields = (prefix: string): Row[] => [
  [`${prefix}_BS`, 'entryId', '名单记录标识'],
  [`${prefix}_XH`, 'sequence', '变更序号'],
  [`${prefix}_ZT`, 'status', '名单状态'],
  [`${prefix}_RDBM`, 'identifyingDepartmentId', '认定部门'],
  [`${prefix}_QSRQ`, 'periodStart', '有效期起'],
  [`${prefix}_JZRQ`, 'periodEnd', '有效期止'],
  [`${prefix}_RDYJ`, 'basisText', '认定依据'],
  [`${prefix}_YCYY`, 'endReason', '移出原因'],
  ...subjectFields(prefix),
];

/** Resources forwarded to the province (source → the province's resource code). */
const RESOURCES: [source: string, resource: string, nameZh: string][] = [
  ['RECORD:ADMIN_PENALTY', 'XZCF', '行政处罚信息（双公示）'],
  ['RECORD:ADMIN_LICENSING', 'XZXK', '行政许可信息（双公示）'],
  ['RECORD:COMMITMENT_FULFILMENT', 'XYCN', '信用承诺及履约信息'],
  ['RECORD:COMMENDATION', 'BZJL', '表彰奖励信息'],
  ['RECORD:INSPECTION', 'XZJC', '行政检查信息'],
  ['RECORD_STATUS', 'XXZT', '信用信息状态变更（公示结束、修复、撤销）'],
  ['LIST_ENTRY:RED', 'HONGMD', '红名单（诚信典型）'],
  ['LIST_ENTRY:SERIOUS_DISHONESTY', 'HEIMD', '严重失信主体名单'],
  ['LIST_ENTRY:KEY_ATTENTION', 'ZDGZMD', '重点关注名单'],
  ['REPAIR_APPROVED', 'XYXF', '信用修复结果'],
  ['REPAIR_REVOKED', 'XYXF', '信用修复结果（撤销）'],
  ['CHECK', 'HCRZ', '信用核查日志摘要'],
  ['OBJECTION_MARKED', 'YYBZ', '异议标注'],
  ['OBJECTION_RESOLVED', 'YYBZ', '异议处理结果'],
];

const OUT: Record<string, Row[]> = {
  'RECORD:ADMIN_PENALTY': [
    ['CF_JLBS', 'recordId', '记录标识'],
    ['CF_BBH', 'version', '版本号'],
    ['CF_WSH', 'decisionNumber', '行政处罚决定书文号'],
    ['CF_JDRQ', 'decisionDate', '处罚决定日期'],
    ['CF_CFLB', 'fields.penaltyType', '处罚类别'],
    ['CF_YJ', 'fields.basis', '处罚依据'],
    ['CF_NR', 'fields.content', '处罚内容'],
    ['CF_CFJG', 'fields.authority', '处罚机关'],
    ['CF_SXYZCD', 'severity', '失信严重程度'],
    ['CF_GSQSRQ', 'publicityStart', '公示起始日期'],
    ['CF_GSJZQ', 'publicityEnd', '公示截止期'],
    ['CF_SJLY', 'providerDepartmentId', '数据来源单位'],
    ...subjectFields('CF'),
  ],
  'RECORD:ADMIN_LICENSING': [
    ['XK_JLBS', 'recordId', '记录标识'],
    ['XK_BBH', 'version', '版本号'],
    ['XK_WSH', 'decisionNumber', '行政许可决定文书号'],
    ['XK_JDRQ', 'decisionDate', '许可决定日期'],
    ['XK_XKLB', 'fields.licenceType', '许可类别'],
    ['XK_NR', 'fields.content', '许可内容'],
    ['XK_XKJG', 'fields.authority', '许可机关'],
    ['XK_YXQZ', 'fields.validFrom', '有效期自'],
    ['XK_YXQJ', 'fields.validTo', '有效期至'],
    ['XK_SJLY', 'providerDepartmentId', '数据来源单位'],
    ...subjectFields('XK'),
  ],
  'RECORD:COMMITMENT_FULFILMENT': [
    ['CN_JLBS', 'recordId', '记录标识'],
    ['CN_BM', 'fields.commitmentCode', '承诺编码'],
    ['CN_LYQK', 'fields.fulfilmentStatus', '履约情况'],
    ['CN_SLJG', 'fields.authority', '受理机关'],
    ['CN_WSH', 'decisionNumber', '文书号'],
    ['CN_RQ', 'decisionDate', '认定日期'],
    ...subjectFields('CN'),
  ],
  'RECORD:COMMENDATION': [
    ['BZ_JLBS', 'recordId', '记录标识'],
    ['BZ_WSH', 'decisionNumber', '表彰文号'],
    ['BZ_RQ', 'decisionDate', '表彰日期'],
    ['BZ_JG', 'fields.authority', '表彰机关'],
    ['BZ_NR', 'fields.content', '表彰内容'],
    ...subjectFields('BZ'),
  ],
  'RECORD:INSPECTION': [
    ['JC_JLBS', 'recordId', '记录标识'],
    ['JC_WSH', 'decisionNumber', '检查文书号'],
    ['JC_RQ', 'decisionDate', '检查日期'],
    ['JC_JG', 'fields.authority', '检查机关'],
    ['JC_NR', 'fields.content', '检查内容'],
    ['JC_JGNR', 'fields.result', '检查结果'],
    ...subjectFields('JC'),
  ],
  RECORD_STATUS: [
    ['ZT_JLBS', 'recordId', '记录标识'],
    ['ZT_BBH', 'version', '版本号'],
    ['ZT_ML', 'catalogueItemCode', '目录项'],
    ['ZT_ZT', 'status', '状态'],
    ['ZT_YY', 'cause', '变更原因'],
    ['ZT_GSJZQ', 'publicityEnd', '公示截止期'],
    ['ZT_SXRQ', 'effectiveDate', '生效日期'],
    ['ZT_XDR_SHXYM', 'subject.uscc', '行政相对人统一社会信用代码'],
  ],
  'LIST_ENTRY:RED': listFields('HONG'),
  'LIST_ENTRY:SERIOUS_DISHONESTY': listFields('HEI'),
  'LIST_ENTRY:KEY_ATTENTION': listFields('ZDGZ'),
  REPAIR_APPROVED: [
    ['XF_BS', 'applicationId', '修复申请标识'],
    ['XF_DXLX', 'targetType', '修复对象类型'],
    ['XF_DXBS', 'targetId', '修复对象标识'],
    ['XF_JLBS', 'recordIds', '涉及记录'],
    ['XF_JDBM', 'decidingDepartmentId', '决定部门'],
    ['XF_SXRQ', 'effectiveDate', '修复生效日期'],
    ['XF_XDR_SHXYM', 'subject.uscc', '统一社会信用代码'],
  ],
  REPAIR_REVOKED: [
    ['XF_BS', 'applicationId', '修复申请标识'],
    ['XF_DXLX', 'targetType', '修复对象类型'],
    ['XF_DXBS', 'targetId', '修复对象标识'],
    ['XF_JLBS', 'recordIds', '涉及记录'],
    ['XF_CXYY', 'reason', '撤销原因'],
    ['XF_CXSJ', 'revokedAt', '撤销时间'],
    ['XF_XDR_SHXYM', 'subject.uscc', '统一社会信用代码'],
  ],
  CHECK: [
    ['HC_BS', 'checkId', '核查标识'],
    ['HC_SX', 'matterType', '办理事项类型'],
    ['HC_BM', 'requesterDepartmentId', '核查部门'],
    ['HC_JG', 'verdict', '核查结论'],
    ['HC_CS', 'measureCodes', '适用措施'],
    ['HC_SJ', 'checkedAt', '核查时间'],
    ['HC_XDR_SHXYM', 'subject.uscc', '统一社会信用代码'],
  ],
  OBJECTION_MARKED: [
    ['YY_BS', 'objectionId', '异议标识'],
    ['YY_DXLX', 'targetType', '异议对象类型'],
    ['YY_DXBS', 'targetId', '异议对象标识'],
    ['YY_HSQX', 'verificationDue', '核实期限'],
    ['YY_BZSJ', 'markedAt', '标注时间'],
  ],
  OBJECTION_RESOLVED: [
    ['YY_BS', 'objectionId', '异议标识'],
    ['YY_DXLX', 'targetType', '异议对象类型'],
    ['YY_DXBS', 'targetId', '异议对象标识'],
    ['YY_JG', 'outcome', '处理结果'],
    ['YY_CLSJ', 'resolvedAt', '处理时间'],
  ],
};

/** Upstream lists pulled from the province and the catalogue item their items become. */
const LISTS: [code: string, nameZh: string, catalogueItemCode: string, severity: string | null, enabled: boolean][] = [
  ['SXBZXR', '失信被执行人名单', 'JUDGMENT_DEFAULTER', 'SERIOUS', true],
  ['SJ_HONGMD', '省级红名单', 'COMMENDATION', null, true],
  // Off until the catalogue has an item for provincial serious-dishonesty list entries (the credit office enables it).
  ['SJ_HEIMD', '省级严重失信主体名单', 'ADMIN_PENALTY', 'SERIOUS', false],
];

const IN: Record<string, Row[]> = {
  SXBZXR: [
    ['BZXR_MC', 'subject.name', '被执行人姓名/名称'],
    ['BZXR_SHXYM', 'subject.uscc', '统一社会信用代码'],
    ['BZXR_ZJHM', 'subject.idNumber', '身份证号码'],
    ['AH', 'decisionNumber', '案号'],
    ['FBRQ', 'decisionDate', '发布日期'],
    ['ZXFY', 'fields.court', '执行法院'],
    ['YWNR', 'fields.obligation', '生效法律文书确定的义务'],
    ['LXQK', 'fields.performance', '被执行人的履行情况'],
  ],
  SJ_HONGMD: [
    ['MC', 'subject.name', '主体名称'],
    ['SHXYM', 'subject.uscc', '统一社会信用代码'],
    ['RDWH', 'decisionNumber', '认定文号'],
    ['RDRQ', 'decisionDate', '认定日期'],
    ['RDBM', 'fields.authority', '认定部门'],
    ['RYNR', 'fields.content', '荣誉内容'],
  ],
  SJ_HEIMD: [
    ['MC', 'subject.name', '主体名称'],
    ['SHXYM', 'subject.uscc', '统一社会信用代码'],
    ['RDWH', 'decisionNumber', '认定文号'],
    ['RDRQ', 'decisionDate', '认定日期'],
    ['RDBM', 'fields.authority', '认定部门'],
    ['RDYJ', 'fields.basis', '认定依据'],
    ['SXXW', 'fields.content', '失信行为'],
  ],
};

/**
 * Reference data, editable afterwards (the tables are the configuration): which of our events go to which of
 * the province's resources, the field codes on both sides (行政处罚 CF_*, 行政许可 XK_* per the 双公示 data
 * standard), and the upstream lists pulled down.
 */
export class SeedExchangeMappings1795450277958 implements MigrationInterface {
  name = 'SeedExchangeMappings1795450277958';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO provincial_exchange.resource_mapping (source, province_resource, name_zh, enabled)
       SELECT r.source, r.resource, r.name_zh, true FROM jsonb_to_recordset($1::jsonb) AS r(source text, resource text, name_zh text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(RESOURCES.map(([source, resource, nameZh]) => ({ source, resource, name_zh: nameZh })))],
    );
    const fields = [
      ...Object.entries(OUT).flatMap(([source, rows]) => rows.map(([p, o, l]) => ({ direction: 'OUT', source, province_field: p, our_field: o, label_zh: l }))),
      ...Object.entries(IN).flatMap(([source, rows]) => rows.map(([p, o, l]) => ({ direction: 'IN', source, province_field: p, our_field: o, label_zh: l }))),
    ];
    await queryRunner.query(
      `INSERT INTO provincial_exchange.field_mapping (direction, source, province_field, our_field, label_zh)
       SELECT f.direction, f.source, f.province_field, f.our_field, f.label_zh
         FROM jsonb_to_recordset($1::jsonb) AS f(direction text, source text, province_field text, our_field text, label_zh text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(fields)],
    );
    await queryRunner.query(
      `INSERT INTO provincial_exchange.inbound_list (list_code, name_zh, catalogue_item_code, severity, enabled, cursor)
       SELECT l.list_code, l.name_zh, l.catalogue_item_code, l.severity, l.enabled, '0'
         FROM jsonb_to_recordset($1::jsonb) AS l(list_code text, name_zh text, catalogue_item_code text, severity text, enabled boolean)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(LISTS.map(([listCode, nameZh, catalogueItemCode, severity, enabled]) => ({ list_code: listCode, name_zh: nameZh, catalogue_item_code: catalogueItemCode, severity, enabled })))],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM provincial_exchange.inbound_list WHERE list_code = ANY($1::text[])`, [LISTS.map((l) => l[0])]);
    await queryRunner.query(`DELETE FROM provincial_exchange.field_mapping`);
    await queryRunner.query(`DELETE FROM provincial_exchange.resource_mapping WHERE source = ANY($1::text[])`, [RESOURCES.map((r) => r[0])]);
  }
}
