/**
 * The platform's main flows across every service, in standalone mode on PostgreSQL: a serious penalty lists its
 * subject (and legal representative) after the notice window and checks then reject it; an objection suspends the
 * measures and a correction tells the departments that checked; a repair ends the record's effect in checks.
 * Daily sweeps are run for a given day, as the services' timers run them for today.
 */
import { addCalendarDays, chinaDateOf } from '@credit/domain';
import { DailySweepService } from '@credit/service-joint-reward-punishment';
import { ObjectionDecisionService, ObjectionFilingService } from '@credit/service-objection';
import { RepairService } from '@credit/service-credit-repair';
import { eventually, penaltyRecord, uniqueIdNumber, uniqueUscc } from '@credit/testing';
import request from 'supertest';
import { standaloneOnPostgres } from './support';

interface CheckBody {
  checkId: string;
  verdict: string;
  found: boolean;
  measures: { code: string; class: string; status: string; legalBasis: string[] }[];
  evidence: { id: string; kind: string; underObjection: boolean }[];
  lists: { entryId: string; listType: string; status: string; relatedToEntryId?: string; relation?: string }[];
  records: { recordId: string; version: number; status: string; underObjection: boolean; fields: Record<string, unknown> }[];
  noticeText?: string;
  policyVersion: string;
}

