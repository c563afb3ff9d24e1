import { Events, ListType, ProtoFiles, RecordStatus, SeverityTier, type RecordCollected, type RecordStatusChanged, type SubjectRef } from '@credit/contracts';
import { eventually, type ServiceUnderTest, startServiceUnderTest } from '@credit/testing';
import { JointRewardPunishmentModule } from '../src';
import { DailySweepService } from '../src/lists/daily-sweep.service';
import { JrpGrpcController } from '../src/lists/jrp.grpc.controller';
import { at, changesOf, company, penalty, person, statusName } from './jrp-fixtures';

let sut: ServiceUnderTest;
let api: JrpGrpcController;
let sweep: DailySweepService;

/** A non-adverse record (an administrative licence): it dates the subject's history. */
function licence(subject: SubjectRef, decisionDate: string): RecordCollected {
  return { ...penalty(subject, { severity: 'GENERAL', decisionDate, collectedOn: decisionDate }), adverse: false, severity: SeverityTier.SEVERITY_TIER_UNSPECIFIED, category: 'LICENSING' };
}

/** Publishes a record and waits until it is handled. */
async function deliver(subject: SubjectRef, record: RecordCollected): Promise<void> {
  const id = `record-${record.recordId}-v${record.version}`;
  await sut.publish(Events.RecordCollected, subject.key, record, id);
  await handled(id);
}

async function handled(eventId: string): Promise<void> {
  await eventually(`${eventId} handled`, async () => {
    const rows = await sut.db.query(`SELECT 1 FROM joint_reward_punishment.inbox WHERE event_id = $1`, [eventId]);
    return rows.length === 1 ? true : undefined;
  });
}

const redEntries = async (subjectKey: string) => (await changesOf(sut, subjectKey)).filter((c) => c.listType === ListType.LIST_TYPE_RED);

/** The subject's red-list changes once there are `count` of them (the outbox relays them shortly after the commit). */
const awaitRed = (subjectKey: string, count: number) =>
  eventually(`${count} red-list changes`, async () => {
    const changes = await redEntries(subjectKey);
    return changes.length >= count ? changes : undefined;
  });

beforeAll(async () => {
  sut = await startServiceUnderTest('jrp-clean', (deps) => JointRewardPunishmentModule.forRoot(deps, { dailySweepTimer: false, cleanYearsBatch: 2 }), {
    serviceName: 'joint-reward-punishment',
    protoFile: ProtoFiles.jointRewardPunishment,
    env: { JURISDICTION: '430923' },
  });
  api = sut.app.get(JrpGrpcController);
  sweep = sut.app.get(DailySweepService);
});

afterAll(async () => {
  await sut?.stop();
});

describe('the clean-years red-list rule (R-CLEAN-YEARS) on the daily sweep', () => {
  it('proposes a subject clean for redList.cleanYears years with older history, once; a new adverse record ends the entry', async () => {
    const clean = company('安化守信茶业有限公司');
    const young = company('安化新设商贸有限公司');
    const neverAdverse = person('王守信');
    await deliver(clean, licence(clean, '2021-03-01'));
    await deliver(clean, penalty(clean, { severity: 'GENERAL', decisionDate: '2023-01-10', collectedOn: '2023-01-11' }));
    await deliver(young, licence(young, '2024-05-01'));
    await deliver(neverAdverse, licence(neverAdverse, '2022-06-30'));

    // 2026-01-09: the cutoff is 2023-01-09 and the penalty of 2023-01-10 is within the three years.
    const before = await sweep.runDailySweep('2026-01-09');
    expect(before).toMatchObject({ ran: true, redProposed: 1, more: false });
    expect(await redEntries(clean.key)).toEqual([]);
    const personChanges = await awaitRed(neverAdverse.key, 2);
    expect(personChanges.map(statusName)).toEqual(['PROPOSED', 'NOTIFIED']);

    // 2026-01-12: cutoff 2023-01-12, so the last adverse record is older than three years.
    expect(await sweep.runDailySweep('2026-01-12')).toMatchObject({ redProposed: 1 });
    const [proposed, notified] = await awaitRed(clean.key, 2);
    expect(proposed).toMatchObject({ ruleCode: 'R-CLEAN-YEARS', actor: 'rule:R-CLEAN-YEARS', basisRecordIds: [] });
    expect(statusName(notified)).toBe('NOTIFIED');
    expect(proposed.reason).toContain('R-CLEAN-YEARS');
    expect(proposed.reason).toContain('2023-01-10');
    const view = await api.getListEntry({ entryId: proposed.entryId });
    expect(view).toMatchObject({ ruleVersion: 1 });
    expect((await api.getNotice({ entryId: proposed.entryId })).textZh).toContain('守信红名单');
    expect(await redEntries(young.key)).toEqual([]);

    // Sweeping again proposes nobody twice.
    expect(await sweep.runDailySweep('2026-01-13')).toMatchObject({ redProposed: 0 });
    expect(await redEntries(clean.key)).toHaveLength(2);

    // A new adverse record decided within the window ends the red entry: the subject is no longer clean.
    await deliver(clean, penalty(clean, { severity: 'GENERAL', decisionDate: '2026-01-14', collectedOn: '2026-01-15' }));
    const changes = await awaitRed(clean.key, 3);
    expect(changes.map(statusName)).toEqual(['PROPOSED', 'NOTIFIED', 'ENDED']);
    expect(changes[2]).toMatchObject({ endReason: 'REVOKED', actor: 'rule:R-CLEAN-YEARS' });
    expect(await sweep.runDailySweep('2026-01-16')).toMatchObject({ redProposed: 0 });
  });

  it('does not count a revoked record, and proposes in batches over several runs', async () => {
    const subject = company('安化被撤销处罚的企业');
    const wrong = penalty(subject, { severity: 'GENERAL', decisionDate: '2025-05-01', collectedOn: '2025-05-02' });
    await deliver(subject, licence(subject, '2020-02-01'));
    await deliver(subject, wrong);
    expect(await sweep.runDailySweep('2026-02-02')).toMatchObject({ redProposed: 0 });

    const revoked: RecordStatusChanged = {
      recordId: wrong.recordId,
      subject: wrong.subject,
      version: 1,
      status: RecordStatus.RECORD_STATUS_REVOKED,
      reason: '行政复议撤销原处罚决定',
      cause: 'PROVIDER_REVOKED',
      causeId: wrong.recordId,
      publicityEnd: '',
      effectiveDate: '2026-02-03',
      actorDepartmentId: 'anhua-samr',
      changedAt: at('2026-02-03'),
      catalogueItemCode: 'ADMIN_PENALTY',
      adverse: true,
      severity: SeverityTier.SEVERITY_TIER_GENERAL,
    };
    await sut.publish(Events.RecordStatusChanged, subject.key, revoked, 'status-revoked-1');
    await handled('status-revoked-1');

    // Three clean subjects with the batch of 2: two now, the rest on the next run.
    const others = [company('安化守信一'), company('安化守信二')];
    for (const other of others) await deliver(other, licence(other, '2019-09-09'));
    const first = await sweep.runDailySweep('2026-02-04');
    expect(first).toMatchObject({ redProposed: 2, more: true });
    const second = await sweep.runDailySweep('2026-02-04');
    expect(second).toMatchObject({ redProposed: 1, more: false });
    for (const s of [subject, ...others]) expect((await awaitRed(s.key, 2)).map(statusName)).toEqual(['PROPOSED', 'NOTIFIED']);
  });
});
