import { isMatterTypeCode, type MatterTypeCode } from '../matters/matter-types';
import {
  ALL_MATTERS,
  getJointMeasure,
  JOINT_MEASURES,
  type JointMeasure,
  MeasureTargetList,
  measuresForMatter,
  SEED_CLAUSES_WITHOUT_MEASURE,
} from './measures';
import { isCitationWithin, isSeedCitation, SEED_DOCUMENTS, SEED_IDS, seedOfCitation } from './seed-sources';

const CODE_PREFIX = { INCENTIVE: 'I-', PUNISHMENT: 'P-', REGULATORY: 'R-' } as const;
const ADVERSE_LISTS: readonly string[] = ['SERIOUS_DISHONESTY', 'KEY_ATTENTION', 'ANY_ADVERSE'];
const GOOD_LISTS: readonly string[] = ['RED', 'CLEAN_3_YEARS', 'NO_ADVERSE_RECORD'];

/** The seed sections the measures list is drawn from. */
const REQUIRED_SECTIONS = [
  'seed 000 Art. 5',
  'seed 000 Art. 6',
  'seed 000 Art. 7',
  'seed 001 §二(三)',
  'seed 002 §二(一)',
  'seed 002 §三(四)',
  'seed 002 §四',
  'seed 003 §二(二)',
  'seed 003 §二(三)',
  'seed 004 §五',
];

/** Every item of those sections, as the seeds number them. */
const REQUIRED_ITEMS = [
  ...['一', '二', '三', '四', '五'].map((n) => `seed 000 Art. 5(${n})`),
  ...['一', '二', '三', '四'].map((n) => `seed 000 Art. 6(${n})`),
  ...['一', '二', '三', '四', '五', '六'].map((n) => `seed 000 Art. 7(${n})`),
  'seed 001 §二(三)',
  'seed 002 §二(一)',
  'seed 002 §三(四)',
  ...['一', '二', '三', '四', '五', '六', '七'].map((n) => `seed 002 §四(${n})`),
  ...[1, 2, 3, 4, 5].map((n) => `seed 003 §二(二)${n}`),
  ...[1, 2, 3, 4, 5].map((n) => `seed 003 §二(三)${n}`),
  'seed 004 §五(十)',
  'seed 004 §五(十一)',
];

const cited = (m: JointMeasure, section: string) => m.sources.some((s) => isCitationWithin(s, section));

describe('seed citations', () => {
  it('accepts the two citation forms', () => {
    for (const ok of ['seed 000 Art. 4', 'seed 000 Art. 7(二)', 'seed 000 Art. 13', 'seed 001 §二(三)', 'seed 004 §三(五)16', 'seed 004 §五(十一)', 'seed 002 §四']) {
      expect(isSeedCitation(ok)).toBe(true);
    }
    for (const bad of ['seed 000 Art. 14', 'seed 000 §二', 'seed 005 §一', 'seed 001 Art. 3', 'seed 004 §三（五）1', 'seed 004 §3(5)1', 'Art. 5', '']) {
      expect(isSeedCitation(bad)).toBe(false);
    }
  });

  it('knows which citation lies within which section', () => {
    expect(isCitationWithin('seed 000 Art. 5(一)', 'seed 000 Art. 5')).toBe(true);
    expect(isCitationWithin('seed 004 §三(五)3', 'seed 004 §三(五)')).toBe(true);
    expect(isCitationWithin('seed 004 §三(五)3', 'seed 004 §三')).toBe(true);
    expect(isCitationWithin('seed 004 §五(十一)', 'seed 004 §五')).toBe(true);
    expect(isCitationWithin('seed 000 Art. 10', 'seed 000 Art. 1')).toBe(false);
    expect(isCitationWithin('seed 004 §三(五)16', 'seed 004 §三(五)1')).toBe(false);
    expect(isCitationWithin('seed 003 §二(二)1', 'seed 003 §二(三)')).toBe(false);
  });

  it('describes the five seeds with their jurisdictions', () => {
    expect(Object.keys(SEED_DOCUMENTS).sort()).toEqual([...SEED_IDS]);
    for (const id of SEED_IDS) {
      expect(SEED_DOCUMENTS[id].id).toBe(id);
      expect(SEED_DOCUMENTS[id].jurisdiction).toMatch(/^\d{6}$/);
    }
    expect(SEED_DOCUMENTS['003'].status).toBe('DRAFT');
  });
});

