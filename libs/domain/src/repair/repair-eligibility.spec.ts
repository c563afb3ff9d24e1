import { defaultPolicyRegistry } from '../policy/policy-registry';
import {
  assessRepairEligibility,
  fineAmountOf,
  repairMethodsFor,
  validateRepairMethods,
  type RepairDeclaration,
  type RepairRecordFacts,
} from './repair-eligibility';

const policy = (onDate: string) => defaultPolicyRegistry().resolve('430000', onDate).parameters;

const record = (patch: Partial<RepairRecordFacts> = {}): RepairRecordFacts => ({
  recordId: 'r1',
  adverse: true,
  severity: 'GENERAL',
  decisionDate: '2026-09-30',
  status: 'ACTIVE',
  fineAmount: null,
  policy: policy(patch.decisionDate ?? '2026-09-30'),
  ...patch,
});

const ready: RepairDeclaration = { finePaid: true, rectificationDone: true, commitment: { text: '本单位承诺……', type: '信用修复' } };
const codes = (r: { unmet: readonly { code: string }[] }) => r.unmet.map((u) => u.code);

describe('assessRepairEligibility — records', () => {
  it('refuses a general record before the 3-month minimum and names the earliest date', () => {
    const result = assessRepairEligibility({ type: 'RECORD', record: record() }, ready, '2026-12-29');
    expect(result.eligible).toBe(false);
    expect(codes(result)).toEqual(['MIN_PUBLICITY_NOT_ELAPSED']);
    expect(result.earliestDate).toBe('2026-12-30');
    expect(result.unmet[0].message.zh).toContain('2026-12-30');
  });

  it('accepts it from the minimum end on', () => {
    expect(assessRepairEligibility({ type: 'RECORD', record: record() }, ready, '2026-12-30')).toEqual({ eligible: true, unmet: [], earliestDate: '2026-12-30' });
  });

  it('lets a minor record be repaired at once', () => {
    const result = assessRepairEligibility({ type: 'RECORD', record: record({ severity: 'MINOR' }) }, ready, '2026-09-30');
    expect(result).toMatchObject({ eligible: true, earliestDate: '2026-09-30' });
  });

  it('uses the policy in force at the decision date (serious: 6 months under 527号, 1 year since 2023)', () => {
    expect(assessRepairEligibility({ type: 'RECORD', record: record({ severity: 'SERIOUS', decisionDate: '2023-01-10' }) }, ready, '2023-01-11').earliestDate).toBe('2023-07-10');
    expect(assessRepairEligibility({ type: 'RECORD', record: record({ severity: 'SERIOUS', decisionDate: '2026-01-10' }) }, ready, '2026-01-11').earliestDate).toBe('2027-01-10');
  });

  it('reports every unmet obligation together', () => {
    const result = assessRepairEligibility({ type: 'RECORD', record: record({ fineAmount: 5000 }) }, { finePaid: false, rectificationDone: false }, '2026-10-01');
    expect(codes(result)).toEqual(['MIN_PUBLICITY_NOT_ELAPSED', 'FINE_NOT_PAID', 'RECTIFICATION_NOT_DONE', 'COMMITMENT_MISSING']);
  });

  it('needs a commitment of the repair type', () => {
    const result = assessRepairEligibility({ type: 'RECORD', record: record() }, { ...ready, commitment: { id: '430000202601010000001', type: '审批替代' } }, '2027-01-01');
    expect(codes(result)).toEqual(['COMMITMENT_WRONG_TYPE']);
  });

  it.each([
    ['REVOKED', 'TARGET_REVOKED'],
    ['REPAIRED', 'TARGET_ALREADY_REPAIRED'],
    ['PUBLICITY_ENDED', 'TARGET_PUBLICITY_ENDED'],
  ] as const)('refuses a %s record with no earliest date', (status, code) => {
    const result = assessRepairEligibility({ type: 'RECORD', record: record({ status }) }, ready, '2027-01-01');
    expect(codes(result)).toEqual([code]);
    expect(result.earliestDate).toBeNull();
  });

  it('bars a record whose earlier repair was revoked for a broken commitment', () => {
    const result = assessRepairEligibility({ type: 'RECORD', record: record({ repairRevokedForBreach: true }) }, ready, '2027-01-01');
    expect(codes(result)).toEqual(['REPAIR_BARRED_AFTER_BREACH']);
    expect(result.earliestDate).toBeNull();
  });

  it('refuses information that is not adverse', () => {
    expect(codes(assessRepairEligibility({ type: 'RECORD', record: record({ adverse: false, severity: null }) }, ready, '2027-01-01'))).toEqual(['TARGET_NOT_ADVERSE']);
  });
});

