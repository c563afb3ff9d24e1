import type { EntityManager } from 'typeorm';
import { encodeEvent, type OutgoingEvent } from '../cloud-events';
import { OutboxEntity } from './outbox.entity';

/** Inserts events into the service's outbox through the caller's transaction manager. */
export async function insertIntoOutbox(
  manager: EntityManager,
  source: string,
  events: OutgoingEvent<unknown>[],
): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((event) => {
    const encoded = encodeEvent(event, source);
    return manager.create(OutboxEntity, {
      eventId: encoded.id,
      topic: encoded.topic,
      messageKey: encoded.key,
      eventType: encoded.type,
      headers: encoded.headers,
      payload: encoded.value,
    });
  });
  await manager.insert(OutboxEntity, rows);
}