describe('joint reward and punishment across the services (standalone, PostgreSQL)', () => {
  const pg = standaloneOnPostgres('joint_flows');
  const today = chinaDateOf(new Date());

  const submit = async (body: object) => (await request(pg.platform.baseUrl).post('/api/v1/records').set('authorization', pg.auth).send(body).expect(201)).body as { recordId: string; subjectKey: string };
  const check = async (subject: object, matterType: string): Promise<CheckBody> =>
    (await request(pg.platform.baseUrl).post('/api/v1/checks').set('authorization', pg.auth).send({ subject, matterType, matterReference: 'E2E-1', operator: '测试员' }).expect(200)).body;
  const sweepLists = (asOf: string) => pg.platform.services['joint-reward-punishment'].get(DailySweepService).runDailySweep(asOf);

  it('lists an enterprise and its legal representative after the notice window; checks then reject it with the mandatory measures', async () => {
    const uscc = uniqueUscc();
    const repId = uniqueIdNumber();
    const org = { type: 'LEGAL_PERSON', name: '湖南严重失信测试有限公司', uscc };
    const rep = { type: 'NATURAL_PERSON', name: '王法人', idNumber: repId };
    const record = penaltyRecord({ uscc, name: org.name, severity: 'SERIOUS' });
    await submit({ ...record, fields: { ...record.fields, legalRepresentativeName: rep.name, legalRepresentativeIdNumber: repId } });

    // proposal and notice (告知): listed but not yet in force while the objection window is open
    const noticed = await eventually('the list entry noticed', async () => {
      const body = await check(org, 'PUBLIC_BIDDING_FISCAL');
      return body.lists.some((l) => l.listType === 'SERIOUS_DISHONESTY' && l.status === 'NOTIFIED') ? body : undefined;
    });
    expect(noticed.verdict).toBe('REVIEW'); // the record itself: closer review, not yet the list's bar
    expect(noticed.measures.map((m) => m.code)).not.toContain('P-NO-PUBLIC-RESOURCE-TRADING');

    // the window passes without objection: the daily sweep activates the entries (organisation and person)
    const result = await sweepLists(addCalendarDays(today, 14));
    expect(result).toBeTruthy();
    const rejected = await eventually('the entry in force', async () => {
      const body = await check(org, 'PUBLIC_BIDDING_FISCAL');
      return body.verdict === 'REJECT' ? body : undefined;
    });
    const bar = rejected.measures.find((m) => m.code === 'P-NO-PUBLIC-RESOURCE-TRADING')!;
    expect(bar).toMatchObject({ class: 'MANDATORY', status: 'APPLIES' });
    expect(bar.legalBasis.length).toBeGreaterThan(0);
    expect(rejected.noticeText).toContain(record.decisionNumber);
    expect(rejected.lists.find((l) => l.listType === 'SERIOUS_DISHONESTY')!.status).toBe('ACTIVE');

    // 落实到人: the legal representative's own check carries the related-person measures
    const person = await eventually('the legal representative listed', async () => {
      const body = await check(rep, 'MARKET_REGISTRATION');
      return body.lists.some((l) => l.status === 'ACTIVE' && l.relation === 'LEGAL_REPRESENTATIVE') ? body : undefined;
    });
    expect(person.measures.filter((m) => m.status === 'APPLIES').map((m) => m.code)).toEqual(expect.arrayContaining(['P-MARKET-INDUSTRY-BAN', 'P-RESTRICT-OFFICER-ROLES']));
    expect(person.verdict).toBe('REJECT');
    expect(JSON.stringify(person)).not.toContain(repId); // the full ID number is never returned
  });

  it('suspends measures while an objection is verified; a correction makes a new version and the departments that checked are told', async () => {
    const uscc = uniqueUscc();
    const org = { type: 'LEGAL_PERSON', name: '湖南异议测试有限公司', uscc };
    const record = penaltyRecord({ uscc, name: org.name, severity: 'GENERAL' });
    const { recordId } = await submit(record);
    const before = await eventually('the record checkable', async () => {
      const body = await check(org, 'ADMIN_LICENSING');
      return body.found ? body : undefined;
    });
    expect(before.verdict).toBe('REVIEW');

    const filing = pg.platform.services.objection.get(ObjectionFilingService);
    const filed = await eventually('the record known to the objection service', () =>
      filing.file({ requesterDepartmentId: 'CREDIT-OFFICE', idempotencyKey: `obj-${recordId}`, targetType: 'RECORD', targetId: recordId, grounds: 'WRONG_CONTENT', statement: '处罚内容有误', contact: { name: '李联系', phone: '0731-88888888' } }),
    );
    const during = await eventually('the objection mark', async () => {
      const body = await check(org, 'ADMIN_LICENSING');
      return body.records[0]?.underObjection ? body : undefined;
    });
    expect(during.verdict).toBe('PROCEED');
    expect(during.measures.length).toBeGreaterThan(0);
    expect(during.measures.every((m) => m.status === 'SUSPENDED')).toBe(true);

    await pg.platform.services.objection.get(ObjectionDecisionService).decide({
      objectionId: filed.objectionId,
      departmentId: 'DEMO-SCJGJ', // the provider
      idempotencyKey: `decide-${filed.objectionId}`,
      outcome: 'CORRECTED',
      reasons: '罚款金额录入错误，予以更正',
      correctedFieldsJson: JSON.stringify({ content: '罚款人民币叁仟元' }),
    });
    const corrected = await eventually('the corrected version', async () => {
      const body = await check(org, 'ADMIN_LICENSING');
      return body.records[0]?.version === 2 && !body.records[0].underObjection ? body : undefined;
    });
    expect(corrected.records[0].fields.content).toBe('罚款人民币叁仟元');
    expect(corrected.verdict).toBe('REVIEW'); // still a (corrected) general penalty
    const notices = await eventually('the correction notices', async () => {
      const rows = await pg.db.query<{ check_id: string; department_id: string }>(`SELECT check_id, department_id FROM credit_check.check_correction_notice WHERE objection_id = $1`, [filed.objectionId]);
      return rows.length > 0 ? rows : undefined;
    });
    expect(notices.map((n) => n.check_id)).toEqual(expect.arrayContaining([before.checkId, during.checkId]));
    expect(new Set(notices.map((n) => n.department_id))).toEqual(new Set(['DEMO-SCJGJ']));
  });

  it('a repaired record no longer counts in any check', async () => {
    const uscc = uniqueUscc();
    const org = { type: 'LEGAL_PERSON', name: '湖南修复测试有限公司', uscc };
    const record = { ...penaltyRecord({ uscc, name: org.name, severity: 'GENERAL' }), decisionDate: addCalendarDays(today, -200) };
    const { recordId } = await submit(record);
    await eventually('the record checkable', async () => ((await check(org, 'ADMIN_LICENSING')).verdict === 'REVIEW' ? true : undefined));

    const repairs = pg.platform.services['credit-repair'].get(RepairService);
    const application = await eventually('the record known to credit-repair', () =>
      repairs.apply({
        idempotencyKey: `repair-${recordId}`,
        requesterDepartmentId: 'CREDIT-OFFICE',
        subject: org,
        target: { type: 'RECORD', id: recordId },
        methods: ['COMMITMENT', 'RECTIFICATION'],
        statement: '已缴纳罚款并完成整改',
        evidence: { finePaid: true, rectificationDone: true, attachments: [] },
        commitment: { commitmentId: '', text: '本单位承诺守法经营', type: '信用修复' },
      }),
    );
    expect(application.status).toBe('ACCEPTED');
    await repairs.decide({ applicationId: application.id, departmentId: 'DEMO-SCJGJ', outcome: 'APPROVED', reasons: [] });

    const after = await eventually('the repair everywhere', async () => {
      const body = await check(org, 'ADMIN_LICENSING');
      return body.records[0]?.status === 'REPAIRED' ? body : undefined;
    });
    expect(after.measures.filter((m) => m.status === 'APPLIES' && !m.code.startsWith('I-'))).toEqual([]);
    expect(['PROCEED', 'PROCEED_WITH_INCENTIVES']).toContain(after.verdict);
  });
});
