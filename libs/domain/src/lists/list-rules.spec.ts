import { defaultCalendar } from '../calendar/working-day-calendar';
import { defaultPolicyRegistry } from '../policy/policy-registry';
import { listNoticeText } from './list-notice';
import {
  breaksCleanYears,
  cleanYearsCutoff,
  entryStillStands,
  isCleanYearsEligible,
  evaluateRule,
  listPeriod,
  objectionWindowEnd,
  rulesInForce,
  type AutoRule,
  type RuleRecord,
} from './list-rules';

const params = defaultPolicyRegistry().resolve('430923', '2026-02-12').parameters;

const SERIOUS: AutoRule = {
  code: 'R-SERIOUS-RECORD',
  version: 1,
  jurisdiction: '000000',
  effectiveFrom: '2019-07-01',
  enabled: true,
  kind: 'SINGLE_RECORD',
  listType: 'SERIOUS_DISHONESTY',
  severity: 'SERIOUS',
  categories: [],
  basisText: '国办发〔2020〕49号',
  descriptionZh: '严重失信',
};
const REPEATED: AutoRule = { ...SERIOUS, code: 'R-REPEATED-GENERAL', kind: 'REPEATED_RECORDS', listType: 'KEY_ATTENTION', severity: 'GENERAL' };

const rec = (recordId: string, severity: string, decisionDate: string, status = 'ACTIVE'): RuleRecord => ({
  recordId,
  adverse: true,
  severity,
  category: 'PENALTY',
  decisionDate,
  status,
});

describe('auto-initiation rules', () => {
  it('one active serious record proposes a serious-dishonesty entry on that record', () => {
    expect(evaluateRule(SERIOUS, [rec('a', 'GENERAL', '2026-01-05'), rec('b', 'SERIOUS', '2026-02-01')], '2026-02-12', params)).toEqual({
      met: true,
      basisRecordIds: ['b'],
    });
  });

  it('a revoked or repaired serious record proposes nothing, nor does a disabled rule', () => {
    expect(evaluateRule(SERIOUS, [rec('b', 'SERIOUS', '2026-02-01', 'REVOKED')], '2026-02-12', params).met).toBe(false);
    expect(evaluateRule(SERIOUS, [rec('b', 'SERIOUS', '2026-02-01', 'REPAIRED')], '2026-02-12', params).met).toBe(false);
    expect(evaluateRule({ ...SERIOUS, enabled: false }, [rec('b', 'SERIOUS', '2026-02-01')], '2026-02-12', params).met).toBe(false);
  });

  it(`key attention needs ${params.lists.keyAttentionGeneralRecords} general records decided within ${params.lists.keyAttentionWindowMonths} months`, () => {
    const old = rec('old', 'GENERAL', '2025-02-12'); // exactly 12 months before: outside
    const recent = rec('recent', 'GENERAL', '2025-02-13');
    const now = rec('now', 'GENERAL', '2026-02-10');
    expect(evaluateRule(REPEATED, [old, now], '2026-02-12', params).met).toBe(false);
    expect(evaluateRule(REPEATED, [old, recent, now], '2026-02-12', params)).toEqual({ met: true, basisRecordIds: ['recent', 'now'] });
  });

  it('an entry stands while its rule holds on its own basis records', () => {
    expect(entryStillStands(SERIOUS, [rec('b', 'SERIOUS', '2026-02-01')], 1, params)).toBe(true);
    expect(entryStillStands(SERIOUS, [rec('b', 'GENERAL', '2026-02-01')], 1, params)).toBe(false);
    expect(entryStillStands(REPEATED, [rec('x', 'GENERAL', '2026-01-01'), rec('y', 'GENERAL', '2026-02-01', 'REPAIRED')], 2, params)).toBe(false);
    expect(entryStillStands(null, [rec('x', 'GENERAL', '2026-01-01', 'REVOKED')], 1, params)).toBe(false);
    expect(entryStillStands(null, [], 0, params)).toBe(true);
  });

  it('the most specific jurisdiction and the latest version in force win', () => {
    const county: AutoRule = { ...SERIOUS, jurisdiction: '430923', version: 1, effectiveFrom: '2023-01-01', categories: ['PENALTY'] };
    const v2: AutoRule = { ...SERIOUS, version: 2, effectiveFrom: '2027-01-01' };
    const chain = ['000000', '430000', '430900', '430923'];
    expect(rulesInForce([SERIOUS, county, v2, REPEATED], chain, '2026-02-12').map((r) => [r.code, r.jurisdiction, r.version])).toEqual([
      ['R-REPEATED-GENERAL', '000000', 1],
      ['R-SERIOUS-RECORD', '430923', 1],
    ]);
    expect(rulesInForce([SERIOUS, v2], ['000000'], '2027-01-01')[0].version).toBe(2);
  });
});

