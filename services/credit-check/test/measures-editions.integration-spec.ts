/**
 * Checks use the edition of the measures list in force on their day, as joint-reward-punishment publishes it
 * (MeasuresEditionPublished on credit.catalogue.v1); an edition taking effect later changes neither today's
 * verdicts nor the policy version any logged check recorded.
 */
import { randomUUID } from 'node:crypto';
import {
  Events,
  ListEntryStatus,
  ListType,
  ProtoFiles,
  SeverityTier,
  SubjectType,
  type MeasureDefinition,
  type MeasuresEditionPublished,
  type RecordCollected,
} from '@credit/contracts';
import { JOINT_MEASURES, addCalendarDays, chinaDateOf, subjectKeyForUscc, type JointMeasure } from '@credit/domain';
import { eventually, startServiceUnderTest, uniqueUscc, type ServiceUnderTest } from '@credit/testing';
import { CheckLogQueryService } from '../src/check/check-log.query';
import { CheckService, type CheckContext } from '../src/check/check.service';
import { CreditCheckModule } from '../src/credit-check.module';
import { MeasuresEditionsService } from '../src/measures/measures-editions.service';

const VETO = 'P-VETO-BLACKLISTED';

function definition(m: JointMeasure, over: Partial<MeasureDefinition> = {}): MeasureDefinition {
  return {
    code: m.code,
    contentZh: m.content.zh,
    contentEn: m.content.en,
    type: m.type,
    class: m.class,
    classBasis: m.classBasis,
    effect: m.effect,
    channel: m.channel,
    targetLists: [...m.target.lists],
    targetGrades: [...(m.target.grades ?? [])],
    relatedPersons: m.target.relatedPersons ?? false,
    subjectTypes: [...(m.target.subjectTypes ?? [])],
    targetWording: m.target.wording,
    matterTypes: [...m.matterTypes],
    implementingBodyZh: m.implementingBody.zh,
    legalBasis: [...m.legalBasis],
    sources: [...m.sources],
    defaultPeriodMonths: m.defaultPeriodMonths ?? 0,
    quotesJson: JSON.stringify(m.quotes),
    ...over,
  };
}

function edition(editionId: string, effectiveFrom: string, change: (m: JointMeasure) => Partial<MeasureDefinition> = () => ({})): MeasuresEditionPublished {
  return { editionId, effectiveFrom, basis: ['test'], measures: JOINT_MEASURES.map((m) => definition(m, change(m))), publishedAt: new Date().toISOString() };
}

const context = (over: Partial<CheckContext> = {}): CheckContext => ({
  matterType: 'CIVIL_SERVICE_HIRING',
  matterReference: `GW-${randomUUID().slice(0, 8)}`,
  purpose: '招录资格审查',
  operator: '王经办',
  requesterDepartmentId: 'RSJ',
  requesterClientId: 'rsj-system',
  ...over,
});

function seriousRecord(uscc: string): RecordCollected {
  const recordId = randomUUID();
  return {
    recordId,
    version: 1,
    subject: { key: subjectKeyForUscc(uscc), type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON, name: '湖南某劳务有限公司', uscc, maskedIdNumber: '' },
    catalogueItemCode: 'ADMIN_PENALTY',
    catalogueItemVersion: 1,
    category: 'PENALTY',
    providerDepartmentId: 'SCJGJ',
    decisionNumber: `湘市监罚〔2026〕${recordId.slice(0, 6)}号`,
    decisionDate: '2026-01-09',
    adverse: true,
    severity: SeverityTier.SEVERITY_TIER_SERIOUS,
    disclosure: 'PUBLIC',
    publicityStart: '2026-01-09',
    publicityEnd: '2029-01-09',
    fieldsJson: '{}',
    jurisdiction: '430000',
    policyVersion: 'CN-2025.1',
    collectedAt: new Date().toISOString(),
    relatedPersons: [],
    submittedByDepartmentId: 'SCJGJ',
    objectionId: '',
  };
}

