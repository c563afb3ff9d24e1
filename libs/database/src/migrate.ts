import { DataSource, type DataSourceOptions } from 'typeorm';
import { ensureSchema } from './schema';

/** Applies a service's pending migrations in its own schema; returns the names applied. */
export async function runServiceMigrations(options: DataSourceOptions & { url?: string; schema?: string }): Promise<string[]> {
  if (!options.url || !options.schema) throw new Error('runServiceMigrations needs url and schema');
  await ensureSchema(options.url, options.schema);
  const dataSource = new DataSource({ ...options, extra: { ...(options.extra ?? {}), max: 1 } } as DataSourceOptions);
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The SQL that `migration:generate` would produce: empty when entities and migrations agree.
 * Used by the drift check in CI.
 */
export async function pendingSchemaChanges(options: DataSourceOptions): Promise<string[]> {
  const dataSource = new DataSource({ ...options, extra: { ...(options.extra ?? {}), max: 1 } } as DataSourceOptions);
  await dataSource.initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((q) => q.query);
  } finally {
    await dataSource.destroy();
  }
}
