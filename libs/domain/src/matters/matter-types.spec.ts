import { isCitationWithin, isSeedCitation } from '../measures/seed-sources';
import {
  getMatterType,
  isMatterTypeCode,
  MATTER_TYPE_CODES,
  MATTER_TYPES,
  PUBLIC_RESOURCE_TRADING_MATTERS,
} from './matter-types';

describe('matter catalogue (事项)', () => {
  it('lists every code once, in the order of MATTER_TYPE_CODES, in UPPER_SNAKE form', () => {
    expect(MATTER_TYPES.map((m) => m.code)).toEqual([...MATTER_TYPE_CODES]);
    expect(new Set(MATTER_TYPE_CODES).size).toBe(MATTER_TYPE_CODES.length);
    for (const code of MATTER_TYPE_CODES) expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
  });

  it.each(MATTER_TYPES.map((m) => [m.code, m] as const))('%s has names, sources and wordings', (_code, matter) => {
    expect(matter.name.zh.trim()).not.toBe('');
    expect(matter.name.en.trim()).not.toBe('');
    expect(matter.sources.length).toBeGreaterThan(0);
    expect(new Set(matter.sources).size).toBe(matter.sources.length);
    for (const source of matter.sources) expect(isSeedCitation(source)).toBe(true);
    expect(matter.wordings.map((w) => w.source)).toEqual(matter.sources);
    for (const wording of matter.wordings) expect(wording.zh.trim()).not.toBe('');
  });

  it('contains the matters the check service names', () => {
    for (const code of [
      'PUBLIC_BIDDING_FISCAL',
      'FISCAL_FUNDS',
      'ADMIN_LICENSING',
      'INSPECTION',
      'AWARDS_COMMENDATIONS',
      'CIVIL_SERVICE_HIRING',
      'GOVERNMENT_PROCUREMENT',
      'LAND_USE_RIGHTS',
      'STATE_ASSET_TRANSACTION',
      'FOOD_DRUG_PROCUREMENT',
      'TAX_INCENTIVES',
      'SOCIAL_ORG_REGISTRATION',
      'SOCIAL_HOUSING_ALLOWANCES',
    ]) {
      expect(isMatterTypeCode(code)).toBe(true);
    }
  });

  it('covers every item of seed 000 Art. 4 and seed 004 §三(五) 1–16', () => {
    const cited = MATTER_TYPES.flatMap((m) => m.sources);
    const items = [
      ...['一', '二', '三', '四', '五', '六', '七'].map((n) => `seed 000 Art. 4(${n})`),
      ...Array.from({ length: 16 }, (_, i) => `seed 004 §三(五)${i + 1}`),
    ];
    for (const item of items) expect(cited.some((c) => isCitationWithin(c, item))).toBe(true);
  });

  it('marks as must-check every matter listed by seed 000 Art. 4 or seed 004 §三(五)', () => {
    for (const matter of MATTER_TYPES) {
      const listed = matter.sources.some(
        (s) => isCitationWithin(s, 'seed 000 Art. 4') || isCitationWithin(s, 'seed 004 §三(五)'),
      );
      if (listed) expect(matter.mustCheck).toBe(true);
    }
  });

  it('groups public resource trading: tendering, procurement, land, mining rights, state assets, drugs', () => {
    expect([...PUBLIC_RESOURCE_TRADING_MATTERS].sort()).toEqual(
      [
        'FOOD_DRUG_PROCUREMENT',
        'GOVERNMENT_PROCUREMENT',
        'LAND_USE_RIGHTS',
        'MINING_RIGHTS_TRANSACTION',
        'PUBLIC_BIDDING_FISCAL',
        'STATE_ASSET_TRANSACTION',
      ].sort(),
    );
  });

  it('looks matters up by code', () => {
    expect(getMatterType('LAND_USE_RIGHTS').name.zh).toBe('土地使用权出让');
    expect(isMatterTypeCode('NOT_A_MATTER')).toBe(false);
    expect(isMatterTypeCode('*')).toBe(false);
  });
});
