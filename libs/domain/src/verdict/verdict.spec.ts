import { decideVerdict, type ListEntryFact, type RecordFact, type SubjectFacts } from './verdict';

const params = { cleanYears: 3 };
const asOf = '2026-11-23';

const record = (over: Partial<RecordFact> = {}): RecordFact => ({
  recordId: 'rec-1',
  adverse: true,
  severity: 'SERIOUS',
  status: 'ACTIVE',
  decisionDate: '2026-06-01',
  effectEnd: '2029-06-01',
  underObjection: false,
  providerDepartmentId: 'SCJGJ',
  catalogueItemCode: 'ADMIN_PENALTY',
  decisionNumber: '湘市监罚〔2026〕1号',
  ...over,
});

const entry = (over: Partial<ListEntryFact> = {}): ListEntryFact => ({
  entryId: 'entry-1',
  listType: 'SERIOUS_DISHONESTY',
  status: 'ACTIVE',
  periodEnd: '2029-06-10',
  relatedToEntryId: null,
  relation: null,
  underObjection: false,
  identifyingDepartmentId: 'SCJGJ',
  basisText: '《严重违法失信名单管理办法》',
  ...over,
});

const org = (records: RecordFact[], listEntries: ListEntryFact[] = []): SubjectFacts => ({ known: true, subjectType: 'LEGAL_PERSON', records, listEntries });
const codes = (r: ReturnType<typeof decideVerdict>, status = 'APPLIES') => r.measures.filter((m) => m.status === status).map((m) => m.measure.code);