describe('joint reward and punishment measures (措施清单)', () => {
  it('has unique codes whose prefix follows the type', () => {
    const codes = JOINT_MEASURES.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const m of JOINT_MEASURES) {
      expect(m.code).toMatch(/^[IPR]-[A-Z0-9]+(-[A-Z0-9]+)*$/);
      expect(m.code.startsWith(CODE_PREFIX[m.type])).toBe(true);
    }
  });

  describe.each(JOINT_MEASURES.map((m) => [m.code, m] as const))('%s', (_code, m) => {
    it('has content in both languages', () => {
      expect(m.content.zh.trim()).not.toBe('');
      expect(m.content.en.trim()).not.toBe('');
      expect(m.implementingBody.zh.trim()).not.toBe('');
      expect(m.implementingBody.en.trim()).not.toBe('');
    });

    it('cites at least one seed source in the required form, each with its wording', () => {
      expect(m.sources.length).toBeGreaterThan(0);
      expect(new Set(m.sources).size).toBe(m.sources.length);
      for (const source of m.sources) {
        expect(isSeedCitation(source)).toBe(true);
        expect(m.quotes.some((q) => q.source === source)).toBe(true);
      }
      for (const quote of m.quotes) {
        expect(m.sources).toContain(quote.source);
        expect(quote.zh.trim()).not.toBe('');
      }
    });

    it('gives its legal basis starting from the seed citations', () => {
      expect(m.legalBasis.slice(0, m.sources.length)).toEqual(m.sources);
      expect(new Set(m.legalBasis).size).toBe(m.legalBasis.length);
    });

    it('names matters from the catalogue, or * alone', () => {
      expect(new Set(m.matterTypes).size).toBe(m.matterTypes.length);
      if (m.matterTypes.includes(ALL_MATTERS)) expect(m.matterTypes).toEqual([ALL_MATTERS]);
      else for (const matter of m.matterTypes) expect(isMatterTypeCode(matter)).toBe(true);
      // Trade associations and publication act outside any administrative matter.
      if (m.channel === 'INDUSTRY' || m.channel === 'SOCIAL') expect(m.matterTypes).toEqual([]);
    });

    it('has a target the lists and grades describe', () => {
      const grades = m.target.grades ?? [];
      expect(m.target.lists.length + grades.length).toBeGreaterThan(0);
      for (const list of m.target.lists) expect(Object.values(MeasureTargetList)).toContain(list);
      expect(m.target.wording.trim()).not.toBe('');
      if (m.type === 'INCENTIVE') {
        for (const list of m.target.lists) expect(GOOD_LISTS).toContain(list);
        expect(grades.every((g) => g === 'A')).toBe(true);
      } else {
        for (const list of m.target.lists) expect(ADVERSE_LISTS).toContain(list);
        expect(grades).not.toContain('A');
      }
    });

    it('explains its class, and incentives are not mandatory', () => {
      expect(m.classBasis.startsWith(m.class)).toBe(true);
      if (m.type === 'INCENTIVE') {
        expect(m.class).toBe('RECOMMENDED');
        expect(['BENEFIT', 'PUBLICITY']).toContain(m.effect);
      } else {
        expect(m.effect).not.toBe('BENEFIT');
      }
    });

    it('has a default period only where a seed states one', () => {
      if (m.defaultPeriodMonths !== null) {
        expect(Number.isInteger(m.defaultPeriodMonths)).toBe(true);
        expect(m.defaultPeriodMonths).toBeGreaterThan(0);
      }
    });
  });

  it('cites every seed section the measures list draws on', () => {
    for (const section of REQUIRED_SECTIONS) {
      expect(JOINT_MEASURES.some((m) => cited(m, section))).toBe(true);
    }
  });

  it('accounts for every item of those sections: cited by a measure or listed as containing none', () => {
    const excluded = new Set(SEED_CLAUSES_WITHOUT_MEASURE.map((c) => c.source));
    for (const item of REQUIRED_ITEMS) {
      const isCited = JOINT_MEASURES.some((m) => cited(m, item));
      expect({ item, accounted: isCited !== excluded.has(item) }).toEqual({ item, accounted: true });
    }
    for (const clause of SEED_CLAUSES_WITHOUT_MEASURE) {
      expect(REQUIRED_ITEMS).toContain(clause.source);
      expect(clause.reason.trim()).not.toBe('');
    }
  });

  it('draws on all five seeds', () => {
    const seeds = new Set(JOINT_MEASURES.flatMap((m) => m.sources.map(seedOfCitation)));
    expect([...seeds].sort()).toEqual([...SEED_IDS]);
  });

  describe('supports the verdicts the check derives', () => {
    const applying = (matter: MatterTypeCode, list: MeasureTargetList) =>
      measuresForMatter(matter).filter((m) => m.target.lists.includes(list));

    it('a seriously dishonest bidder meets a mandatory bar on tendering (一票否决)', () => {
      const bars = applying('PUBLIC_BIDDING_FISCAL', 'SERIOUS_DISHONESTY').filter(
        (m) => m.class === 'MANDATORY' && m.effect === 'BAR',
      );
      expect(bars.map((m) => m.code)).toContain('P-NO-PUBLIC-RESOURCE-TRADING');
    });

    it('on a matter with no mandatory bar the same subject only meets review and recommended measures', () => {
      const measures = applying('CIVIL_SERVICE_HIRING', 'SERIOUS_DISHONESTY');
      expect(measures.some((m) => m.class === 'MANDATORY' && m.effect === 'BAR')).toBe(false);
      expect(measures.some((m) => m.class === 'RECOMMENDED')).toBe(true);
    });

    it('a subject clean for 3 years meets incentives on fiscal funds', () => {
      const incentives = applying('FISCAL_FUNDS', 'CLEAN_3_YEARS');
      expect(incentives.length).toBeGreaterThan(0);
      expect(incentives.every((m) => m.type === 'INCENTIVE')).toBe(true);
    });

    it('related persons of a listed organisation meet mandatory measures', () => {
      const related = JOINT_MEASURES.filter(
        (m) => m.target.relatedPersons && m.class === 'MANDATORY' && m.matterTypes.length > 0,
      );
      expect(related.map((m) => m.code)).toEqual(
        expect.arrayContaining(['P-MARKET-INDUSTRY-BAN', 'P-NO-AWARDS', 'P-RESTRICT-OFFICER-ROLES']),
      );
    });
  });

  it('looks measures up by code', () => {
    expect(getJointMeasure('P-NO-FISCAL-FUNDS')?.content.zh).toBe('取消申请财政性资金项目资格');
    expect(getJointMeasure('P-NOPE')).toBeUndefined();
    expect(measuresForMatter('OTHER_ADMIN_MATTERS').every((m) => m.matterTypes.includes(ALL_MATTERS))).toBe(true);
  });
});
