import type { EntityManager } from 'typeorm';
import { encodeEvent, type OutgoingEvent } from '../cloud-events';
import { OutboxEntity } from './outbox.entity';

/**
 * Inserts events into the service's outbox through the caller's transaction manager: one statement whatever
 * the number of events (arrays through `unnest`, so no parameter limit), in the order given — the relay
 * publishes by `seq`, which keeps per-key order.
 */
export async function insertIntoOutbox(manager: EntityManager, source: string, events: OutgoingEvent<unknown>[]): Promise<void> {
  if (events.length === 0) return;
  const encoded = events.map((event) => encodeEvent(event, source));
  const table = manager.connection.getMetadata(OutboxEntity).tablePath;
  await manager.query(
    `INSERT INTO ${table} (event_id, topic, message_key, event_type, headers, payload)
     SELECT e.event_id, e.topic, e.message_key, e.event_type, e.headers::jsonb, e.payload
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[])
            WITH ORDINALITY AS e(event_id, topic, message_key, event_type, headers, payload, ord)
      ORDER BY e.ord`,
    [
      encoded.map((e) => e.id),
      encoded.map((e) => e.topic),
      encoded.map((e) => e.key),
      encoded.map((e) => e.type),
      encoded.map((e) => JSON.stringify(e.headers)),
      encoded.map((e) => e.value),
    ],
  );
}
