import { createHash } from 'node:crypto';
import { Events, ListType, ProtoFiles, SubjectType } from '@credit/contracts';
import { eventually, type ServiceUnderTest, startServiceUnderTest } from '@credit/testing';
import { JointRewardPunishmentModule } from '../src';
import { JrpClock } from '../src/lists/clock';
import { DailySweepService } from '../src/lists/daily-sweep.service';
import { JrpGrpcController } from '../src/lists/jrp.grpc.controller';
import { awaitChanges, company, penalty, person, repairApproved } from './jrp-fixtures';

let sut: ServiceUnderTest;
let api: JrpGrpcController;
let sweep: DailySweepService;
let clock: JrpClock;

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as { kind: string; errors: { code: string }[] };
  }
  throw new Error('expected a failure');
};

beforeAll(async () => {
  sut = await startServiceUnderTest('jrp-publication', (deps) => JointRewardPunishmentModule.forRoot(deps, { dailySweepTimer: false }), {
    serviceName: 'joint-reward-punishment',
    protoFile: ProtoFiles.jointRewardPunishment,
    env: { JURISDICTION: '430923' },
  });
  api = sut.app.get(JrpGrpcController);
  sweep = sut.app.get(DailySweepService);
  clock = sut.app.get(JrpClock);
});

afterAll(async () => {
  await sut?.stop();
});

describe('quarterly publication of the red and black lists (seed 002 §四(三))', () => {
  it('exports the entries in force in the quarter, persons masked, stored once for the provincial site', async () => {
    const listed = company('安化严重失信食品有限公司');
    const rep = person('李法人');
    const repaired = company('安化已修复建材有限公司');
    const later = company('安化七月失信有限公司');
    const exemplar = company('安化诚信典型茶业有限公司');

    // Notices on Wed 1 April 2026; windows end on Thu 9 April (Qingming 4–6 April off).
    const serious = penalty(listed, { severity: 'SERIOUS', decisionDate: '2026-03-30', collectedOn: '2026-04-01', relatedPersons: [{ person: rep, role: 'LEGAL_REPRESENTATIVE' }] });
    await sut.publish(Events.RecordCollected, listed.key, serious);
    const other = penalty(repaired, { severity: 'SERIOUS', decisionDate: '2026-03-30', collectedOn: '2026-04-01' });
    await sut.publish(Events.RecordCollected, repaired.key, other);
    clock.fix('2026-04-01');
    const red = await api.proposeListEntry({
      identifyingDepartmentId: 'anhua-tax',
      listType: ListType.LIST_TYPE_RED,
      subject: { type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON, name: exemplar.name, uscc: exemplar.uscc, idNumber: '' },
      basisRecordIds: [],
      basisText: '2025年度纳税信用A级纳税人',
      reason: '纳税信用A级',
      idempotencyKey: '',
    });
    const [, listedNotified] = await awaitChanges(sut, listed.key, 2);
    await awaitChanges(sut, rep.key, 2);
    const [, repairedNotified] = await awaitChanges(sut, repaired.key, 2);
    await sweep.runDailySweep('2026-04-09');

    // Repaired in May: display stops, so it is not published. Listed in July: not in force in Q2.
    await sut.publish(Events.RepairApproved, repaired.key, repairApproved(repaired, 'LIST_ENTRY', repairedNotified.entryId, [], '2026-05-11'));
    await awaitChanges(sut, repaired.key, 4);
    await sut.publish(Events.RecordCollected, later.key, penalty(later, { severity: 'SERIOUS', decisionDate: '2026-06-29', collectedOn: '2026-07-01' }));
    await awaitChanges(sut, later.key, 2);
    await sweep.runDailySweep('2026-07-09');

    clock.fix('2026-06-30');
    const early = await errorOf(api.publishQuarterlyLists({ year: 2026, quarter: 2, requestedBy: 'anhua-credit-office' }));
    expect(early.errors[0].code).toBe('QUARTER_NOT_ENDED');
    expect((await errorOf(api.publishQuarterlyLists({ year: 2026, quarter: 5, requestedBy: 'x' }))).errors[0].code).toBe('QUARTER_INVALID');

    clock.fix('2026-07-10');
    const published = await api.publishQuarterlyLists({ year: 2026, quarter: 2, requestedBy: 'anhua-credit-office' });
    expect(published).toMatchObject({ year: 2026, quarter: 2, periodStart: '2026-04-01', periodEnd: '2026-07-01', jurisdiction: '430923', publishedOn: '2026-07-10', redCount: 1, blackCount: 2 });
    const body = JSON.parse(published.json) as { red: { name: string; identifier: string; entryId: string }[]; black: { name: string; identifier: string; relation: string; periodStart: string }[] };
    expect(body.red.map((r) => [r.name, r.identifier, r.entryId])).toEqual([[exemplar.name, exemplar.uscc, red.entry!.entryId]]);
    expect(body.black.map((r) => [r.name, r.identifier, r.relation, r.periodStart])).toEqual([
      [listed.name, listed.uscc, '', '2026-04-09'],
      ['李**', rep.maskedIdNumber, `${listed.name}法定代表人`, '2026-04-09'],
    ]);
    expect(published.sha256).toBe(createHash('sha256').update(published.json).digest('hex'));

    const lines = published.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('list,listName,subjectType,name,identifier,relation,identifyingDepartment,basis,periodStart,periodEnd,endedOn,entryId');
    expect(lines).toHaveLength(4);
    expect(published.csv).toContain(`李**,${rep.maskedIdNumber}`);
    for (const text of [published.csv, published.json]) {
      expect(text).not.toContain('李法人');
      expect(text).not.toContain(rep.idNumber);
      expect(text).not.toContain(repaired.name);
      expect(text).not.toContain(later.name);
    }

    // Stored once: asking again returns the same export, whatever changed since.
    await sut.publish(Events.RepairApproved, listed.key, repairApproved(listed, 'LIST_ENTRY', listedNotified.entryId, [], '2026-07-12'));
    await eventually('repaired', async () => ((await api.getListEntry({ entryId: listedNotified.entryId })).entry?.endReason === 'REPAIRED' ? true : undefined));
    const again = await api.publishQuarterlyLists({ year: 2026, quarter: 2, requestedBy: 'someone-else' });
    expect(again).toEqual(published);
  });
});