describe('check verdicts', () => {
  it('rejects a blacklisted subject on a matter with a mandatory bar (一票否决), with basis and notice', () => {
    const result = decideVerdict(org([record()], [entry()]), 'PUBLIC_BIDDING_FISCAL', asOf, params);
    expect(result.verdict).toBe('REJECT');
    expect(codes(result)).toEqual(expect.arrayContaining(['P-NO-PUBLIC-RESOURCE-TRADING', 'R-KEY-SUPERVISION-SERIOUS']));
    const bar = result.measures.find((m) => m.measure.code === 'P-NO-PUBLIC-RESOURCE-TRADING')!;
    expect(bar.measure.class).toBe('MANDATORY');
    expect(bar.evidenceIds).toEqual(['entry-1']);
    expect(result.evidence.map((e) => e.id).sort()).toEqual(['entry-1', 'rec-1']);
    expect(result.noticeText).toContain('湘市监罚〔2026〕1号');
    expect(result.noticeText).toContain('提供单位：SCJGJ');
    expect(result.noticeText).toContain('异议');
  });

  it('asks for review where the measures on this matter are only recommended, listing them', () => {
    const result = decideVerdict(org([record()], [entry()]), 'CIVIL_SERVICE_HIRING', asOf, params);
    expect(result.verdict).toBe('REVIEW');
    expect(codes(result)).toContain('P-VETO-BLACKLISTED');
    expect(result.measures.find((m) => m.measure.code === 'P-VETO-BLACKLISTED')!.measure.class).toBe('RECOMMENDED');
  });

  it('suspends the measures resting on information under objection and does not apply them', () => {
    const result = decideVerdict(org([record({ underObjection: true })], [entry({ status: 'SUSPENDED' })]), 'PUBLIC_BIDDING_FISCAL', asOf, params);
    expect(result.verdict).toBe('PROCEED');
    expect(codes(result)).toEqual([]);
    expect(codes(result, 'SUSPENDED')).toEqual(expect.arrayContaining(['P-NO-PUBLIC-RESOURCE-TRADING', 'R-RESTRICT-CONVENIENCES']));
    expect(result.evidence.every((e) => e.underObjection)).toBe(true);
    expect(result.noticeText).toBeNull();
    expect(result.reason.zh).toContain('暂停执行');
  });

  it('gives incentives after three clean years', () => {
    const licence = record({ recordId: 'lic', adverse: false, severity: null, decisionDate: '2022-03-01', effectEnd: null });
    const result = decideVerdict(org([licence]), 'PUBLIC_BIDDING_FISCAL', asOf, params);
    expect(result.groups).toEqual(['NO_ADVERSE_RECORD', 'CLEAN_3_YEARS']);
    expect(result.verdict).toBe('PROCEED_WITH_INCENTIVES');
    expect(codes(result)).toEqual(expect.arrayContaining(['I-TRADING-CREDIT-BONUS', 'I-CONVENIENCE']));
  });

  it('does not count three clean years when an adverse record was decided within them, even if expired', () => {
    const old = record({ recordId: 'lic', adverse: false, severity: null, decisionDate: '2020-01-01', effectEnd: null });
    const minor = record({ recordId: 'm', severity: 'MINOR', decisionDate: '2025-01-10', effectEnd: '2025-04-10', status: 'PUBLICITY_ENDED' });
    const result = decideVerdict(org([old, minor]), 'PUBLIC_BIDDING_FISCAL', asOf, params);
    expect(result.groups).toEqual(['NO_ADVERSE_RECORD']);
  });

  it('answers PROCEED with "no record" for an unknown subject', () => {
    const result = decideVerdict({ known: false, subjectType: 'LEGAL_PERSON', records: [], listEntries: [] }, 'PUBLIC_BIDDING_FISCAL', asOf, params);
    expect(result.verdict).toBe('PROCEED');
    expect(result.measures).toEqual([]);
    expect(result.reason.en).toContain('No record');
  });

  it('applies only the related-person measures to a legal representative listed through the organisation (落实到人)', () => {
    const person: SubjectFacts = {
      known: true,
      subjectType: 'NATURAL_PERSON',
      records: [],
      listEntries: [entry({ entryId: 'p-1', relatedToEntryId: 'entry-1', relation: 'LEGAL_REPRESENTATIVE' })],
    };
    const result = decideVerdict(person, 'MARKET_REGISTRATION', asOf, params);
    expect(codes(result)).toEqual(expect.arrayContaining(['P-MARKET-INDUSTRY-BAN', 'P-RESTRICT-OFFICER-ROLES']));
    expect(codes(result)).not.toContain('R-KEY-SUPERVISION-SERIOUS');
    expect(result.verdict).toBe('REJECT');
    expect(result.evidence[0].description.zh).toContain('法定代表人');
  });

  it('ignores revoked, repaired and expired records and ended entries', () => {
    const result = decideVerdict(
      org(
        [record({ status: 'REVOKED' }), record({ recordId: 'r2', status: 'REPAIRED' }), record({ recordId: 'r3', effectEnd: '2026-11-23' })],
        [entry({ status: 'ENDED' }), entry({ entryId: 'e2', periodEnd: '2026-11-01' })],
      ),
      'PUBLIC_BIDDING_FISCAL',
      asOf,
      params,
    );
    expect(result.groups).toEqual(['NO_ADVERSE_RECORD']);
    expect(result.verdict).toBe('PROCEED_WITH_INCENTIVES');
  });

  it('restricts where a mandatory measure limits but does not bar, and reviews a key-attention subject', () => {
    expect(decideVerdict(org([record()], [entry()]), 'FINANCING', asOf, params).verdict).toBe('RESTRICT');
    const general = record({ severity: 'GENERAL' });
    expect(decideVerdict(org([general], [entry({ listType: 'KEY_ATTENTION' })]), 'FISCAL_FUNDS', asOf, params).verdict).toBe('REVIEW');
    expect(decideVerdict(org([general]), 'ADMIN_LICENSING', asOf, params).verdict).toBe('REVIEW');
  });

  it('applies the graded-supervision measures of the subject’s grade (分级分类) on inspections', () => {
    const licence = record({ recordId: 'lic', adverse: false, severity: null, decisionDate: '2026-03-01', effectEnd: null });
    const gradeA = decideVerdict({ ...org([licence]), grade: 'A' }, 'INSPECTION', asOf, params);
    expect(codes(gradeA)).toContain('I-GRADE-A-REDUCED-SAMPLING');
    expect(gradeA.measures.find((m) => m.measure.code === 'I-GRADE-A-REDUCED-SAMPLING')!.groups).toContain('GRADE_A');
    const gradeD = decideVerdict({ ...org([record()]), grade: 'D' }, 'INSPECTION', asOf, params);
    expect(codes(gradeD)).toContain('R-GRADE-CD-INCREASED-SAMPLING');
    expect(gradeD.verdict).toBe('REVIEW');
    // no grade known: nothing grade-targeted
    expect(codes(decideVerdict(org([licence]), 'INSPECTION', asOf, params))).not.toContain('I-GRADE-A-REDUCED-SAMPLING');
  });
});
