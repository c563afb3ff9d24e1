import { Events, ListType, ProtoFiles, SubjectType, type SubjectRef } from '@credit/contracts';
import { JOINT_MEASURES } from '@credit/domain';
import { eventually, uniqueUscc, type ServiceUnderTest, startServiceUnderTest } from '@credit/testing';
import { JointRewardPunishmentModule } from '../src';
import { JrpClock } from '../src/lists/clock';
import { DailySweepService } from '../src/lists/daily-sweep.service';
import { JrpGrpcController } from '../src/lists/jrp.grpc.controller';
import {
  awaitChanges,
  changesOf,
  company,
  objectionMarked,
  objectionResolved,
  penalty,
  person,
  repairApproved,
  statusName,
} from './jrp-fixtures';

let sut: ServiceUnderTest;
let api: JrpGrpcController;
let sweep: DailySweepService;

const statusOf = async (entryId: string) => {
  const view = await api.getListEntry({ entryId });
  return { status: statusName(view.entry!), entry: view.entry!, transitions: view.transitions };
};

/** The subject's ListEntryChanged events once the last one has this status. */
const untilLast = (subjectKey: string, status: string) =>
  eventually(`last change ${status}`, async () => {
    const all = await changesOf(sut, subjectKey);
    return all.length > 0 && statusName(all[all.length - 1]) === status ? all : undefined;
  });

/**
 * Publishes a no-op event for the subject (a non-adverse record, which the rules ignore) and waits until it is
 * handled: events of one subject are handled in order, so everything published before it was handled too.
 */
async function afterPrecedingEvents(subject: SubjectRef): Promise<void> {
  const probe = { ...penalty(subject, { severity: 'GENERAL', decisionDate: '2026-01-05', collectedOn: '2026-01-05' }), adverse: false, severity: 0 };
  const id = `probe-${probe.recordId}`;
  await sut.publish(Events.RecordCollected, subject.key, probe, id);
  await eventually('the probe handled', async () => {
    const rows = await sut.db.query(`SELECT 1 FROM joint_reward_punishment.inbox WHERE event_id = $1`, [id]);
    return rows.length === 1 ? true : undefined;
  });
}

