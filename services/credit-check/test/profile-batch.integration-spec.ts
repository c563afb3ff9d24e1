/**
 * credit-check's profile consumer in batch mode: a bulk import's RecordCollected events arrive as runs of
 * consecutive messages and are applied per batch (one transaction) — with the same result as one by one.
 */
import { randomUUID } from 'node:crypto';
import { encodeEvent } from '@credit/messaging';
import { Events, RecordStatus, SeverityTier, SubjectType, type RecordCollected, type RecordStatusChanged } from '@credit/contracts';
import { subjectKeyForUscc } from '@credit/domain';
import { eventually, startServiceUnderTest, uniqueUscc, type ServiceUnderTest } from '@credit/testing';
import { CreditCheckModule } from '../src/credit-check.module';

function record(uscc: string, recordId: string, version: number, severity: SeverityTier, name = '湖南某建设有限公司'): RecordCollected {
  return {
    recordId,
    version,
    subject: { key: subjectKeyForUscc(uscc), type: SubjectType.SUBJECT_TYPE_LEGAL_PERSON, name, uscc, maskedIdNumber: '' },
    catalogueItemCode: 'ADMIN_PENALTY',
    catalogueItemVersion: 1,
    category: 'PENALTY',
    providerDepartmentId: 'SCJGJ',
    decisionNumber: `湘市监罚〔2026〕${recordId.slice(0, 6)}号`,
    decisionDate: '2026-10-09',
    adverse: severity !== SeverityTier.SEVERITY_TIER_UNSPECIFIED,
    severity,
    disclosure: 'PUBLIC',
    publicityStart: '2026-10-09',
    publicityEnd: '2027-10-09',
    fieldsJson: JSON.stringify({ version }),
    jurisdiction: '430000',
    policyVersion: 'CN-2025.1',
    collectedAt: new Date().toISOString(),
    relatedPersons: [],
    submittedByDepartmentId: 'SCJGJ',
    objectionId: '',
  };
}

