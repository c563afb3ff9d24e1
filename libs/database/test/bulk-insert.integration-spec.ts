/**
 * insertRows: COPY (a PostgreSQL server) and the json statement (the embedded database) store the same rows,
 * whatever the text holds; inside a transaction that rolls back, COPY's rows go with it. Real PostgreSQL.
 */
import { createTestDatabase, type TestDatabase } from '@credit/testing';
import { DataSource } from 'typeorm';
import { copyText, insertRows, type BulkColumn } from '../src/bulk-insert';

const COLUMNS: BulkColumn[] = [
  ['id', 'int'],
  ['name', 'text'],
  ['day', 'date'],
  ['flag', 'boolean'],
  ['doc', 'jsonb'],
  ['note', 'text'],
];

// Text COPY must escape, JSON must survive, NULL must stay NULL (and the string "\N" must not become NULL).
const ROWS: unknown[][] = [
  [1, '长沙市某某科技有限公司', '2026-11-01', true, { content: '罚款\t伍仟元\n（第二行）', path: 'C:\\dir\\file', quote: '"引号"' }, null],
  [2, 'tab\there, newline\nhere, cr\rhere, backslash\\here', '2026-02-28', false, [1, 'two', null], '\\N'],
  [3, "'; DROP TABLE t; --", '2027-01-01', null, {}, ''],
  [4, '第一行\n第二行', null, null, null, '回车\r'],
];

describe('insertRows (COPY and json statement)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('bulk_insert');
    await db.query('CREATE TABLE copied (id int PRIMARY KEY, name text NOT NULL, day date, flag boolean, doc jsonb, note text)');
    await db.query('CREATE TABLE json_rows (LIKE copied INCLUDING ALL)');
    dataSource = await new DataSource({ type: 'postgres', url: db.url }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const read = (table: string) => db.query<Record<string, unknown>>(`SELECT id, name, day::text AS day, flag, doc, note FROM ${table} ORDER BY id`);

  it('stores the same rows by COPY and by the json statement, values intact', async () => {
    await dataSource.transaction((manager) => insertRows(manager, 'copied', COLUMNS, ROWS, { copy: true, copyFrom: 1 }));
    await dataSource.transaction((manager) => insertRows(manager, 'json_rows', COLUMNS, ROWS, { copy: false }));
    const copied = await read('copied');
    expect(copied).toEqual(ROWS.map(([id, name, day, flag, doc, note]) => ({ id, name, day, flag, doc, note })));
    expect(await read('json_rows')).toEqual(copied);
  });

  it("rolls COPY's rows back with the transaction, and reports a violated constraint as PostgreSQL's error", async () => {
    const attempt = dataSource.transaction(async (manager) => {
      await insertRows(manager, 'copied', COLUMNS, [[10, 'kept?', null, null, null, null]], { copy: true, copyFrom: 1 });
      await insertRows(manager, 'copied', COLUMNS, [[1, 'duplicate id', null, null, null, null]], { copy: true, copyFrom: 1 });
    });
    await expect(attempt).rejects.toMatchObject({ code: '23505' });
    expect(await db.query('SELECT id FROM copied WHERE id = 10')).toEqual([]);
  });

  it('writes COPY text rows with escapes and \\N for NULL', () => {
    expect(copyText([[1, 'a\tb', null, 'c\\d\ne'], [2, { k: 'v' }, true, new Date('2026-11-01T00:00:00Z')]])).toBe(
      '1\ta\\tb\t\\N\tc\\\\d\\ne\n2\t{"k":"v"}\ttrue\t2026-11-01T00:00:00.000Z\n',
    );
  });
});
