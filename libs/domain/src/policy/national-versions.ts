import type { PolicyParameters, PolicyVersion } from './policy-parameters';

/** The national jurisdiction code. */
export const NATIONAL_JURISDICTION = '000000';

/**
 * Parameter values of the current national rules (the defaults of the project's RULES.md). Several
 * defaults come from local documents (the seeds) because no national rule sets them; a jurisdiction whose
 * rule differs overrides them.
 */
const CURRENT: PolicyParameters = {
  publicity: {
    minor: { minMonths: 0, maxMonths: 3 },
    general: { minMonths: 3, maxMonths: 12 },
    serious: { minMonths: 12, maxMonths: 36 },
    source: '国办发〔2025〕22号 二',
  },
  disclosure: {
    warningPenaltyPublic: false,
    personalPenaltyPublic: false,
    source: '市场监管总局令第45号; 国家发展改革委令第58号',
  },
  doublePublicityWorkingDays: 7,
  catalogueUpdateWorkingDays: 15,
  objection: {
    markingWorkingDays: 1,
    verificationDays: 20,
    verificationDayKind: 'CALENDAR',
    source: '安化县 2023 §二(四)6 ("收到核查通知之日起20日内"); 征信业管理条例 第25条; 上海市社会信用条例 第36条 (marking)',
  },
  repair: {
    acceptanceFeedbackWorkingDays: 10,
    decisionWorkingDays: 3,
    displayStopWorkingDays: 3,
    source: '国办发〔2025〕22号; 国家发展改革委令第58号 (display stop)',
  },
  lists: {
    objectionWindowWorkingDays: 5,
    seriousDishonestyMonths: 36,
    keyAttentionMonths: 12,
    redListMonths: 12,
    keyAttentionGeneralRecords: 2,
    keyAttentionWindowMonths: 12,
    source:
      '国办发〔2020〕49号 (八) (notice, reasons, basis and rights before listing; window length set locally: 5 working days is the common local value); ' +
      'periods and key-attention thresholds are platform defaults for a jurisdiction to override (seed 003 §二(四)5: "惩戒期限")',
  },
  redList: { cleanYears: 3, source: '湖南省工信厅 2021 第5条; 安化县 2023 §二(二)' },
  creditReport: { validityMonths: 12, source: '郏县 2021 §二(三)' },
  commitmentCode: { regionDigits: 6, dateDigits: 8, serialDigits: 6, source: 'provincial credit commitment data standard' },
};

function withSeriousPublicity(minMonths: number, source: string): PolicyParameters {
  return {
    ...CURRENT,
    publicity: { ...CURRENT.publicity, serious: { minMonths, maxMonths: 36 }, source },
  };
}

/**
 * National policy versions, oldest first. They differ only in the minimum publicity period of serious
 * records; every other value is the current default in all versions (the minor tier, for instance, was
 * only defined in 2025).
 */
export const NATIONAL_POLICY_VERSIONS: readonly PolicyVersion[] = [
  {
    id: 'CN-2019.1',
    jurisdiction: NATIONAL_JURISDICTION,
    // The notice is dated July 2019; the 1st of the month is used as the effective date.
    effectiveFrom: '2019-07-01',
    parameters: withSeriousPublicity(6, '发改办财金〔2019〕527号'),
    basis: ['发改办财金〔2019〕527号 关于进一步完善"信用中国"网站及地方信用门户网站行政处罚信息信用修复机制的通知'],
  },
  {
    id: 'CN-2023.1',
    jurisdiction: NATIONAL_JURISDICTION,
    // Published 2023-01-13, in force from 2023-05-01; raised the serious minimum from 6 months to 1 year.
    effectiveFrom: '2023-05-01',
    parameters: withSeriousPublicity(12, '国家发展改革委令第58号'),
    basis: ['国家发展改革委令第58号 失信行为纠正后的信用信息修复管理办法（试行）'],
  },
  {
    id: 'CN-2025.1',
    jurisdiction: NATIONAL_JURISDICTION,
    // Dated 2025-06-22 (published 2025-06-27) with no separate commencement date, so in force when issued.
    effectiveFrom: '2025-06-22',
    parameters: CURRENT,
    basis: ['国办发〔2025〕22号 国务院办公厅印发《关于进一步完善信用修复制度的实施方案》的通知'],
  },
];
