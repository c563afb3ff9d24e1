import { NATIONAL_POLICY_VERSIONS } from './national-versions';
import { publicityWindow, SEVERITY_TIER_LABELS, SeverityTier, type PolicyOverride, type PolicyPatch } from './policy-parameters';
import {
  defaultPolicyRegistry,
  jurisdictionChain,
  PolicyConfigError,
  PolicyRegistry,
  PolicyResolutionError,
} from './policy-registry';

const registry = defaultPolicyRegistry();

describe('jurisdictionChain', () => {
  it('goes from national down to the county', () => {
    expect(jurisdictionChain('430923')).toEqual(['000000', '430000', '430900', '430923']);
    expect(jurisdictionChain('430900')).toEqual(['000000', '430000', '430900']);
    expect(jurisdictionChain('430000')).toEqual(['000000', '430000']);
    expect(jurisdictionChain('000000')).toEqual(['000000']);
  });

  it('rejects codes that are not six digits', () => {
    expect(() => jurisdictionChain('43092')).toThrow(RangeError);
  });
});

describe('bundled national versions', () => {
  it.each([
    ['2019-07-01', 'CN-2019.1', 6],
    ['2023-04-30', 'CN-2019.1', 6],
    ['2023-05-01', 'CN-2023.1', 12],
    ['2025-06-21', 'CN-2023.1', 12],
    ['2025-06-22', 'CN-2025.1', 12],
    ['2026-03-01', 'CN-2025.1', 12],
  ])('on %s the national version is %s (serious minimum %i months)', (onDate, id, seriousMin) => {
    const resolved = registry.resolve('430923', onDate);
    expect(resolved.versionIds).toEqual([id]);
    expect(resolved.parameters.publicity.serious).toEqual({ minMonths: seriousMin, maxMonths: 36 });
  });

  it('carries the values of the project rules', () => {
    const { parameters } = registry.resolve('000000', '2025-08-01');
    expect(parameters.publicity.minor).toEqual({ minMonths: 0, maxMonths: 3 });
    expect(parameters.publicity.general).toEqual({ minMonths: 3, maxMonths: 12 });
    expect(parameters.disclosure).toMatchObject({ warningPenaltyPublic: false, personalPenaltyPublic: false });
    expect(parameters.doublePublicityWorkingDays).toBe(7);
    expect(parameters.catalogueUpdateWorkingDays).toBe(15);
    expect(parameters.objection).toMatchObject({ markingWorkingDays: 1, verificationDays: 20, verificationDayKind: 'CALENDAR' });
    expect(parameters.repair).toMatchObject({ acceptanceFeedbackWorkingDays: 10, decisionWorkingDays: 3, displayStopWorkingDays: 3 });
    expect(parameters.redList.cleanYears).toBe(3);
    expect(parameters.creditReport.validityMonths).toBe(12);
    expect(parameters.commitmentCode).toMatchObject({ regionDigits: 6, dateDigits: 8, serialDigits: 6 });
  });

  it('has no version before 2019-07-01', () => {
    expect(() => registry.resolve('430923', '2019-06-30')).toThrow(PolicyResolutionError);
  });
});

describe('local overrides', () => {
  // Synthetic overrides for Hunan, Yiyang and Anhua; their values only exercise the merge.
  const hunan2024: PolicyOverride = {
    id: 'HN-430000-2024.1',
    jurisdiction: '430000',
    effectiveFrom: '2024-01-01',
    parameters: { objection: { verificationDays: 15 }, creditReport: { validityMonths: 6 } },
    basis: ['test'],
  };
  const anhua2023: PolicyOverride = {
    id: 'AH-430923-2023.1',
    jurisdiction: '430923',
    effectiveFrom: '2023-06-01',
    parameters: { objection: { verificationDayKind: 'WORKING' }, doublePublicityWorkingDays: 5 },
    basis: ['test'],
  };
  const anhua2025: PolicyOverride = {
    id: 'AH-430923-2025.1',
    jurisdiction: '430923',
    effectiveFrom: '2025-09-01',
    parameters: { publicity: { serious: { minMonths: 18 } } },
    basis: ['test'],
  };
  const local = new PolicyRegistry(NATIONAL_POLICY_VERSIONS, [anhua2025, hunan2024, anhua2023]);

  it('merges province and county over national, most specific last', () => {
    const resolved = local.resolve('430923', '2025-08-01');
    expect(resolved.versionIds).toEqual(['CN-2025.1', 'HN-430000-2024.1', 'AH-430923-2023.1']);
    expect(resolved.parameters.objection).toMatchObject({
      markingWorkingDays: 1,
      verificationDays: 15,
      verificationDayKind: 'WORKING',
    });
    expect(resolved.parameters.doublePublicityWorkingDays).toBe(5);
    expect(resolved.parameters.creditReport.validityMonths).toBe(6);
    expect(resolved.parameters.publicity.serious).toEqual({ minMonths: 12, maxMonths: 36 });
  });

  it('takes the latest version in force at each level and deep-merges nested values', () => {
    const resolved = local.resolve('430923', '2025-09-01');
    expect(resolved.versionIds).toEqual(['CN-2025.1', 'HN-430000-2024.1', 'AH-430923-2025.1']);
    expect(resolved.parameters.publicity.serious).toEqual({ minMonths: 18, maxMonths: 36 });
    // The newer county version replaces the older one rather than stacking on it.
    expect(resolved.parameters.doublePublicityWorkingDays).toBe(7);
  });

  it('ignores versions not yet in force and other jurisdictions', () => {
    expect(local.resolve('430923', '2023-05-31').versionIds).toEqual(['CN-2023.1']);
    expect(local.resolve('430921', '2025-09-01').versionIds).toEqual(['CN-2025.1', 'HN-430000-2024.1']);
    expect(local.resolve('440300', '2025-09-01').versionIds).toEqual(['CN-2025.1']);
  });

  it('returns a copy the caller cannot use to change the registry', () => {
    const first = local.resolve('430923', '2025-08-01');
    (first.parameters.objection as { verificationDays: number }).verificationDays = 99;
    expect(local.resolve('430923', '2025-08-01').parameters.objection.verificationDays).toBe(15);
    expect(NATIONAL_POLICY_VERSIONS[2].parameters.objection.verificationDays).toBe(20);
  });
});

