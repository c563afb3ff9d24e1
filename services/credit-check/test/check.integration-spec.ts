/**
 * credit-check alone on PostgreSQL: profiles built from the records, lists and objections topics; checks answered
 * with verdicts and measures; every check in the hash-chained log, whose tampering the verify command finds.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  Events,
  ListEntryStatus,
  ListType,
  ObjectionOutcome,
  ObjectionTargetType,
  ProtoFiles,
  SeverityTier,
  SubjectType,
  type ListEntryChanged,
  type RecordCollected,
} from '@credit/contracts';
import { addCalendarDays, chinaDateOf, subjectKeyForUscc } from '@credit/domain';
import { UnitOfWork } from '@credit/messaging';
import { PlatformMetrics, SERVICE_DEPS } from '@credit/runtime';
import { eventually, startServiceUnderTest, uniqueUscc, type ServiceUnderTest } from '@credit/testing';
import { CheckLogQueryService } from '../src/check/check-log.query';
import { CheckLogWriter } from '../src/check/check-log.writer';
import { CheckService, type CheckContext } from '../src/check/check.service';
import { CreditCheckModule } from '../src/credit-check.module';
import { GradeService } from '../src/grade/grade.service';
import { MeasuresEditionsService } from '../src/measures/measures-editions.service';
import { ProfileService } from '../src/profile/profile.service';

function runVerifyCommand(databaseUrl: string) {
  return spawnSync(process.execPath, ['-r', './tools/register.js', 'tools/check-log-verify.ts'], {
    cwd: join(__dirname, '..', '..', '..'),
    env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: databaseUrl },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

const context = (over: Partial<CheckContext> = {}): CheckContext => ({
  matterType: 'PUBLIC_BIDDING_FISCAL',
  matterReference: `ZB-${randomUUID().slice(0, 8)}`,
  purpose: '招标投标资格审查',
  operator: '张经办',
  requesterDepartmentId: 'FZGGW',
  requesterClientId: 'fzggw-system',
  ...over,
});

function seriousRecord(uscc: string, recordId = randomUUID()): RecordCollected {
  return {
    recordId,
    version: 1,
    subject: { key: subjectKeyForUscc(uscc), type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON, name: '湖南某建设有限公司', uscc, maskedIdNumber: '' },
    catalogueItemCode: 'ADMIN_PENALTY',
    catalogueItemVersion: 1,
    category: 'PENALTY',
    providerDepartmentId: 'SCJGJ',
    decisionNumber: `湘市监罚〔2026〕${recordId.slice(0, 6)}号`,
    decisionDate: '2026-10-09',
    adverse: true,
    severity: SeverityTier.SEVERITY_TIER_SERIOUS,
    disclosure: 'PUBLIC',
    publicityStart: '2026-10-09',
    publicityEnd: '2029-10-09',
    fieldsJson: '{}',
    jurisdiction: '430000',
    policyVersion: 'CN-2025.1',
    collectedAt: new Date().toISOString(),
    relatedPersons: [],
    submittedByDepartmentId: 'SCJGJ',
    objectionId: '',
  };
}

function listEntry(record: RecordCollected, status: ListEntryStatus, sequence: number, entryId: string): ListEntryChanged {
  return {
    entryId,
    subject: record.subject,
    listType: ListType.LIST_TYPE_SERIOUS_DISHONESTY,
    status,
    sequence,
    basisRecordIds: [record.recordId],
    ruleCode: 'R-SERIOUS-RECORD',
    identifyingDepartmentId: 'SCJGJ',
    periodStart: '2026-10-20',
    periodEnd: '2029-10-20',
    reason: '严重失信行为',
    actor: 'system',
    relatedToEntryId: '',
    relation: '',
    basisText: '《市场监督管理严重违法失信名单管理办法》',
    objectionWindowEnd: '2026-10-19',
    endReason: '',
    changedAt: new Date().toISOString(),
    causeId: '',
  };
}

describe('credit-check: verdicts, check log, objections', () => {
  let svc: ServiceUnderTest;
  let checks: CheckService;
  let log: CheckLogQueryService;

  beforeAll(async () => {
    svc = await startServiceUnderTest('credit_check', (deps) => CreditCheckModule.forRoot(deps), { serviceName: 'credit-check', protoFile: ProtoFiles.creditCheck });
    checks = svc.app.get(CheckService);
    log = svc.app.get(CheckLogQueryService);
  }, 60_000);
  afterAll(() => svc?.stop());

  const subjectOf = (uscc: string) => ({ type: 'LEGAL_PERSON', name: '湖南某建设有限公司', uscc });

  it('rejects a blacklisted enterprise on bidding, reviews it on hiring, and logs both with the policy version', async () => {
    const uscc = uniqueUscc();
    const record = seriousRecord(uscc);
    const entryId = randomUUID();
    await svc.publish(Events.RecordCollected, record.subject!.key, record);
    await svc.publish(Events.ListEntryChanged, record.subject!.key, listEntry(record, ListEntryStatus.LIST_ENTRY_STATUS_ACTIVE, 3, entryId));
    const bidding = await eventually('the list entry in the profile', async () => {
      const r = await checks.check(subjectOf(uscc), context());
      return r.verdict.verdict === 'REJECT' ? r : undefined;
    });
    expect(bidding.verdict.measures.find((m) => m.measure.code === 'P-NO-PUBLIC-RESOURCE-TRADING')?.status).toBe('APPLIES');
    expect(bidding.verdict.noticeText).toContain(record.decisionNumber);
    expect(bidding.policyVersion).toMatch(/^CN-2025\.1(\+\S+)?\+M-2026\.1$/);

    const hiring = await checks.check(subjectOf(uscc), context({ matterType: 'CIVIL_SERVICE_HIRING' }));
    expect(hiring.verdict.verdict).toBe('REVIEW');
    expect(hiring.verdict.measures.map((m) => m.measure.code)).toContain('P-VETO-BLACKLISTED');

    const page = await log.query({ requesterDepartmentId: 'FZGGW', allDepartments: false, subject: subjectOf(uscc) });
    const mine = page.entries.filter((e) => e.checkId === bidding.checkId || e.checkId === hiring.checkId);
    expect(mine.map((e) => e.verdict).sort()).toEqual(['REJECT', 'REVIEW']);
    expect(mine.find((e) => e.verdict === 'REJECT')!.evidenceIds).toEqual(expect.arrayContaining([entryId, record.recordId]));
    // another department does not see these checks
    const other = await log.query({ requesterDepartmentId: 'OTHER', allDepartments: false, subject: subjectOf(uscc) });
    expect(other.entries).toEqual([]);
    // and each check was announced
    const announced = await svc.events(Events.CheckPerformed);
    expect(announced.find((e) => e.payload.checkId === bidding.checkId)?.payload.verdict).toBe('REJECT');
  });

  it('shows measures as suspended while an objection is verified, and tells the departments that checked when it is revoked', async () => {
    const uscc = uniqueUscc();
    const record = seriousRecord(uscc);
    const key = record.subject!.key;
    await svc.publish(Events.RecordCollected, key, record);
    const before = await eventually('the record in the profile', async () => {
      const r = await checks.check(subjectOf(uscc), context({ matterType: 'ADMIN_LICENSING', requesterDepartmentId: 'ZJJ' }));
      return r.profile.found ? r : undefined;
    });
    expect(before.verdict.verdict).toBe('REVIEW');

    const objectionId = randomUUID();
    await svc.publish(Events.ObjectionMarked, key, {
      objectionId,
      subject: record.subject,
      targetType: ObjectionTargetType.OBJECTION_TARGET_TYPE_RECORD,
      targetId: record.recordId,
      targetVersion: 1,
      grounds: 'WRONG_CONTENT',
      providerDepartmentId: 'SCJGJ',
      verificationDue: '2026-12-13',
      filedAt: new Date().toISOString(),
      markedAt: new Date().toISOString(),
    });
    const during = await eventually('the objection mark', async () => {
      const r = await checks.check(subjectOf(uscc), context({ matterType: 'ADMIN_LICENSING', requesterDepartmentId: 'JTJ' }));
      return r.verdict.evidence[0]?.underObjection ? r : undefined;
    });
    expect(during.verdict.verdict).toBe('PROCEED');
    expect(during.verdict.measures.every((m) => m.status === 'SUSPENDED')).toBe(true);
    expect(during.verdict.measures.map((m) => m.measure.code)).toContain('R-KEY-LICENSING-REVIEW');

    await svc.publish(Events.ObjectionResolved, key, {
      objectionId,
      subject: record.subject,
      targetType: ObjectionTargetType.OBJECTION_TARGET_TYPE_RECORD,
      targetId: record.recordId,
      targetVersion: 1,
      outcome: ObjectionOutcome.OBJECTION_OUTCOME_REVOKED,
      reasons: '经核查，处罚决定已被撤销',
      correctedFieldsJson: '',
      providerDepartmentId: 'SCJGJ',
      filedAt: new Date().toISOString(),
      resolvedAt: new Date().toISOString(),
    });
    const notices = await eventually('the correction notices', async () => {
      const rows = await svc.db.query<{ department_id: string; check_id: string }>(
        `SELECT department_id, check_id FROM credit_check.check_correction_notice WHERE objection_id = $1 ORDER BY department_id`,
        [objectionId],
      );
      return rows.length > 0 ? rows : undefined;
    });
    // every check that used the record, by both departments (the polling above made some checks twice)
    expect([...new Set(notices.map((n) => n.department_id))]).toEqual(['JTJ', 'ZJJ']);
    expect(notices.map((n) => n.check_id)).toEqual(expect.arrayContaining([before.checkId, during.checkId]));
  });

  it('suspends a list entry under objection and only it: the record beside it still counts', async () => {
    const uscc = uniqueUscc();
    const record = seriousRecord(uscc);
    const key = record.subject!.key;
    const entryId = randomUUID();
    await svc.publish(Events.RecordCollected, key, record);
    await svc.publish(Events.ListEntryChanged, key, listEntry(record, ListEntryStatus.LIST_ENTRY_STATUS_ACTIVE, 3, entryId));
    await eventually('the list entry in the profile', async () => {
      const r = await checks.check(subjectOf(uscc), context());
      return r.verdict.verdict === 'REJECT' ? r : undefined;
    });
    await svc.publish(Events.ObjectionMarked, key, {
      objectionId: randomUUID(),
      subject: record.subject,
      targetType: ObjectionTargetType.OBJECTION_TARGET_TYPE_LIST_ENTRY,
      targetId: entryId,
      targetVersion: 1,
      grounds: 'WRONG_CONTENT',
      providerDepartmentId: 'FZGGW',
      verificationDue: '2026-12-13',
      filedAt: new Date().toISOString(),
      markedAt: new Date().toISOString(),
    });
    const during = await eventually('the objection mark on the entry', async () => {
      const r = await checks.check(subjectOf(uscc), context());
      return r.verdict.evidence.find((e) => e.id === entryId)?.underObjection ? r : undefined;
    });
    expect(during.verdict.evidence.find((e) => e.id === record.recordId)?.underObjection).toBe(false);
    expect(during.verdict.verdict).not.toBe('REJECT');
    expect(during.verdict.measures.find((m) => m.measure.code === 'P-NO-PUBLIC-RESOURCE-TRADING')?.status).toBe('SUSPENDED');
  });

  it('checks a batch of bidders, refusing only the bad identifier, one log row each', async () => {
    const good = [uniqueUscc(), uniqueUscc(), uniqueUscc()];
    const bad = good[0].slice(0, 17) + (good[0][17] === 'A' ? 'B' : 'A');
    const result = await checks.checkBatch([...good.map(subjectOf), subjectOf(bad)], context());
    expect(result.items.map((i) => (i.outcome ? i.outcome.verdict.verdict : i.errors![0].code))).toEqual(['PROCEED', 'PROCEED', 'PROCEED', 'USCC_CHECK_DIGIT']);
    expect(result.items[3].errors![0].field).toBe('subjects[3].uscc');
    const rows = await svc.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM credit_check.check_log WHERE batch_id = $1`, [result.batchId]);
    expect(rows[0].n).toBe(3);
    await expect(checks.checkBatch(Array.from({ length: 501 }, () => subjectOf(good[0])), context())).rejects.toMatchObject({ kind: 'VALIDATION' });
  });

  it('answers each subject of a batch, and each of many concurrent checks, from its own profile', async () => {
    // Lookups of concurrent checks share one query: every answer must still carry its own subject's facts.
    const known = Array.from({ length: 6 }, () => uniqueUscc());
    const records = known.map((uscc) => seriousRecord(uscc));
    for (const record of records) await svc.publish(Events.RecordCollected, record.subject!.key, record);
    await eventually('the records in the profiles', async () => {
      const p = await svc.app.get(ProfileService).profileOf(subjectOf(known[known.length - 1]));
      return p.records.length === 1 ? p : undefined;
    });
    const unknown = Array.from({ length: 6 }, () => uniqueUscc());
    const mixed = known.flatMap((uscc, i) => [uscc, unknown[i]]);
    const expectOwn = (uscc: string, outcome: { profile: { found: boolean; subject: { uscc: string | null }; records: { decisionNumber: string }[] } }) => {
      expect(outcome.profile.subject.uscc).toBe(uscc);
      const record = records.find((r) => r.subject!.uscc === uscc);
      expect(outcome.profile.found).toBe(record !== undefined);
      expect(outcome.profile.records.map((r) => r.decisionNumber)).toEqual(record ? [record.decisionNumber] : []);
    };
    const batch = await checks.checkBatch(mixed.map(subjectOf), context());
    batch.items.forEach((item, i) => expectOwn(mixed[i], item.outcome!));
    const singles = await Promise.all(mixed.map((uscc) => checks.check(subjectOf(uscc), context())));
    singles.forEach((outcome, i) => expectOwn(mixed[i], outcome));
  });

  it('answers checks gathered into one call each as if it came alone: own verdict, own log row, refusals on their own', async () => {
    const penalisedUscc = uniqueUscc();
    const record = seriousRecord(penalisedUscc);
    await svc.publish(Events.RecordCollected, record.subject!.key, record);
    await eventually('the record in the profile', async () => {
      const p = await svc.app.get(ProfileService).profileOf(subjectOf(penalisedUscc));
      return p.records.length === 1 ? p : undefined;
    });
    const clean = uniqueUscc();
    const badUscc = clean.slice(0, 17) + (clean[17] === 'A' ? 'B' : 'A');
    const gathered = [
      { subject: subjectOf(penalisedUscc), context: context({ requesterDepartmentId: 'FZGGW' }) },
      { subject: subjectOf(clean), context: context({ requesterDepartmentId: 'RSJ', matterType: 'PUBLIC_BIDDING_FISCAL' }) },
      { subject: subjectOf(clean), context: context({ requesterDepartmentId: 'RSJ', matterType: 'BUYING_LUNCH' }) },
      { subject: subjectOf(badUscc), context: context({ requesterDepartmentId: 'CZT' }) },
    ];
    const outcomes = await checks.checkMany(gathered);

    const [penalised, proceed, unknownMatter, badIdentifier] = outcomes;
    expect('outcome' in penalised && penalised.outcome.verdict.verdict).toBe('REVIEW');
    expect('outcome' in penalised && penalised.outcome.profile.records.map((r) => r.decisionNumber)).toEqual([record.decisionNumber]);
    expect('outcome' in proceed && proceed.outcome.verdict.verdict).toBe('PROCEED');
    expect('error' in unknownMatter && unknownMatter.error).toMatchObject({ kind: 'VALIDATION', errors: [expect.objectContaining({ code: 'MATTER_TYPE_UNKNOWN', field: 'matterType' })] });
    expect('error' in badIdentifier && badIdentifier.error).toMatchObject({ kind: 'VALIDATION', errors: [expect.objectContaining({ field: 'subject.uscc' })] });

    // One row per answered check, each with its own requester and matter, none of them a batch; nothing for the refused.
    const references = gathered.map((g) => g.context.matterReference);
    const rows = await svc.db.query<{ matter_reference: string; requester_department_id: string; verdict: string; batch_id: string | null }>(
      `SELECT matter_reference, requester_department_id, verdict, batch_id FROM credit_check.check_log WHERE matter_reference = ANY($1) ORDER BY seq`,
      [references],
    );
    expect(rows).toEqual([
      { matter_reference: references[0], requester_department_id: 'FZGGW', verdict: 'REVIEW', batch_id: null },
      { matter_reference: references[1], requester_department_id: 'RSJ', verdict: 'PROCEED', batch_id: null },
    ]);
  });

  it('refuses an unknown matter type and logs nothing for it', async () => {
    const [{ n: before }] = await svc.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM credit_check.check_log`);
    await expect(checks.check(subjectOf(uniqueUscc()), context({ matterType: 'BUYING_LUNCH' }))).rejects.toMatchObject({
      kind: 'VALIDATION',
      errors: [expect.objectContaining({ code: 'MATTER_TYPE_UNKNOWN', field: 'matterType' })],
    });
    const [{ n: after }] = await svc.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM credit_check.check_log`);
    expect(after).toBe(before);
  });

  it('keeps one chain when two replicas write the log in turns (each finds the head the other moved)', async () => {
    // A second replica: its own log writer (its own idea of the head) on the same database.
    const replica = new CheckService(
      svc.app.get(ProfileService),
      new CheckLogWriter(svc.app.get(UnitOfWork), svc.app.get(PlatformMetrics)),
      svc.app.get(PlatformMetrics),
      svc.app.get(MeasuresEditionsService),
      svc.app.get(SERVICE_DEPS),
    );
    const reference = `TURNS-${randomUUID().slice(0, 8)}`;
    const sequences: number[] = [];
    for (let turn = 0; turn < 6; turn += 1) {
      const writer = turn % 2 === 0 ? checks : replica;
      const outcomes = await Promise.all(Array.from({ length: 3 }, () => writer.check(subjectOf(uniqueUscc()), context({ matterReference: reference }))));
      sequences.push(...outcomes.map((o) => o.logSequence));
    }
    expect(new Set(sequences).size).toBe(18);
    const rows = await svc.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM credit_check.check_log WHERE matter_reference = $1`, [reference]);
    expect(rows[0].n).toBe(18);
    expect((await log.verify()).ok).toBe(true);
  });

  it('keeps one unbroken chain under concurrent checks, refuses changes, and the verify command finds a tampered row', async () => {
    const groupSizes = async () => {
      const metric = await svc.app.get(PlatformMetrics).checkLogGroupSize.get();
      const value = (suffix: string) => metric.values.find((v) => v.metricName === `credit_check_log_group_size_${suffix}`)?.value ?? 0;
      return { groups: value('count'), rows: value('sum') };
    };
    const before = await groupSizes();
    const subjects = Array.from({ length: 60 }, () => subjectOf(uniqueUscc()));
    await Promise.all(subjects.map((s) => checks.check(s, context())));
    const after = await groupSizes();
    expect(after.rows - before.rows).toBe(60);
    // group commit: concurrent checks share transactions
    expect(after.groups - before.groups).toBeLessThan(60);
    const verified = await log.verify();
    expect(verified.ok).toBe(true);
    expect(verified.rowsChecked).toBeGreaterThanOrEqual(60);
    // the verify command an auditor runs
    const intact = runVerifyCommand(svc.db.url);
    expect(intact.status).toBe(0);
    expect(JSON.parse(intact.stdout)).toMatchObject({ ok: true, rowsChecked: verified.rowsChecked });

    await expect(svc.db.query(`UPDATE credit_check.check_log SET verdict = 'PROCEED' WHERE seq = 3`)).rejects.toThrow(/append-only/);
    await expect(svc.db.query(`DELETE FROM credit_check.check_log WHERE seq = 3`)).rejects.toThrow(/append-only/);
    // Someone with the power to bypass the triggers (a superuser) changes one verdict: detected at that row.
    await svc.db.query(`SET session_replication_role = replica`);
    await svc.db.query(`UPDATE credit_check.check_log SET verdict = 'PROCEED' WHERE seq = 5`);
    await svc.db.query(`SET session_replication_role = origin`);
    const tampered = await log.verify();
    expect(tampered.ok).toBe(false);
    expect(tampered.firstBroken).toMatchObject({ seq: 5, problem: 'content does not match its hash' });
    const broken = runVerifyCommand(svc.db.url);
    expect(broken.status).toBe(1);
    expect(JSON.parse(broken.stdout).firstBroken.seq).toBe(5);
  });
});

describe('credit-check: restricted information and the public query', () => {
  let svc: ServiceUnderTest;
  let checks: CheckService;
  let profiles: ProfileService;

  beforeAll(async () => {
    svc = await startServiceUnderTest('credit_check_disclosure', (deps) => CreditCheckModule.forRoot(deps), { serviceName: 'credit-check' });
    checks = svc.app.get(CheckService);
    profiles = svc.app.get(ProfileService);
  }, 60_000);
  afterAll(() => svc?.stop());

  it('counts AUTHORISED_ONLY information in the verdict but withholds its details from callers not authorised for it', async () => {
    const uscc = uniqueUscc();
    const restricted = { ...seriousRecord(uscc), severity: SeverityTier.SEVERITY_TIER_GENERAL, disclosure: 'AUTHORISED_ONLY', fieldsJson: JSON.stringify({ content: '涉密处罚内容' }) };
    await svc.publish(Events.RecordCollected, restricted.subject!.key, restricted);
    const subject = { type: 'LEGAL_PERSON', name: '湖南某建设有限公司', uscc };
    const plain = await eventually('the record', async () => {
      const r = await checks.check(subject, context({ matterType: 'ADMIN_LICENSING' }));
      return r.profile.found ? r : undefined;
    });
    expect(plain.verdict.verdict).toBe('REVIEW');
    expect(plain.profile.records[0]).toMatchObject({ decisionNumber: '（受限信息，需授权查询）', fields: {}, withheld: true });
    expect(plain.verdict.noticeText).not.toContain(restricted.decisionNumber);
    expect(JSON.stringify(plain)).not.toContain('涉密处罚内容');

    const authorised = await checks.check(subject, context({ matterType: 'ADMIN_LICENSING', authorisedRestricted: true }));
    expect(authorised.profile.records[0].decisionNumber).toBe(restricted.decisionNumber);
    expect(authorised.profile.records[0].fields).toEqual({ content: '涉密处罚内容' });
  });

  it('shows the public only PUBLIC records in their publicity window, never restricted ones or ID numbers', async () => {
    const uscc = uniqueUscc();
    const key = subjectKeyForUscc(uscc);
    const today = chinaDateOf(new Date());
    const shown = { ...seriousRecord(uscc), publicityStart: addCalendarDays(today, -10), publicityEnd: addCalendarDays(today, 300), fieldsJson: JSON.stringify({ content: '罚款', legalRepresentativeIdNumber: '430102********1234' }) };
    const expired = { ...seriousRecord(uscc), publicityStart: addCalendarDays(today, -400), publicityEnd: addCalendarDays(today, -1) };
    const hidden = { ...seriousRecord(uscc), disclosure: 'AUTHORISED_ONLY', publicityStart: '', publicityEnd: '' };
    for (const r of [shown, expired, hidden]) await svc.publish(Events.RecordCollected, key, r);
    const result = await eventually('the three records', async () => {
      const rows = await svc.db.query(`SELECT 1 FROM credit_check.profile_record WHERE subject_key = $1`, [key]);
      return rows.length === 3 ? profiles.publicRecords(uscc, today) : undefined;
    });
    expect(result.found).toBe(true);
    expect(result.records.map((r) => r.recordId)).toEqual([shown.recordId]);
    expect(result.records[0]).toMatchObject({ decisionDate: shown.decisionDate, publicityEnd: shown.publicityEnd });
    expect(result.records[0].fields).toEqual({ content: '罚款' }); // the (masked) ID number is not published at all
    await expect(profiles.publicRecords('91430100MA4L16JQ9X', today)).rejects.toMatchObject({ kind: 'VALIDATION' });
  });

  it('applies the graded-supervision measures of the current grade in checks on inspections', async () => {
    const uscc = uniqueUscc();
    const serious = seriousRecord(uscc);
    await svc.publish(Events.RecordCollected, serious.subject!.key, serious);
    const subject = { type: 'LEGAL_PERSON', name: '湖南某建设有限公司', uscc };
    await eventually('the record', async () => ((await checks.check(subject, context({ matterType: 'INSPECTION' }))).profile.found ? true : undefined));
    await svc.app.get(GradeService).refreshSubjects([serious.subject!.key]);
    const graded = await checks.check(subject, context({ matterType: 'INSPECTION' }));
    expect(['C', 'D']).toContain(graded.profile.grade);
    const sampling = graded.verdict.measures.find((m) => m.measure.code === 'R-GRADE-CD-INCREASED-SAMPLING');
    expect(sampling).toMatchObject({ status: 'APPLIES' });
    expect(sampling!.groups).toContain(`GRADE_${graded.profile.grade}`);
  });
});