describe('objection window and period', () => {
  it('counts working days across the Spring Festival with its adjusted Saturday (2026)', () => {
    // Thu 02-12 → Fri 02-13 (1), Sat 02-14 worked (2), 02-15…02-23 off, Tue 02-24 (3), 02-25 (4), 02-26 (5).
    expect(objectionWindowEnd('2026-02-12', params, defaultCalendar())).toBe('2026-02-26');
  });

  it('gives each list its period from activation, clamped to month end', () => {
    expect(listPeriod('SERIOUS_DISHONESTY', '2026-02-26', params)).toEqual({ start: '2026-02-26', end: '2029-02-26' });
    expect(listPeriod('KEY_ATTENTION', '2024-02-29', params)).toEqual({ start: '2024-02-29', end: '2025-02-28' });
  });
});

describe('notice text', () => {
  it('names the reasons, the basis, the information provider, the rights and the window', () => {
    const text = listNoticeText({
      noticeNumber: 'JRP-2026-0001',
      subjectName: '湖南某某建设有限公司',
      subjectIdentifier: '91430100MA4L16JQ9D',
      listType: 'SERIOUS_DISHONESTY',
      reason: '严重失信行政处罚',
      basisText: '国办发〔2020〕49号',
      basisRecords: [{ decisionNumber: '湘市监罚〔2026〕1号', decisionDate: '2026-02-01', providerDepartmentId: 'SCJGJ' }],
      identifyingDepartmentId: 'SCJGJ',
      issuedOn: '2026-02-12',
      objectionWindowEnd: '2026-02-26',
      objectionWindowWorkingDays: 5,
      periodMonths: 36,
      policyVersion: 'CN-2025.1',
    });
    expect(text).toContain('拟列入严重失信主体名单告知书');
    expect(text).toContain('列入事由：严重失信行政处罚');
    expect(text).toContain('认定依据：国办发〔2020〕49号');
    expect(text).toContain('湘市监罚〔2026〕1号（决定日期 2026年2月1日，提供单位 SCJGJ）');
    expect(text).toContain('5个工作日内，即2026年2月26日之前');
    expect(text).toContain('信用修复');
    expect(text).toContain('期限36个月');
  });
});

describe('the clean-years rule', () => {
  const CLEAN: AutoRule = { ...SERIOUS, code: 'R-CLEAN-YEARS', kind: 'CLEAN_YEARS', listType: 'RED', severity: '' };

  it('is eligible with history older than redList.cleanYears and no adverse record since', () => {
    expect(cleanYearsCutoff('2026-01-12', params)).toBe('2023-01-12');
    expect(isCleanYearsEligible({ firstRecordDate: '2021-03-01', lastAdverseDate: '2023-01-10' }, '2026-01-12', params)).toBe(true);
    expect(isCleanYearsEligible({ firstRecordDate: '2021-03-01', lastAdverseDate: '2023-01-10' }, '2026-01-09', params)).toBe(false);
    expect(isCleanYearsEligible({ firstRecordDate: '2024-05-01', lastAdverseDate: null }, '2026-01-12', params)).toBe(false);
    expect(isCleanYearsEligible({ firstRecordDate: null, lastAdverseDate: null }, '2026-01-12', params)).toBe(false);
  });

  it('is never met per record event, stands on no record, and breaks on a newer adverse record', () => {
    expect(evaluateRule(CLEAN, [], '2026-01-12', params).met).toBe(false);
    expect(entryStillStands(CLEAN, [], 0, params)).toBe(true);
    expect(breaksCleanYears({ adverse: true, status: 'ACTIVE', decisionDate: '2026-01-14' }, '2026-01-12', params)).toBe(true);
    expect(breaksCleanYears({ adverse: true, status: 'ACTIVE', decisionDate: '2022-12-01' }, '2026-01-12', params)).toBe(false);
    expect(breaksCleanYears({ adverse: true, status: 'REVOKED', decisionDate: '2026-01-14' }, '2026-01-12', params)).toBe(false);
  });
});