describe('assessRepairEligibility — list entries', () => {
  const serious = record({ severity: 'SERIOUS', decisionDate: '2025-03-01', policy: policy('2025-03-01') });

  it('needs a serious-dishonesty entry to be ACTIVE', () => {
    const entry = { entryId: 'e1', listType: 'SERIOUS_DISHONESTY', status: 'NOTIFIED', basisRecords: [serious] } as const;
    expect(codes(assessRepairEligibility({ type: 'LIST_ENTRY', entry }, ready, '2026-06-01'))).toEqual(['LIST_ENTRY_NOT_ACTIVE']);
    expect(codes(assessRepairEligibility({ type: 'LIST_ENTRY', entry: { ...entry, status: 'SUSPENDED' } }, ready, '2026-06-01'))).toEqual(['LIST_ENTRY_SUSPENDED']);
    expect(assessRepairEligibility({ type: 'LIST_ENTRY', entry: { ...entry, status: 'ACTIVE' } }, ready, '2026-06-01').eligible).toBe(true);
  });

  it('takes the latest minimum end of its basis records', () => {
    const later = record({ recordId: 'r2', severity: 'SERIOUS', decisionDate: '2025-09-01', policy: policy('2025-09-01') });
    const entry = { entryId: 'e1', listType: 'SERIOUS_DISHONESTY', status: 'ACTIVE', basisRecords: [serious, later] } as const;
    const result = assessRepairEligibility({ type: 'LIST_ENTRY', entry }, ready, '2026-06-01');
    expect(result).toMatchObject({ eligible: false, earliestDate: '2026-09-01' });
  });

  it('refuses red-list and ended entries', () => {
    expect(codes(assessRepairEligibility({ type: 'LIST_ENTRY', entry: { entryId: 'e', listType: 'RED', status: 'ACTIVE', basisRecords: [] } }, ready, '2026-06-01'))).toEqual(['LIST_NOT_REPAIRABLE']);
    expect(codes(assessRepairEligibility({ type: 'LIST_ENTRY', entry: { entryId: 'e', listType: 'KEY_ATTENTION', status: 'ENDED', basisRecords: [] } }, ready, '2026-06-01'))).toEqual(['LIST_ENTRY_ENDED']);
  });
});

describe('repair methods', () => {
  it('offers public-interest service to natural persons only', () => {
    expect(repairMethodsFor('NATURAL_PERSON')).toContain('PUBLIC_SERVICE');
    expect(repairMethodsFor('LEGAL_PERSON')).not.toContain('PUBLIC_SERVICE');
    expect(validateRepairMethods('LEGAL_PERSON', ['COMMITMENT', 'PUBLIC_SERVICE']).map((e) => e.code)).toEqual(['REPAIR_METHOD_NOT_ALLOWED']);
    expect(validateRepairMethods('NATURAL_PERSON', ['COMMITMENT', 'PUBLIC_SERVICE'])).toEqual([]);
  });

  it('rejects no method, unknown and repeated methods', () => {
    expect(validateRepairMethods('LEGAL_PERSON', []).map((e) => e.code)).toEqual(['REPAIR_METHODS_REQUIRED']);
    expect(validateRepairMethods('LEGAL_PERSON', ['PRAYER', 'TRAINING', 'TRAINING']).map((e) => e.code)).toEqual(['REPAIR_METHOD_UNKNOWN', 'REPAIR_METHOD_DUPLICATE']);
  });
});

describe('fineAmountOf', () => {
  it('reads a structured field or the decision content', () => {
    expect(fineAmountOf({ fineAmount: 3000 })).toBe(3000);
    expect(fineAmountOf({ 罚款金额: '12,000元' })).toBe(12000);
    expect(fineAmountOf({ content: '警告，并处罚款5000元' })).toBe(5000);
    expect(fineAmountOf({ content: '罚款1.5万元' })).toBe(15000);
    expect(fineAmountOf({ content: '警告' })).toBeNull();
  });
});
