import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Events, subjectTypeToProto, type CheckPerformed } from '@credit/contracts';
import { UnitOfWork } from '@credit/messaging';
import { LOGGER, PlatformMetrics, type ServiceDeps } from '@credit/runtime';
import { checkLogHash, INSERT_CHECK_LOG_SQL, insertParameters, type ChainedCheckLogRow, type CheckLogRow } from './check-log';

export interface PendingCheck {
  row: CheckLogRow;
  /** The trace of the check's request: its CheckPerformed event carries it, whichever check's turn writes the group. */
  traceparent?: string;
  subject: { key: string; type: string; name: string; uscc: string | null; maskedIdNumber: string | null };
}

interface Waiter {
  checks: PendingCheck[];
  resolve: (rows: ChainedCheckLogRow[]) => void;
  reject: (error: unknown) => void;
}

/** Most rows written in one transaction. */
const MAX_GROUP = 1000;
/** After another writer moved the head under this one, the next groups lock it first (no optimistic misses). */
const LOCKED_GROUPS_AFTER_A_MISS = 100;

/**
 * Group commit of the check log. A check is answered only after its log row is committed (the log is the legal
 * record of 逢办必查), but concurrent checks share one transaction: while a group is being written, new checks
 * queue, and the next group takes all of them. Each group chains its rows on the head this process last wrote,
 * inserts them and moves the head in one statement — which writes nothing if another replica moved the head since
 * (the group is then written again on the head read with FOR UPDATE) — and emits `CheckPerformed` per row through
 * the outbox, all in one transaction. A replica alone reads the head once, at its first group.
 */
@Injectable()
export class CheckLogWriter {
  private queue: Waiter[] = [];
  private writing = false;
  /** The head as this process last wrote it (null: unknown, read it with a lock). */
  private head: Head | null = null;
  /** Groups still to be written with the head locked first, after another replica was found to have moved it. */
  private lockedGroupsLeft = 0;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly metrics: PlatformMetrics,
  ) {}

  append(checks: PendingCheck[]): Promise<ChainedCheckLogRow[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ checks, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const group: Waiter[] = [];
        let size = 0;
        while (this.queue.length > 0 && (group.length === 0 || size + this.queue[0].checks.length <= MAX_GROUP)) {
          const next = this.queue.shift()!;
          group.push(next);
          size += next.checks.length;
        }
        try {
          const written = await this.write(group.flatMap((w) => w.checks));
          let offset = 0;
          for (const waiter of group) {
            waiter.resolve(written.slice(offset, offset + waiter.checks.length));
            offset += waiter.checks.length;
          }
        } catch (error) {
          for (const waiter of group) waiter.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(checks: PendingCheck[]): Promise<ChainedCheckLogRow[]> {
    this.metrics.checkLogGroupSize.observe(checks.length);
    try {
      const { rows, head } = await this.writeGroup(checks, this.head !== null && this.lockedGroupsLeft === 0 ? this.head : null);
      this.head = head;
      return rows;
    } catch (error) {
      this.head = null;
      if (!(error instanceof HeadMoved)) throw error;
      // Another replica wrote since: lock the head for the next groups (replicas taking turns would otherwise
      // keep missing it), and write this group again.
      this.lockedGroupsLeft = LOCKED_GROUPS_AFTER_A_MISS;
      const { rows, head } = await this.writeGroup(checks, null);
      this.head = head;
      return rows;
    }
  }

  /**
   * One group in one transaction. `known`: the head as this process last wrote it — the rows are chained on it and
   * the head moves only if it is still there (else HeadMoved, nothing written); null: read and lock the head first.
   */
  private writeGroup(checks: PendingCheck[], known: Head | null): Promise<{ rows: ChainedCheckLogRow[]; head: Head }> {
    if (this.lockedGroupsLeft > 0) this.lockedGroupsLeft -= 1;
    return this.uow.run(async (tx) => {
      let start = known;
      if (!start) {
        const [row] = await tx.manager.query<{ seq: string; hash: string }[]>(`SELECT seq, hash FROM credit_check.check_log_head WHERE id = 1 FOR UPDATE`);
        start = { seq: Number(row.seq), hash: row.hash };
      }
      let seq = start.seq;
      let prevHash = start.hash;
      const rows: ChainedCheckLogRow[] = checks.map(({ row }) => {
        seq += 1;
        const hash = checkLogHash(seq, prevHash, row);
        const chained = { ...row, seq, prevHash, hash };
        prevHash = hash;
        return chained;
      });
      // The rows and the moved head in one statement; the rows are inserted only if the head moved from where they
      // were chained (joined with the head's update: none if another replica moved it first).
      const inserted = await tx.manager.query<unknown[]>(
        `WITH head AS (UPDATE credit_check.check_log_head SET seq = $18, hash = $19 WHERE id = 1 AND seq = $20 RETURNING 1) ${INSERT_CHECK_LOG_SQL}, head RETURNING 1`,
        [...insertParameters(rows), seq, prevHash, start.seq],
      );
      if (inserted.length !== rows.length) throw new HeadMoved();
      rows.forEach((row, i) => {
        const subject = checks[i].subject;
        const payload: CheckPerformed = {
          checkId: row.checkId,
          subject: { key: subject.key, type: subjectTypeToProto(subject.type), name: subject.name, uscc: subject.uscc ?? '', maskedIdNumber: subject.maskedIdNumber ?? '' },
          matterType: row.matterType,
          matterReference: row.matterReference,
          requesterDepartmentId: row.requesterDepartmentId,
          operator: row.operator,
          purpose: row.purpose,
          verdict: row.verdict,
          measureCodes: row.measureCodes,
          evidenceIds: row.evidenceIds,
          policyVersion: row.policyVersion,
          checkedAt: row.checkedAt.toISOString(),
          batchId: row.batchId ?? '',
          logSequence: row.seq,
        };
        tx.emit({ definition: Events.CheckPerformed, subjectKey: subject.key, id: `check-${row.checkId}`, payload, ...(checks[i].traceparent ? { traceparent: checks[i].traceparent } : {}) });
      });
      return { rows, head: { seq, hash: prevHash } };
    });
  }
}

interface Head {
  seq: number;
  hash: string;
}

/** The head was moved by another writer (replica) since this process last wrote it: nothing was written. */
class HeadMoved extends Error {
  constructor() {
    super('check log head moved by another writer');
  }
}

/** Months of check-log partitions kept ready ahead of today. */
const PARTITIONS_AHEAD = 3;

/** Creates the coming months' check-log partitions at start and daily (idempotent; any replica may run it). */
@Injectable()
export class CheckLogPartitions implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(LOGGER) private readonly log: ServiceDeps['log'],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensure();
    this.timer = setInterval(() => void this.ensure().catch((err: unknown) => this.log.warn({ err }, 'check log: partition maintenance failed')), 24 * 3600_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  ensure(): Promise<number> {
    return this.uow.run(async (tx) => {
      // Serialise concurrent replicas (CREATE TABLE … PARTITION OF is not IF NOT EXISTS-safe under races).
      await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('credit_check.check_log partitions'))`);
      const [row] = await tx.manager.query<{ created: number }[]>(`SELECT credit_check.ensure_check_log_partitions(current_date, $1) AS created`, [PARTITIONS_AHEAD]);
      return row.created;
    });
  }
}
