import { DataSource, type DataSourceOptions } from 'typeorm';
import { ensureSchema } from './schema';

/**
 * Applies pending migrations of an initialised DataSource under a per-schema advisory lock, so replicas
 * starting together (or a migration Job racing a pod) apply each migration once; returns the names applied.
 */
export async function migrateUnderLock(dataSource: DataSource, schema: string): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`migrations:${schema}`]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrations:${schema}`]).catch(() => undefined);
    await lock.release();
  }
}

/** Applies a service's pending migrations in its own schema; returns the names applied. */
export async function runServiceMigrations(options: DataSourceOptions & { url?: string; schema?: string }): Promise<string[]> {
  if (!options.url || !options.schema) throw new Error('runServiceMigrations needs url and schema');
  await ensureSchema(options.url, options.schema);
  const dataSource = new DataSource({ ...options, extra: { ...(options.extra ?? {}), max: 2 } } as DataSourceOptions);
  await dataSource.initialize();
  try {
    return await migrateUnderLock(dataSource, options.schema);
  } finally {
    await dataSource.destroy();
  }
}