describe('PolicyRegistry configuration errors', () => {
  const override = (patch: Partial<PolicyOverride>): PolicyOverride => ({
    id: 'X-1',
    jurisdiction: '430000',
    effectiveFrom: '2024-01-01',
    parameters: {},
    basis: [],
    ...patch,
  });

  it.each([
    ['a misspelt parameter', override({ parameters: { objection: { verificationDay: 15 } } as unknown as PolicyPatch })],
    ['a wrongly typed value', override({ parameters: { redList: { cleanYears: '3' } } as unknown as PolicyPatch })],
    ['an object replaced by a number', override({ parameters: { publicity: 3 } as unknown as PolicyPatch })],
    ['a national override', override({ jurisdiction: '000000' })],
    ['a bad jurisdiction code', override({ jurisdiction: '4300' })],
    ['a bad date', override({ effectiveFrom: '2024-02-30' })],
    ['a duplicate id', override({ id: 'CN-2025.1' })],
  ])('rejects %s', (_, bad) => {
    expect(() => new PolicyRegistry(NATIONAL_POLICY_VERSIONS, [bad])).toThrow(PolicyConfigError);
  });

  it('rejects two versions of one jurisdiction starting the same day', () => {
    expect(() => new PolicyRegistry(NATIONAL_POLICY_VERSIONS, [override({}), override({ id: 'X-2' })])).toThrow(
      PolicyConfigError,
    );
  });

  it('requires complete versions to be national and at least one of them', () => {
    expect(() => new PolicyRegistry([])).toThrow(PolicyConfigError);
    expect(() => new PolicyRegistry([{ ...NATIONAL_POLICY_VERSIONS[2], jurisdiction: '430000' }])).toThrow(
      PolicyConfigError,
    );
  });
});

describe('publicityWindow', () => {
  const params2025 = registry.resolve('000000', '2025-08-01').parameters;
  const params2019 = registry.resolve('000000', '2020-01-01').parameters;

  it('serious record decided on a leap day: ends clamp to 28 February', () => {
    expect(publicityWindow(SeverityTier.SERIOUS, '2024-02-29', params2025)).toEqual({
      start: '2024-02-29',
      minEnd: '2025-02-28',
      maxEnd: '2027-02-28',
    });
  });

  it('serious record under the 2019 rule may be repaired after 6 months', () => {
    expect(publicityWindow(SeverityTier.SERIOUS, '2020-01-31', params2019).minEnd).toBe('2020-07-31');
  });

  it('general record decided at a month end', () => {
    expect(publicityWindow(SeverityTier.GENERAL, '2024-11-30', params2025)).toEqual({
      start: '2024-11-30',
      minEnd: '2025-02-28',
      maxEnd: '2025-11-30',
    });
  });

  it('minor record has no minimum period', () => {
    expect(publicityWindow(SeverityTier.MINOR, '2025-03-31', params2025)).toEqual({
      start: '2025-03-31',
      minEnd: '2025-03-31',
      maxEnd: '2025-06-30',
    });
  });
});

describe('SEVERITY_TIER_LABELS', () => {
  it('names the tiers as the 2025 rule does', () => {
    expect(Object.values(SeverityTier).map((t) => SEVERITY_TIER_LABELS[t].zh)).toEqual(['轻微', '一般', '严重']);
  });
});
