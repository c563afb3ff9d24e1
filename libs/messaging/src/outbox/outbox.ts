import type { EntityManager } from 'typeorm';
import { encodeEvent, type OutgoingEvent } from '../cloud-events';
import { OutboxEntity } from './outbox.entity';

/**
 * Inserts events into the service's outbox through the caller's transaction manager: one statement whatever
 * the number of events, in the order given — the relay publishes by `seq`, which keeps per-key order. The rows
 * travel as one json parameter and the payloads as ONE binary parameter cut by offset (`substring`): array
 * parameters would be escaped element by element (bytea as hex text) in the driver. With a `notifyChannel`, the
 * same statement NOTIFYs it (other processes' relays wake at commit).
 */
export async function insertIntoOutbox(manager: EntityManager, source: string, events: OutgoingEvent<unknown>[], notifyChannel: string | null = null): Promise<void> {
  if (events.length === 0) return;
  const encoded = events.map((event) => encodeEvent(event, source));
  const table = manager.connection.getMetadata(OutboxEntity).tablePath;
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
