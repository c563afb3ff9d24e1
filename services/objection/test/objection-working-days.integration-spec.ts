import { Events, ProtoFiles } from '@credit/contracts';
import { NATIONAL_POLICY_VERSIONS, PolicyRegistry } from '@credit/domain';
import { eventually, startServiceUnderTest, type ServiceUnderTest } from '@credit/testing';
import { ObjectionModule } from '../src';
import { DeadlineSweepService } from '../src/objection/deadline-sweep.service';
import { ObjectionGrpcController } from '../src/objection/objection.grpc.controller';
import { collectRecord, filing } from './objection-fixtures';

/**
 * A county whose rule counts verification in WORKING days (a jurisdiction override in the policy registry):
 * the due date and the escalation follow the State Council holiday calendar, 调休 included.
 */
const policies = new PolicyRegistry(NATIONAL_POLICY_VERSIONS, [
  {
    id: 'HN-430923-TEST',
    jurisdiction: '430923',
    effectiveFrom: '2026-01-01',
    basis: ['test override: verification within 5 working days'],
    parameters: { objection: { verificationDays: 5, verificationDayKind: 'WORKING' } },
  },
]);

/** 09:30 in Beijing on Monday 28 September 2026, two days before the National Day holiday. */
const now = new Date('2026-09-28T01:30:00Z');
let sut: ServiceUnderTest;

beforeAll(async () => {
  sut = await startServiceUnderTest(
    'objection_wd',
    (deps) => ObjectionModule.forRoot(deps, { policies, clock: () => now, settings: { dailySweep: false, reminderWorkingDays: 1, creditOfficeDepartmentId: 'anhua-credit-office' } }),
    { serviceName: 'objection', protoFile: ProtoFiles.objection, env: { JURISDICTION: '430923' } },
  );
});

afterAll(async () => {
  await sut?.stop();
});

it('counts verification in working days across National Day and escalates on the day after the due date, not before', async () => {
  const api = sut.app.get(ObjectionGrpcController);
  const sweep = sut.app.get(DeadlineSweepService);
  const record = await collectRecord(sut, { provider: 'anhua-housing' });
  const { objection } = await api.fileObjection(filing(record.recordId));
  const id = objection?.objectionId ?? '';

  // 29 Sep, 30 Sep, (1–7 Oct off), 8 Oct, 9 Oct, 10 Oct (a Saturday worked in exchange) → due 10 October.
  expect(objection).toMatchObject({ verificationDue: '2026-10-10', verificationDayKind: 'WORKING', policyVersion: expect.stringContaining('HN-430923-TEST') });
  const marked = await eventually('ObjectionMarked', async () => (await sut.events(Events.ObjectionMarked)).find((e) => e.payload.objectionId === id));
  expect(marked.payload.verificationDue).toBe('2026-10-10');

  // Calendar-day counting would have made it overdue on 4 October; in working days it is not.
  for (const day of ['2026-10-03', '2026-10-04', '2026-10-07', '2026-10-08']) {
    const result = await sweep.runDailySweep(day);
    expect([day, result.escalated.includes(id), result.reminded.includes(id)]).toEqual([day, false, false]);
  }
  expect((await sweep.runDailySweep('2026-10-09')).reminded).toContain(id);
  expect((await sweep.runDailySweep('2026-10-10')).escalated).not.toContain(id);
  expect((await api.getObjection({ objectionId: id })).escalated).toBe(false);

  expect((await sweep.runDailySweep('2026-10-11')).escalated).toEqual([id]);
  const view = await api.getObjection({ objectionId: id });
  expect(view.escalated).toBe(true);
  const office = await api.listObjectionNotifications({ departmentId: 'anhua-credit-office', since: '' });
  expect(office.notifications).toEqual([{ departmentId: 'anhua-credit-office', kind: 'ESCALATION', objectionId: id, date: '2026-10-11', verificationDue: '2026-10-10' }]);

  const stats = await api.objectionStatistics({ departmentId: 'anhua-housing', asOf: '2026-10-11' });
  expect(stats.departments[0]).toMatchObject({ open: 1, overdue: 1, escalated: 1 });
  const before = await api.objectionStatistics({ departmentId: 'anhua-housing', asOf: '2026-10-10' });
  expect(before.departments[0]).toMatchObject({ open: 1, overdue: 0 });
});