describe('credit-check: profile records applied in batches', () => {
  let svc: ServiceUnderTest;

  beforeAll(async () => {
    svc = await startServiceUnderTest('credit_check_batch', (deps) => CreditCheckModule.forRoot(deps), { serviceName: 'credit-check' });
  }, 60_000);

  afterAll(async () => {
    await svc?.stop();
  });

  /** Publishes the events as consecutive messages of one commit, so the consumer receives them as one batch. */
  const publishTogether = async (events: RecordCollected[]) => {
    await svc.bus.publish(
      events.map((payload) => {
        const e = encodeEvent({ definition: Events.RecordCollected, subjectKey: payload.subject!.key, payload, id: `record-${payload.recordId}-v${payload.version}` }, '/credit/test');
        return { topic: e.topic, key: e.key, value: e.value, headers: e.headers };
      }),
    );
  };

  /** Status changes as consecutive messages of one commit (a publicity sweep's). */
  const publishStatusesTogether = async (events: RecordStatusChanged[]) => {
    await svc.bus.publish(
      events.map((payload, i) => {
        const e = encodeEvent({ definition: Events.RecordStatusChanged, subjectKey: payload.subject!.key, payload, id: `status-${payload.recordId}-${i}` }, '/credit/test');
        return { topic: e.topic, key: e.key, value: e.value, headers: e.headers };
      }),
    );
  };
  const statusChange = (of: RecordCollected, status: RecordStatus, publicityEnd = ''): RecordStatusChanged => ({
    recordId: of.recordId,
    subject: of.subject,
    version: of.version,
    status,
    reason: status === RecordStatus.RECORD_STATUS_ACTIVE ? '修复承诺未履行，恢复公示' : '公示期满',
    cause: status === RecordStatus.RECORD_STATUS_ACTIVE ? 'REPAIR_COMMITMENT_BREACHED' : 'EXPIRED',
    causeId: '',
    publicityEnd,
    effectiveDate: '2026-12-06',
    actorDepartmentId: 'SCJGJ',
    changedAt: new Date().toISOString(),
    catalogueItemCode: of.catalogueItemCode,
    adverse: of.adverse,
    severity: of.severity,
  });

  const stored = (recordId: string) =>
    svc.db.query<{ version: number; severity: string | null; adverse: boolean; fields: { version: number }; subject_key: string }>(
      `SELECT version, severity, adverse, fields, subject_key FROM credit_check.profile_record WHERE record_id = $1`,
      [recordId],
    );
  const adverseCount = async (subjectKey: string) =>
    (await svc.db.query<{ adverse_count: number }>(`SELECT adverse_count FROM credit_check.subject_profile WHERE subject_key = $1`, [subjectKey]))[0]?.adverse_count;

  it('a batch holding several versions of a record ends at the highest version, whatever their order', async () => {
    const uscc = uniqueUscc();
    const key = subjectKeyForUscc(uscc);
    const id = randomUUID();
    const other = randomUUID();
    const otherUscc = uniqueUscc();
    await publishTogether([
      record(uscc, id, 2, SeverityTier.SEVERITY_TIER_GENERAL),
      record(uscc, id, 3, SeverityTier.SEVERITY_TIER_UNSPECIFIED), // v3: corrected, no longer adverse
      record(otherUscc, other, 1, SeverityTier.SEVERITY_TIER_SERIOUS),
      record(uscc, id, 1, SeverityTier.SEVERITY_TIER_SERIOUS, '旧名称'),
    ]);
    const [row] = await eventually('the record in the profile', async () => {
      const r = await stored(id);
      return r.length === 1 && (await stored(other)).length === 1 ? r : undefined;
    });
    expect(row).toMatchObject({ version: 3, adverse: false, severity: null, fields: { version: 3 }, subject_key: key });
    expect(await adverseCount(key)).toBe(0);
    expect(await adverseCount(subjectKeyForUscc(otherUscc))).toBe(1);

    // A later batch with an older version (and a redelivered event) changes nothing; a newer one wins.
    await publishTogether([record(uscc, id, 2, SeverityTier.SEVERITY_TIER_GENERAL), record(uscc, id, 3, SeverityTier.SEVERITY_TIER_UNSPECIFIED)]);
    const marker = randomUUID();
    await publishTogether([record(uscc, marker, 1, SeverityTier.SEVERITY_TIER_GENERAL)]);
    await eventually('the batches after it applied', async () => ((await stored(marker)).length === 1 ? true : undefined));
    expect((await stored(id))[0]).toMatchObject({ version: 3, adverse: false });
    expect(await adverseCount(key)).toBe(1); // the marker record

    await publishTogether([record(uscc, id, 4, SeverityTier.SEVERITY_TIER_SERIOUS), record(uscc, randomUUID(), 1, SeverityTier.SEVERITY_TIER_MINOR)]);
    await eventually('version 4 applied', async () => ((await stored(id))[0].version === 4 ? true : undefined));
    expect((await stored(id))[0]).toMatchObject({ version: 4, adverse: true, severity: 'SERIOUS', fields: { version: 4 } });
    expect(await eventually('recounted', async () => ((await adverseCount(key)) === 3 ? 3 : undefined))).toBe(3);
  });

  it('a run of status changes ends each record at its last status, keeps a restored publicity end, and recounts', async () => {
    const uscc = uniqueUscc();
    const key = subjectKeyForUscc(uscc);
    const [ended, restored, untouched] = [1, 2, 3].map(() => record(uscc, randomUUID(), 1, SeverityTier.SEVERITY_TIER_GENERAL));
    const otherUscc = uniqueUscc();
    const repaired = record(otherUscc, randomUUID(), 1, SeverityTier.SEVERITY_TIER_SERIOUS);
    await publishTogether([ended, restored, untouched, repaired]);
    await eventually('the records in the profile', async () => ((await adverseCount(key)) === 3 && (await adverseCount(subjectKeyForUscc(otherUscc))) === 1 ? true : undefined));

    await publishStatusesTogether([
      statusChange(ended, RecordStatus.RECORD_STATUS_PUBLICITY_ENDED),
      statusChange(restored, RecordStatus.RECORD_STATUS_PUBLICITY_ENDED),
      statusChange(repaired, RecordStatus.RECORD_STATUS_REPAIRED),
      statusChange(restored, RecordStatus.RECORD_STATUS_ACTIVE, '2029-01-31'), // displayed again until its new end
    ]);
    const row = (id: string) =>
      svc.db.query<{ status: string; publicity_end: string; effect_end: string }>(
        `SELECT status, to_char(publicity_end, 'YYYY-MM-DD') AS publicity_end, to_char(effect_end, 'YYYY-MM-DD') AS effect_end FROM credit_check.profile_record WHERE record_id = $1`,
        [id],
      );
    await eventually('the status changes applied', async () => ((await row(repaired.recordId))[0].status === 'REPAIRED' ? true : undefined));
    expect((await row(ended.recordId))[0]).toMatchObject({ status: 'PUBLICITY_ENDED', publicity_end: '2027-10-09' });
    expect((await row(restored.recordId))[0]).toMatchObject({ status: 'ACTIVE', publicity_end: '2029-01-31', effect_end: '2029-01-31' });
    expect((await row(untouched.recordId))[0]).toMatchObject({ status: 'ACTIVE', publicity_end: '2027-10-09' });
    expect(await adverseCount(key)).toBe(2); // restored + untouched
    expect(await adverseCount(subjectKeyForUscc(otherUscc))).toBe(0);
  });

  it('an invalid event in a batch does not keep the valid ones of the batch from applying', async () => {
    const good = record(uniqueUscc(), randomUUID(), 1, SeverityTier.SEVERITY_TIER_GENERAL);
    const bad = { ...record(uniqueUscc(), randomUUID(), 1, SeverityTier.SEVERITY_TIER_GENERAL), fieldsJson: '{not json' };
    const after = record(uniqueUscc(), randomUUID(), 1, SeverityTier.SEVERITY_TIER_GENERAL);
    await publishTogether([good, bad, after]);
    await eventually('the valid records applied', async () => ((await stored(good.recordId)).length === 1 && (await stored(after.recordId)).length === 1 ? true : undefined));
    expect(await stored(bad.recordId)).toEqual([]);
  });
});
