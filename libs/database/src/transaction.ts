import type { DataSource, EntityManager } from 'typeorm';

/**
 * The one way to run business work in a transaction. Everything inside `work` must use the given
 * manager: awaiting another connection inside a transaction deadlocks on the embedded database
 * (one shared session) and breaks atomicity everywhere else. The outbox insert rides in here.
 */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction('READ COMMITTED', work);
}

/** Postgres error codes the callers branch on. */
export const PgErrorCode = {
  UniqueViolation: '23505',
  ForeignKeyViolation: '23503',
  SerializationFailure: '40001',
  DeadlockDetected: '40P01',
} as const;

export function pgErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}