beforeAll(async () => {
  sut = await startServiceUnderTest('jrp', (deps) => JointRewardPunishmentModule.forRoot(deps, { dailySweepTimer: false }), {
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

describe('a serious penalty of an enterprise (R-SERIOUS-RECORD, 落实到人)', () => {
  it('is proposed and notified with its legal representative, takes effect after the window across the Spring Festival, and follows objections', async () => {
    const org = company('安化某某食品有限公司');
    const rep = person('李法人');
    // Notice on Thursday 2026-02-12: Fri 13 (1), Sat 14 worked under 调休 (2), 15–23 Spring Festival, Tue 24 (3), 25 (4), 26 (5).
    const record = penalty(org, {
      severity: 'SERIOUS',
      decisionDate: '2026-02-10',
      collectedOn: '2026-02-12',
      relatedPersons: [{ person: rep, role: 'LEGAL_REPRESENTATIVE' }],
    });
    await sut.publish(Events.RecordCollected, org.key, record, `record-${record.recordId}-v1`);

    const [proposed, notified] = await awaitChanges(sut, org.key, 2);
    expect([statusName(proposed), proposed.sequence, statusName(notified), notified.sequence]).toEqual(['PROPOSED', 1, 'NOTIFIED', 2]);
    expect(notified).toMatchObject({
      listType: ListType.LIST_TYPE_SERIOUS_DISHONESTY,
      ruleCode: 'R-SERIOUS-RECORD',
      actor: 'rule:R-SERIOUS-RECORD',
      basisRecordIds: [record.recordId],
      objectionWindowEnd: '2026-02-26',
      identifyingDepartmentId: 'anhua-samr',
    });
    const entryId = notified.entryId;

    const [repProposed, repNotified] = await awaitChanges(sut, rep.key, 2);
    expect([statusName(repProposed), statusName(repNotified)]).toEqual(['PROPOSED', 'NOTIFIED']);
    expect(repNotified).toMatchObject({ relatedToEntryId: entryId, relation: 'LEGAL_REPRESENTATIVE', objectionWindowEnd: '2026-02-26' });
    expect(repNotified.subject).toMatchObject({ type: SubjectType.SUBJECT_TYPE_NATURAL_PERSON, maskedIdNumber: rep.maskedIdNumber });
    expect(JSON.stringify(repNotified)).not.toContain(rep.idNumber);
    const repEntryId = repNotified.entryId;

    const notice = await api.getNotice({ entryId });
    expect(notice).toMatchObject({ issuedOn: '2026-02-12', objectionWindowEnd: '2026-02-26' });
    expect(notice.textZh).toContain('严重失信主体名单');
    expect(notice.textZh).toContain(record.decisionNumber);
    expect(notice.textZh).toContain('5个工作日内，即2026年2月26日之前');
    expect((await api.getNotice({ entryId: repEntryId })).textZh).toContain('法定代表人');

    // The day before the window end: still notified.
    await sweep.runDailySweep('2026-02-25');
    expect((await statusOf(entryId)).status).toBe('NOTIFIED');
    expect((await statusOf(repEntryId)).status).toBe('NOTIFIED');

    // The window end: active for 36 months (seriousDishonestyMonths), the person with it.
    expect(await sweep.runDailySweep('2026-02-26')).toMatchObject({ ran: true });
    const active = await statusOf(entryId);
    expect(active.status).toBe('ACTIVE');
    expect(active.entry).toMatchObject({ periodStart: '2026-02-26', periodEnd: '2029-02-26', sequence: 3 });
    expect(await statusOf(repEntryId)).toMatchObject({ status: 'ACTIVE', entry: { periodStart: '2026-02-26', periodEnd: '2029-02-26' } });

    // An objection against the entry suspends it (and the person's); MAINTAINED restores both.
    const first = objectionMarked(org, 'LIST_ENTRY', entryId, '2026-03-02');
    await sut.publish(Events.ObjectionMarked, org.key, first, `marked-${first.objectionId}`);
    await eventually('suspended', async () => ((await statusOf(entryId)).status === 'SUSPENDED' ? true : undefined));
    expect((await statusOf(repEntryId)).status).toBe('SUSPENDED');
    const maintained = objectionResolved(first, 'MAINTAINED', '2026-03-10');
    await sut.publish(Events.ObjectionResolved, org.key, maintained, `resolved-${first.objectionId}`);
    await eventually('active again', async () => ((await statusOf(entryId)).status === 'ACTIVE' ? true : undefined));
    expect(await statusOf(repEntryId)).toMatchObject({ status: 'ACTIVE', entry: { periodEnd: '2029-02-26' } });

    // The same marking and resolution delivered again change nothing (the marking would suspend the entry again).
    await sut.publish(Events.ObjectionMarked, org.key, first, `marked-${first.objectionId}`);
    await sut.publish(Events.ObjectionResolved, org.key, maintained, `resolved-${first.objectionId}`);
    await afterPrecedingEvents(org);
    expect((await statusOf(entryId)).entry).toMatchObject({ sequence: 5, periodEnd: '2029-02-26' });
    expect(statusName((await statusOf(entryId)).entry)).toBe('ACTIVE');

    // A second objection, REVOKED: the entry ends (OBJECTION_REVOKED), the person's entry with it.
    const second = objectionMarked(org, 'LIST_ENTRY', entryId, '2026-04-01');
    await sut.publish(Events.ObjectionMarked, org.key, second);
    await eventually('suspended again', async () => ((await statusOf(entryId)).status === 'SUSPENDED' ? true : undefined));
    await sut.publish(Events.ObjectionResolved, org.key, objectionResolved(second, 'REVOKED', '2026-04-20'));
    await eventually('ended', async () => ((await statusOf(entryId)).status === 'ENDED' ? true : undefined));

    // Every transition was emitted once, in order: the redelivered events added nothing.
    const changes = await untilLast(org.key, 'ENDED');
    expect(changes.map((c) => [statusName(c), c.sequence])).toEqual([
      ['PROPOSED', 1],
      ['NOTIFIED', 2],
      ['ACTIVE', 3],
      ['SUSPENDED', 4],
      ['ACTIVE', 5],
      ['SUSPENDED', 6],
      ['ENDED', 7],
    ]);
    expect(changes[6]).toMatchObject({ endReason: 'OBJECTION_REVOKED', causeId: second.objectionId, actor: 'anhua-samr' });
    const repChanges = await untilLast(rep.key, 'ENDED');
    expect(repChanges.map(statusName)).toEqual(['PROPOSED', 'NOTIFIED', 'ACTIVE', 'SUSPENDED', 'ACTIVE', 'SUSPENDED', 'ENDED']);
    expect(repChanges[6].endReason).toBe('OBJECTION_REVOKED');

    const history = await statusOf(entryId);
    expect(history.transitions.map((t) => t.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(history.transitions[2]).toMatchObject({ actor: 'system', effectiveDate: '2026-02-26' });
    // The transition history is append-only.
    await expect(sut.db.query(`UPDATE joint_reward_punishment.list_entry_transition SET reason = 'x' WHERE entry_id = $1`, [entryId])).rejects.toThrow(/append-only/);
  });
});

describe('lifecycle ends', () => {
  it('a repair of the entry ends it (REPAIRED); a redelivered record proposes nothing more', async () => {
    const org = company();
    const record = penalty(org, { severity: 'SERIOUS', decisionDate: '2026-03-02', collectedOn: '2026-03-03' });
    await sut.publish(Events.RecordCollected, org.key, record, `record-${record.recordId}-v1`);
    const [, notified] = await awaitChanges(sut, org.key, 2);
    // Redelivery and a second serious record while the entry is open: no second proposal.
    await sut.publish(Events.RecordCollected, org.key, record, `record-${record.recordId}-v1`);
    const another = penalty(org, { severity: 'SERIOUS', decisionDate: '2026-03-04', collectedOn: '2026-03-05' });
    await sut.publish(Events.RecordCollected, org.key, another);
    await eventually('second record tracked', async () => {
      const rows = await sut.db.query(`SELECT 1 FROM joint_reward_punishment.tracked_record WHERE record_id = $1`, [another.recordId]);
      return rows.length === 1 ? true : undefined;
    });

    await sut.publish(Events.RepairApproved, org.key, repairApproved(org, 'LIST_ENTRY', notified.entryId, [record.recordId], '2026-03-06'));
    await eventually('repaired', async () => ((await statusOf(notified.entryId)).status === 'ENDED' ? true : undefined));
    const changes = await awaitChanges(sut, org.key, 3);
    expect(changes).toHaveLength(3);
    expect(changes[2]).toMatchObject({ endReason: 'REPAIRED', sequence: 3 });
    expect((await statusOf(notified.entryId)).transitions[2].effectiveDate).toBe('2026-03-06');
  });

  it('a repair of the basis record ends the entry resting only on it', async () => {
    const org = company();
    const record = penalty(org, { severity: 'SERIOUS', decisionDate: '2026-05-06', collectedOn: '2026-05-07' });
    await sut.publish(Events.RecordCollected, org.key, record);
    const [, notified] = await awaitChanges(sut, org.key, 2);
    await sut.publish(Events.RepairApproved, org.key, repairApproved(org, 'RECORD', record.recordId, [record.recordId], '2026-06-01'));
    await eventually('repaired', async () => ((await statusOf(notified.entryId)).status === 'ENDED' ? true : undefined));
    expect((await statusOf(notified.entryId)).entry.endReason).toBe('REPAIRED');
  });

  it('a corrected record that is no longer serious ends the entry (RE_EVALUATED)', async () => {
    const org = company();
    const record = penalty(org, { severity: 'SERIOUS', decisionDate: '2026-06-01', collectedOn: '2026-06-02' });
    await sut.publish(Events.RecordCollected, org.key, record);
    const [, notified] = await awaitChanges(sut, org.key, 2);
    const corrected = { ...penalty(org, { severity: 'GENERAL', decisionDate: '2026-06-01', collectedOn: '2026-06-08', recordId: record.recordId, version: 2 }) };
    await sut.publish(Events.RecordCollected, org.key, corrected);
    await eventually('re-evaluated', async () => ((await statusOf(notified.entryId)).status === 'ENDED' ? true : undefined));
    const { entry } = await statusOf(notified.entryId);
    expect(entry.endReason).toBe('REVOKED');
    expect(entry.reason).toContain('RE_EVALUATED');
  });

  it('an objection on the basis record during the notice window keeps the entry from taking effect until resolved', async () => {
    const org = company();
    // Notice Mon 2026-09-21: 22 (1), 23 (2), 24 (3), 25–27 Mid-Autumn off, 28 (4), 29 (5) → window end 09-29.
    const record = penalty(org, { severity: 'SERIOUS', decisionDate: '2026-09-18', collectedOn: '2026-09-21' });
    await sut.publish(Events.RecordCollected, org.key, record);
    const [, notified] = await awaitChanges(sut, org.key, 2);
    expect(notified.objectionWindowEnd).toBe('2026-09-29');
    const marked = objectionMarked(org, 'RECORD', record.recordId, '2026-09-23');
    await sut.publish(Events.ObjectionMarked, org.key, marked);
    await eventually('suspended', async () => ((await statusOf(notified.entryId)).status === 'SUSPENDED' ? true : undefined));
    await sweep.runDailySweep('2026-09-30');
    expect((await statusOf(notified.entryId)).status).toBe('SUSPENDED');
    await sut.publish(Events.ObjectionResolved, org.key, objectionResolved(marked, 'MAINTAINED', '2026-10-09'));
    await eventually('notified again', async () => ((await statusOf(notified.entryId)).status === 'NOTIFIED' ? true : undefined));
    await sweep.runDailySweep('2026-10-09');
    expect(await statusOf(notified.entryId)).toMatchObject({ status: 'ACTIVE', entry: { periodStart: '2026-10-09', periodEnd: '2029-10-09' } });
  });
});

describe('key attention (R-REPEATED-GENERAL)', () => {
  it('two general records within 12 months propose key attention; it expires on the last day of its 12 months', async () => {
    const org = company();
    const first = penalty(org, { severity: 'GENERAL', decisionDate: '2026-03-16', collectedOn: '2026-03-17' });
    await sut.publish(Events.RecordCollected, org.key, first);
    await eventually('first tracked', async () => {
      const rows = await sut.db.query(`SELECT 1 FROM joint_reward_punishment.tracked_record WHERE record_id = $1`, [first.recordId]);
      return rows.length === 1 ? true : undefined;
    });
    expect(await changesOf(sut, org.key)).toHaveLength(0);

    // Thu 2026-04-02: Fri 3 (1), 4–6 Qingming off, Tue 7 (2), 8 (3), 9 (4), 10 (5) → window end 04-10.
    const second = penalty(org, { severity: 'GENERAL', decisionDate: '2026-04-01', collectedOn: '2026-04-02' });
    await sut.publish(Events.RecordCollected, org.key, second);
    const [proposed, notified] = await awaitChanges(sut, org.key, 2);
    expect(statusName(proposed)).toBe('PROPOSED');
    expect(notified).toMatchObject({
      listType: ListType.LIST_TYPE_KEY_ATTENTION,
      ruleCode: 'R-REPEATED-GENERAL',
      objectionWindowEnd: '2026-04-10',
    });
    expect([...notified.basisRecordIds].sort()).toEqual([first.recordId, second.recordId].sort());

    await sweep.runDailySweep('2026-04-10');
    expect(await statusOf(notified.entryId)).toMatchObject({ status: 'ACTIVE', entry: { periodStart: '2026-04-10', periodEnd: '2027-04-10' } });
    await sweep.runDailySweep('2027-04-09');
    expect((await statusOf(notified.entryId)).status).toBe('ACTIVE');
    await sweep.runDailySweep('2027-04-10');
    const ended = await statusOf(notified.entryId);
    expect(ended).toMatchObject({ status: 'ENDED', entry: { endReason: 'EXPIRED' } });
    expect(ended.transitions[ended.transitions.length - 1].effectiveDate).toBe('2027-04-10');
    const changes = await awaitChanges(sut, org.key, 4);
    expect(changes.map(statusName)).toEqual(['PROPOSED', 'NOTIFIED', 'ACTIVE', 'ENDED']);
  });
});

describe('department proposals', () => {
  it('a red-list proposal (A-grade taxpayer) is idempotent per key and shows among the subject’s entries', async () => {
    sut.app.get(JrpClock).fix('2026-03-02');
    try {
      const uscc = uniqueUscc('430923');
      const request = {
        identifyingDepartmentId: 'anhua-tax',
        listType: ListType.LIST_TYPE_RED,
        subject: { type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON, name: '安化诚信茶业有限公司', uscc, idNumber: '' },
        basisRecordIds: [],
        basisText: '2025 年度纳税信用 A 级纳税人名单（国家税务总局湖南省税务局公告）',
        reason: '纳税信用 A 级',
        idempotencyKey: 'red-2026-001',
      };
      const first = await api.proposeListEntry(request);
      const again = await api.proposeListEntry(request);
      expect(again.entry!.entryId).toBe(first.entry!.entryId);
      expect(first.entry).toMatchObject({ listType: ListType.LIST_TYPE_RED, objectionWindowEnd: '2026-03-09', identifyingDepartmentId: 'anhua-tax' });
      expect(first.transitions.map((t) => t.sequence)).toEqual([1, 2]);
      await expect(api.proposeListEntry({ ...request, reason: '另一事由' })).rejects.toMatchObject({ kind: 'CONFLICT' });
      await expect(api.proposeListEntry({ ...request, idempotencyKey: 'red-2026-002' })).rejects.toMatchObject({
        errors: [expect.objectContaining({ code: 'ALREADY_LISTED' })],
      });
      await expect(api.proposeListEntry({ ...request, idempotencyKey: 'k', basisText: '', reason: '' })).rejects.toMatchObject({ kind: 'VALIDATION' });

      const changes = await awaitChanges(sut, `ORG:${uscc}`, 2);
      expect(changes).toHaveLength(2);
      const { entries } = await api.getSubjectListEntries({ subject: request.subject, requesterDepartmentId: 'anhua-fgw', includeEnded: false });
      expect(entries.map((e) => [e.entryId, statusName(e)])).toEqual([[first.entry!.entryId, 'NOTIFIED']]);
      expect((await api.getNotice({ entryId: first.entry!.entryId })).textZh).toContain('守信红名单');
    } finally {
      sut.app.get(JrpClock).fix(null);
    }
  });
});

describe('measures list', () => {
  it('seeds edition M-2026.1 with every measure of the seeds, each citing a seed article', async () => {
    const list = await api.listMeasures({ editionId: '', matterType: '', targetList: '' });
    expect(list.editionId).toBe('M-2026.1');
    expect(list.measures.map((m) => m.code)).toEqual(JOINT_MEASURES.map((m) => m.code));
    for (const m of list.measures) {
      expect(m.sources.length).toBeGreaterThan(0);
      for (const source of m.sources) expect(source).toMatch(/^seed 00[0-4] (Art\. \d+|§)/);
      expect(m.sources).toEqual(JOINT_MEASURES.find((j) => j.code === m.code)!.sources);
    }

    const bidding = await api.listMeasures({ editionId: 'M-2026.1', matterType: 'PUBLIC_BIDDING_FISCAL', targetList: 'SERIOUS_DISHONESTY' });
    expect(bidding.measures.length).toBeGreaterThan(0);
    for (const m of bidding.measures) {
      expect(m.targetLists).toContain('SERIOUS_DISHONESTY');
      expect(m.matterTypes.some((t) => t === '*' || t === 'PUBLIC_BIDDING_FISCAL')).toBe(true);
    }

    const { csv } = await api.exportMeasuresCsv({ editionId: '', matterType: '', targetList: '' });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^edition_id,code,content_zh,/);
    expect(lines.filter((l) => l.startsWith('M-2026.1,'))).toHaveLength(JOINT_MEASURES.length);

    await expect(api.listMeasures({ editionId: 'M-1999.1', matterType: '', targetList: '' })).rejects.toMatchObject({ kind: 'NOT_FOUND' });
    // Past editions are never edited.
    await expect(sut.db.query(`UPDATE joint_reward_punishment.measure SET content_zh = 'x' WHERE edition_id = 'M-2026.1'`)).rejects.toThrow(/append-only/);
  });
});
