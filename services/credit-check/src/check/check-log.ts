import { createHash } from 'node:crypto';
import { canonicalJson } from '@credit/domain';

/** One check as the log keeps it (never updated, never deleted). */
export interface CheckLogRow {
  checkId: string;
  checkedAt: Date;
  batchId: string | null;
  requesterDepartmentId: string;
  requesterClientId: string;
  operator: string;
  subjectKey: string;
  matterType: string;
  matterReference: string;
  purpose: string;
  verdict: string;
  measureCodes: string[];
  evidenceIds: string[];
  policyVersion: string;
}

export interface ChainedCheckLogRow extends CheckLogRow {
  seq: number;
  prevHash: string;
  hash: string;
}

/** Hash of the first row's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash chaining a log row to its predecessor: SHA-256 over the previous hash and the row's content in
 * canonical JSON (sorted keys; the time in milliseconds). Changing any field, deleting or inserting a row breaks
 * every later link, which `verifyCheckLog` finds.
 */
export function checkLogHash(seq: number, prevHash: string, row: CheckLogRow): string {
  const content = canonicalJson({
    seq,
    checkId: row.checkId,
    checkedAt: row.checkedAt.toISOString(),
    batchId: row.batchId,
    requesterDepartmentId: row.requesterDepartmentId,
    requesterClientId: row.requesterClientId,
    operator: row.operator,
    subjectKey: row.subjectKey,
    matterType: row.matterType,
    matterReference: row.matterReference,
    purpose: row.purpose,
    verdict: row.verdict,
    measureCodes: row.measureCodes,
    evidenceIds: row.evidenceIds,
    policyVersion: row.policyVersion,
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/** Columns in insert order; the SQL below uses unnest over one array per column (one statement per group). */
export const INSERT_CHECK_LOG_SQL = `
  INSERT INTO credit_check.check_log
    (seq, check_id, checked_at, batch_id, requester_department_id, requester_client_id, operator, subject_key,
     matter_type, matter_reference, purpose, verdict, measure_codes, evidence_ids, policy_version, prev_hash, hash)
  SELECT u.seq, u.check_id, u.checked_at, u.batch_id, u.requester_department_id, u.requester_client_id, u.operator,
         u.subject_key, u.matter_type, u.matter_reference, u.purpose, u.verdict,
         string_to_array(u.measure_codes, ','), string_to_array(u.evidence_ids, ','), u.policy_version, u.prev_hash, u.hash
    FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[])
      AS u(seq, check_id, checked_at, batch_id, requester_department_id, requester_client_id, operator, subject_key,
           matter_type, matter_reference, purpose, verdict, measure_codes, evidence_ids, policy_version, prev_hash, hash)`;

export function insertParameters(rows: readonly ChainedCheckLogRow[]): unknown[][] {
  const col = <T>(f: (r: ChainedCheckLogRow) => T) => rows.map(f);
  return [
    col((r) => r.seq),
    col((r) => r.checkId),
    col((r) => r.checkedAt.toISOString()),
    col((r) => r.batchId),
    col((r) => r.requesterDepartmentId),
    col((r) => r.requesterClientId),
    col((r) => r.operator),
    col((r) => r.subjectKey),
    col((r) => r.matterType),
    col((r) => r.matterReference),
    col((r) => r.purpose),
    col((r) => r.verdict),
    // codes and ids never contain commas (measure codes, UUIDs)
    col((r) => r.measureCodes.join(',')),
    col((r) => r.evidenceIds.join(',')),
    col((r) => r.policyVersion),
    col((r) => r.prevHash),
    col((r) => r.hash),
  ];
}

export interface StoredCheckLogRow {
  seq: string;
  check_id: string;
  checked_at: Date;
  batch_id: string | null;
  requester_department_id: string;
  requester_client_id: string;
  operator: string;
  subject_key: string;
  matter_type: string;
  matter_reference: string;
  purpose: string;
  verdict: string;
  measure_codes: string[];
  evidence_ids: string[];
  policy_version: string;
  prev_hash: string;
  hash: string;
}

export function fromStored(r: StoredCheckLogRow): ChainedCheckLogRow {
  return {
    seq: Number(r.seq),
    checkId: r.check_id,
    checkedAt: new Date(r.checked_at),
    batchId: r.batch_id,
    requesterDepartmentId: r.requester_department_id,
    requesterClientId: r.requester_client_id,
    operator: r.operator,
    subjectKey: r.subject_key,
    matterType: r.matter_type,
    matterReference: r.matter_reference,
    purpose: r.purpose,
    verdict: r.verdict,
    measureCodes: r.measure_codes ?? [],
    evidenceIds: r.evidence_ids ?? [],
    policyVersion: r.policy_version,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export interface VerifyResult {
  ok: boolean;
  rowsChecked: number;
  /** The first row whose hash or link does not match, with what is wrong. */
  firstBroken?: { seq: number; checkId: string; problem: string };
}

/** Walks the chain in sequence order from the head back to genesis, in pages; reports the first broken link. */
export async function verifyCheckLog(query: <T>(sql: string, params: unknown[]) => Promise<T[]>, pageSize = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let rowsChecked = 0;
  for (;;) {
    const page = await query<StoredCheckLogRow>(`SELECT * FROM credit_check.check_log WHERE seq >= $1 ORDER BY seq LIMIT $2`, [expectedSeq, pageSize]);
    for (const stored of page) {
      const row = fromStored(stored);
      const broken = (problem: string): VerifyResult => ({ ok: false, rowsChecked, firstBroken: { seq: row.seq, checkId: row.checkId, problem } });
      if (row.seq !== expectedSeq) return broken(`sequence gap: expected ${expectedSeq}`);
      if (row.prevHash !== prevHash) return broken('link to the previous row does not match');
      if (checkLogHash(row.seq, row.prevHash, row) !== row.hash) return broken('content does not match its hash');
      prevHash = row.hash;
      expectedSeq += 1;
      rowsChecked += 1;
    }
    if (page.length < pageSize) break;
  }
  const [head] = await query<{ seq: string; hash: string }>(`SELECT seq, hash FROM credit_check.check_log_head WHERE id = 1`, []);
  if (head && (Number(head.seq) !== rowsChecked || head.hash !== prevHash)) {
    return { ok: false, rowsChecked, firstBroken: { seq: Number(head.seq), checkId: '', problem: 'rows missing at the end of the log (head does not match)' } };
  }
  return { ok: true, rowsChecked };
}
