import type { EntityManager } from 'typeorm';
import { insertRows, type BulkColumn } from '@credit/database';
import { encodeEvent, type OutgoingEvent } from '../cloud-events';
import { OutboxEntity } from './outbox.entity';

/** From this many events of one transaction on, with `copy`, they are stored by COPY (insertRows): one round trip more, for the NOTIFY. */
const COPY_FROM_EVENTS = 256;
const OUTBOX_COLUMNS: BulkColumn[] = [['event_id', 'text'], ['topic', 'text'], ['message_key', 'text'], ['event_type', 'text'], ['headers', 'jsonb'], ['payload', 'bytea']];

/**
 * Inserts events into the service's outbox through the caller's transaction manager: one statement whatever
 * the number of events, in the order given — the relay publishes by `seq`, which keeps per-key order. The rows
 * travel as one json parameter and the payloads as ONE binary parameter cut by offset (`substring`): array
 * parameters would be escaped element by element (bytea as hex text) in the driver. With a `notifyChannel`, the
 * same statement NOTIFYs it (other processes' relays wake at commit). With `copy` (a PostgreSQL server), a
 * transaction's many events go by COPY instead, ~3 × cheaper for PostgreSQL to parse.
 */
export async function insertIntoOutbox(
  manager: EntityManager,
  source: string,
  events: OutgoingEvent<unknown>[],
  notifyChannel: string | null = null,
  options: { copy?: boolean } = {},
): Promise<void> {
  if (events.length === 0) return;
  const encoded = events.map((event) => encodeEvent(event, source));
  const table = manager.connection.getMetadata(OutboxEntity).tablePath;
  if (options.copy && encoded.length >= COPY_FROM_EVENTS) {
    // Many events (a bulk import's transaction): COPY, in the order given (seq follows the rows), then the NOTIFY.
    const rows = encoded.map((e) => [e.id, e.topic, e.key, e.type, e.headers, `\\x${e.value.toString('hex')}`]);
    await insertRows(manager, table, OUTBOX_COLUMNS, rows, { copy: true });
    if (notifyChannel) await manager.query('SELECT pg_notify($1, $2)', [notifyChannel, String(encoded.length)]);
    return;
  }
  let offset = 0;
  const rows = encoded.map((e, ord) => {
    const row = { ord, event_id: e.id, topic: e.topic, message_key: e.key, event_type: e.type, headers: e.headers, off: offset, len: e.value.length };
    offset += e.value.length;
    return row;
  });
  const insert = `INSERT INTO ${table} (event_id, topic, message_key, event_type, headers, payload)
     SELECT e.event_id, e.topic, e.message_key, e.event_type, e.headers, substring($2::bytea FROM e.off + 1 FOR e.len)
       FROM json_to_recordset($1::json) AS e(ord int, event_id text, topic text, message_key text, event_type text, headers jsonb, off int, len int)
      ORDER BY e.ord`;
  const params: unknown[] = [JSON.stringify(rows), Buffer.concat(encoded.map((e) => e.value), offset)];
  // The NOTIFY that wakes other replicas' relays (delivered at commit) rides in the same statement: one round trip.
  if (notifyChannel) await manager.query(`WITH inserted AS (${insert} RETURNING 1) SELECT pg_notify($3, count(*)::text) FROM inserted`, [...params, notifyChannel]);
  else await manager.query(insert, params);
}