describe('credit-check: the measures-list edition in force on the check day', () => {
  let svc: ServiceUnderTest;
  let checks: CheckService;
  let editions: MeasuresEditionsService;

  beforeAll(async () => {
    svc = await startServiceUnderTest('credit_check_editions', (deps) => CreditCheckModule.forRoot(deps), { serviceName: 'credit-check', protoFile: ProtoFiles.creditCheck });
    checks = svc.app.get(CheckService);
    editions = svc.app.get(MeasuresEditionsService);
  }, 60_000);
  afterAll(async () => {
    jest.useRealTimers();
    await svc?.stop();
  });

  it('keeps today’s verdict and every logged policy version when an edition takes effect tomorrow, and applies it from that day', async () => {
    const uscc = uniqueUscc();
    const subject = { type: 'LEGAL_PERSON', name: '湖南某劳务有限公司', uscc };
    const record = seriousRecord(uscc);
    const key = record.subject!.key;
    const entryId = randomUUID();
    await svc.publish(Events.RecordCollected, key, record);
    await svc.publish(Events.ListEntryChanged, key, {
      entryId,
      subject: record.subject,
      listType: ListType.LIST_TYPE_SERIOUS_DISHONESTY,
      status: ListEntryStatus.LIST_ENTRY_STATUS_ACTIVE,
      sequence: 3,
      basisRecordIds: [record.recordId],
      ruleCode: 'R-SERIOUS-RECORD',
      identifyingDepartmentId: 'SCJGJ',
      periodStart: '2026-01-20',
      periodEnd: '2029-01-20',
      reason: '严重失信行为',
      actor: 'system',
      relatedToEntryId: '',
      relation: '',
      basisText: '《市场监督管理严重违法失信名单管理办法》',
      objectionWindowEnd: '2026-01-19',
      endReason: '',
      changedAt: new Date().toISOString(),
      causeId: '',
    });

    // Before any edition has arrived the seeded one applies: the veto is RECOMMENDED, so hiring is REVIEW.
    const before = await eventually('the list entry in the profile', async () => {
      const r = await checks.check(subject, context());
      return r.verdict.groups.includes('SERIOUS_DISHONESTY') ? r : undefined;
    });
    expect(before.verdict.verdict).toBe('REVIEW');
    expect(before.policyVersion).toMatch(/\+M-2026\.1$/);

    // jrp publishes the seeded edition, then an edition making the veto MANDATORY from tomorrow.
    const today = chinaDateOf(new Date());
    const tomorrow = addCalendarDays(today, 1);
    await svc.publish(Events.MeasuresEditionPublished, 'MEASURES:M-2026.1', edition('M-2026.1', '2026-01-01'), 'measures-edition:M-2026.1');
    await svc.publish(
      Events.MeasuresEditionPublished,
      'MEASURES:M-2026.9',
      edition('M-2026.9', tomorrow, (m) => (m.code === VETO ? { class: 'MANDATORY' } : {})),
      'measures-edition:M-2026.9',
    );
    await eventually('both editions stored', async () => ((await editions.all()).length === 2 ? true : undefined));

    const todayAgain = await checks.check(subject, context());
    expect(todayAgain.verdict.verdict).toBe('REVIEW');
    expect(todayAgain.verdict.measures.find((m) => m.measure.code === VETO)?.measure.class).toBe('RECOMMENDED');
    expect(todayAgain.policyVersion).toBe(before.policyVersion);

    // From tomorrow (only Date is faked: timers and I/O run as usual) the new edition decides and is named.
    jest.useFakeTimers({
      now: new Date(`${tomorrow}T02:00:00.000Z`),
      doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
    });
    let after;
    try {
      after = await checks.check(subject, context());
    } finally {
      jest.useRealTimers();
    }
    expect(after.verdict.verdict).toBe('REJECT');
    expect(after.verdict.measures.find((m) => m.measure.code === VETO)).toMatchObject({ status: 'APPLIES', measure: { class: 'MANDATORY' } });
    expect(after.policyVersion).toBe(before.policyVersion.replace(/M-2026\.1$/, 'M-2026.9'));

    // The logged checks keep the version they were decided with.
    const page = await svc.app.get(CheckLogQueryService).query({ requesterDepartmentId: 'RSJ', allDepartments: false, subject });
    const logged = new Map(page.entries.map((e) => [e.checkId, e.policyVersion]));
    expect(logged.get(before.checkId)).toBe(before.policyVersion);
    expect(logged.get(todayAgain.checkId)).toBe(before.policyVersion);
    expect(logged.get(after.checkId)).toMatch(/\+M-2026\.9$/);

    // Editions never change: the same edition id with other content is ignored.
    await svc.publish(Events.MeasuresEditionPublished, 'MEASURES:M-2026.9', edition('M-2026.9', today), 'measures-edition:M-2026.9-bis');
    await eventually('the redelivery handled', async () => {
      const rows = await svc.db.query(`SELECT 1 FROM credit_check.inbox WHERE event_id = 'measures-edition:M-2026.9-bis'`);
      return rows.length ? true : undefined;
    });
    await editions.reload();
    expect((await editions.all()).find((e) => e.id === 'M-2026.9')?.effectiveFrom).toBe(tomorrow);
  });
});
