/**
 * Grade bookkeeping on PostgreSQL: the statement-level triggers on the profile tables mark a subject's grade stale
 * (`change_seq`) in the writing transaction — once per transaction for every subject its statements touched, not
 * once per row or statement — and the background refresher finds stale and expired grades through its indexes.
 */
import { randomUUID } from 'node:crypto';
import { subjectKeyForUscc } from '@credit/domain';
import { startServiceUnderTest, uniqueUscc, type ServiceUnderTest } from '@credit/testing';
import { Client } from 'pg';
import { CreditCheckModule } from '../src/credit-check.module';
import { GradeService } from '../src/grade/grade.service';

describe('credit-check: grade bookkeeping', () => {
  let svc: ServiceUnderTest;
  let grades: GradeService;

  beforeAll(async () => {
    svc = await startServiceUnderTest('credit_check_grade_touch', (deps) => CreditCheckModule.forRoot(deps), { serviceName: 'credit-check' });
    grades = svc.app.get(GradeService);
  }, 60_000);

  afterAll(async () => {
    await svc?.stop();
  });

  const changeSeqs = async (keys: string[]) =>
    Object.fromEntries(
      (await svc.db.query<{ subject_key: string; change_seq: string }>(`SELECT subject_key, change_seq FROM credit_check.subject_grade WHERE subject_key = ANY ($1)`, [keys])).map(
        (r) => [r.subject_key, Number(r.change_seq)],
      ),
    );

  const insertProfiles = (keys: string[]) =>
    svc.db.query(
      `INSERT INTO credit_check.subject_profile (subject_key, subject_type, name, adverse_count, updated_at)
       SELECT k, 'LEGAL_PERSON', '湖南某公司', 0, now() FROM unnest($1::text[]) AS k`,
      [keys],
    );

  /** One statement writing the given (subject, record id, version) rows; an older version changes nothing. */
  const upsertRecords = (rows: [string, string, number][], client?: Client) => {
    const sql = `INSERT INTO credit_check.profile_record (record_id, subject_key, version, catalogue_item_code, category, provider_department_id,
                   decision_number, decision_date, adverse, fields)
                 SELECT r.id, r.key, r.version, 'ADMIN_PENALTY', 'PENALTY', 'SCJGJ', 'N-' || r.id, '2026-10-09', true, '{}'
                   FROM unnest($1::uuid[], $2::text[], $3::int[]) AS r(id, key, version)
                 ON CONFLICT (record_id) DO UPDATE SET version = excluded.version
                 WHERE credit_check.profile_record.version < excluded.version`;
    const params = [rows.map((r) => r[1]), rows.map((r) => r[0]), rows.map((r) => r[2])];
    return client ? client.query(sql, params) : svc.db.query(sql, params);
  };

  it('bumps change_seq once per statement for every subject it touched, in the same transaction, and never for a no-op', async () => {
    const [a, b, c] = [uniqueUscc(), uniqueUscc(), uniqueUscc()].map(subjectKeyForUscc);
    await insertProfiles([a, b, c]);
    const start = await changeSeqs([a, b, c]);
    expect(Object.keys(start).sort()).toEqual([a, b, c].sort()); // the profile insert created their grade rows

    // One statement: three records of a, two of b, none of c → a and b once each.
    const ids = Array.from({ length: 5 }, () => randomUUID());
    await upsertRecords([
      [a, ids[0], 1],
      [a, ids[1], 1],
      [b, ids[2], 1],
      [a, ids[3], 1],
      [b, ids[4], 1],
    ]);
    expect(await changeSeqs([a, b, c])).toEqual({ [a]: start[a] + 1, [b]: start[b] + 1, [c]: start[c] });

    // An upsert that changes nothing (an older version arriving late) leaves the grade alone.
    await upsertRecords([[a, ids[0], 1]]);
    expect(await changeSeqs([a])).toEqual({ [a]: start[a] + 1 });

    // A newer version: stale inside the writing transaction; rolled back, as if it never happened.
    const client = new Client({ connectionString: svc.db.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await upsertRecords([[b, ids[2], 2]], client);
      const inside = await client.query<{ change_seq: string }>(`SELECT change_seq FROM credit_check.subject_grade WHERE subject_key = $1`, [b]);
      expect(Number(inside.rows[0].change_seq)).toBe(start[b] + 2);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
    expect(await changeSeqs([b])).toEqual({ [b]: start[b] + 1 });

    // Updates count too (a status change through UPDATE), again once per subject.
    await svc.db.query(`UPDATE credit_check.profile_record SET status = 'REPAIRED' WHERE record_id = ANY ($1::uuid[])`, [[ids[0], ids[1], ids[2]]]);
    expect(await changeSeqs([a, b, c])).toEqual({ [a]: start[a] + 2, [b]: start[b] + 2, [c]: start[c] });
  });

  it("bumps a subject once per transaction: the profile consumer's second statement on its subjects leaves the first bump", async () => {
    const [a, b] = [uniqueUscc(), uniqueUscc()].map(subjectKeyForUscc);
    await insertProfiles([a, b]);
    const start = await changeSeqs([a, b]);
    const client = new Client({ connectionString: svc.db.url });
    await client.connect();
    try {
      // As a consumer batch: the records of a and b, then their profile rows — two statements, one transaction.
      await client.query('BEGIN');
      await upsertRecords([[a, randomUUID(), 1], [b, randomUUID(), 1]], client);
      await client.query(`UPDATE credit_check.subject_profile SET name = '湖南某某公司', updated_at = now() WHERE subject_key = ANY ($1)`, [[a, b]]);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    expect(await changeSeqs([a, b])).toEqual({ [a]: start[a] + 1, [b]: start[b] + 1 });
    // The next transaction bumps again.
    await svc.db.query(`UPDATE credit_check.subject_profile SET adverse_count = 1 WHERE subject_key = $1`, [a]);
    expect(await changeSeqs([a, b])).toEqual({ [a]: start[a] + 2, [b]: start[b] + 1 });
  });

  it('the refresher regrades stale grades and grades whose validity ended, and leaves current ones', async () => {
    const [stale, expired, current] = [uniqueUscc(), uniqueUscc(), uniqueUscc()].map(subjectKeyForUscc);
    await insertProfiles([stale, expired, current]);
    while (await grades.refreshDue()); // everything graded once
    const before = await svc.db.query<{ subject_key: string; computed_at: Date; graded_seq: string; change_seq: string }>(
      `SELECT subject_key, computed_at, graded_seq, change_seq FROM credit_check.subject_grade WHERE subject_key = ANY ($1)`,
      [[stale, expired, current]],
    );
    expect(before.every((r) => r.graded_seq === r.change_seq)).toBe(true);

    await upsertRecords([[stale, randomUUID(), 1]]);
    await svc.db.query(`UPDATE credit_check.subject_grade SET valid_until = current_date - 1 WHERE subject_key = $1`, [expired]);
    while (await grades.refreshDue());

    const after = await svc.db.query<{ subject_key: string; computed_at: Date; graded_seq: string; change_seq: string; valid_until: string | null }>(
      `SELECT subject_key, computed_at, graded_seq, change_seq, to_char(valid_until, 'YYYY-MM-DD') AS valid_until
         FROM credit_check.subject_grade WHERE subject_key = ANY ($1)`,
      [[stale, expired, current]],
    );
    const was = (key: string) => before.find((r) => r.subject_key === key)!;
    const now = (key: string) => after.find((r) => r.subject_key === key)!;
    expect(now(stale).graded_seq).toBe(now(stale).change_seq);
    expect(now(stale).computed_at.getTime()).toBeGreaterThan(was(stale).computed_at.getTime());
    expect(now(expired).computed_at.getTime()).toBeGreaterThan(was(expired).computed_at.getTime());
    expect(now(expired).valid_until === null || now(expired).valid_until! >= grades.today()).toBe(true);
    expect(now(current).computed_at.getTime()).toBe(was(current).computed_at.getTime());
  });
});
