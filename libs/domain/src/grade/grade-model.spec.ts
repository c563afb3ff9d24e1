import type { ListEntryFact, RecordFact, SubjectFacts } from '../verdict/verdict';
import { gradeSubject, gradingModelOn } from './grade-model';
import { sampleSize, samplingPolicyOn } from './sampling-policy';

const rec = (over: Partial<RecordFact> = {}): RecordFact => ({
  recordId: `r-${Math.random()}`,
  adverse: true,
  severity: 'GENERAL',
  status: 'ACTIVE',
  decisionDate: '2026-01-10',
  effectEnd: '2027-01-10',
  underObjection: false,
  providerDepartmentId: 'SCJGJ',
  catalogueItemCode: 'ADMIN_PENALTY',
  decisionNumber: 'X',
  ...over,
});
const entry = (over: Partial<ListEntryFact> = {}): ListEntryFact => ({
  entryId: `e-${Math.random()}`,
  listType: 'SERIOUS_DISHONESTY',
  status: 'ACTIVE',
  periodEnd: '2029-01-01',
  relatedToEntryId: null,
  relation: null,
  underObjection: false,
  identifyingDepartmentId: 'SCJGJ',
  basisText: '',
  ...over,
});
const facts = (records: RecordFact[], listEntries: ListEntryFact[] = []): SubjectFacts => ({ known: true, subjectType: 'LEGAL_PERSON', records, listEntries });
const ON = '2026-11-23';

describe('grading model GM-2026.1', () => {
  it('grades a table of profiles', () => {
    const licence = rec({ adverse: false, severity: null, effectEnd: null, decisionDate: '2022-06-01' });
    const cases: [string, SubjectFacts, string, number][] = [
      ['unknown subject', { known: false, subjectType: 'LEGAL_PERSON', records: [], listEntries: [] }, 'B', 80],
      ['known for 4 clean years', facts([licence]), 'A', 95],
      ['one minor record', facts([rec({ severity: 'MINOR', effectEnd: '2027-01-01' })]), 'B', 75],
      ['one general record', facts([rec()]), 'B', 65],
      ['two general records', facts([rec(), rec()]), 'C', 50],
      ['one serious record', facts([rec({ severity: 'SERIOUS', effectEnd: '2029-01-10' })]), 'C', 40],
      ['serious + general', facts([rec({ severity: 'SERIOUS', effectEnd: '2029-01-10' }), rec()]), 'D', 25],
      ['blacklisted', facts([rec()], [entry()]), 'D', 65],
      ['key attention only', facts([], [entry({ listType: 'KEY_ATTENTION' })]), 'C', 80],
      ['red list, no history', facts([], [entry({ listType: 'RED' })]), 'A', 95],
      ['general record under objection', facts([rec({ underObjection: true })]), 'B', 80],
      ['blacklisting under objection', facts([], [entry({ underObjection: true })]), 'B', 80],
      ['record whose effect ended, 1 clean year', facts([rec({ effectEnd: '2026-06-01', decisionDate: '2025-06-01' })]), 'B', 85],
    ];
    for (const [name, f, grade, score] of cases) {
      const g = gradeSubject(f, ON);
      expect({ name, grade: g.grade, score: g.score }).toEqual({ name, grade, score });
      expect(g.modelVersion).toBe('GM-2026.1');
    }
  });

  it('never gives A with adverse information in force, and says when the grade may next change', () => {
    const g = gradeSubject(facts([rec({ severity: 'MINOR', effectEnd: '2027-01-01' })], [entry({ listType: 'RED' })]), ON);
    expect(g.grade).toBe('B');
    expect(g.validUntil).toBe('2027-01-01');
    // clean years: the next anniversary of the last adverse decision
    const clean = gradeSubject(facts([rec({ decisionDate: '2025-03-01', effectEnd: '2026-03-01' })]), ON);
    expect(clean.inputs.cleanYears).toBe(1);
    expect(clean.validUntil).toBe('2027-03-01');
  });

  it('resolves the model and the sampling policy by date, and sizes samples by ceiling', () => {
    expect(gradingModelOn(ON).id).toBe('GM-2026.1');
    const policy = samplingPolicyOn('430923', ON);
    expect(policy.grades.A.ratio).toBeLessThan(policy.grades.B.ratio);
    expect(policy.grades.B.ratio).toBeLessThan(policy.grades.C.ratio);
    expect(policy.grades.C.ratio).toBeLessThan(policy.grades.D.ratio);
    expect(policy.grades.D.allKeyItems).toBe(true);
    expect([sampleSize(30, 0.1), sampleSize(12, 0.3), sampleSize(1, 0.03), sampleSize(0, 0.5), sampleSize(5, 0)]).toEqual([3, 4, 1, 0, 0]);
  });
});
