import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/** Fewer rows than this go by the json statement even where COPY is possible. */
export const COPY_FROM_ROWS = 64;

/** A column of a bulk insert: its name and PostgreSQL type (the type is used where rows travel as JSON). */
export type BulkColumn = readonly [name: string, type: string];

/**
 * Inserts many rows into `table` with one statement, in the caller's transaction (`manager` of a transaction).
 * With `copy` (a PostgreSQL server) and at least `copyFrom` rows (COPY_FROM_ROWS), `COPY … FROM STDIN`:
 * PostgreSQL parses COPY's text rows ~2.8 × cheaper than the same rows as a json parameter (5,000 rows of
 * credit_record_version: 38 vs 106 ms, docs/BENCHMARKS.md). Otherwise — and always on the embedded database, whose
 * wire server has no COPY sub-protocol — one `INSERT … SELECT FROM json_to_recordset` statement. Values: null/undefined → NULL, objects → JSON (jsonb
 * columns), booleans, numbers and strings as they are (dates as `YYYY-MM-DD` text).
 */
export async function insertRows(manager: EntityManager, table: string, columns: readonly BulkColumn[], rows: readonly unknown[][], options: { copy: boolean; copyFrom?: number }): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => name).join(', ');
  // COPY waits for the server's go-ahead before sending its rows: a round trip more, worth it only for many rows.
  if (!options.copy || rows.length < (options.copyFrom ?? COPY_FROM_ROWS)) {
    const objects = rows.map((row) => Object.fromEntries(columns.map(([name], i) => [name, row[i] ?? null])));
    await manager.query(
      `INSERT INTO ${table} (${names}) SELECT * FROM json_to_recordset($1::json) AS r(${columns.map(([name, type]) => `${name} ${type}`).join(', ')})`,
      [JSON.stringify(objects)],
    );
    return;
  }
  const runner = manager.queryRunner;
  if (!runner) throw new Error('insertRows with copy needs the manager of a transaction');
  const client = (await runner.connect()) as PoolClient;
  await pipeline(Readable.from([copyText(rows)]), client.query(copyFrom(`COPY ${table} (${names}) FROM STDIN`)));
}

/** Rows in COPY's text format: tab-separated, `\N` for NULL, backslash, tab, newline and CR escaped. */
export function copyText(rows: readonly unknown[][]): string {
  let text = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i += 1) {
      if (i > 0) text += '\t';
      text += copyValue(row[i]);
    }
    text += '\n';
  }
  return text;
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : text;
}
