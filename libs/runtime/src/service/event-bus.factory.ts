import { REPLAY_SOURCE_TOPICS } from '@credit/contracts';
import { InProcessEventBus, KafkaEventBus, type EventBus } from '@credit/messaging';
import type { Logger } from 'pino';
import type { RuntimeConfig } from '../config/runtime-config';

/** Kafka when KAFKA_BROKERS is set; otherwise the durable in-process bus on the given database. */
export async function createEventBus(config: RuntimeConfig, options: { clientId: string; databaseUrl: string; log: Logger }): Promise<EventBus> {
  const log = options.log.child({ component: 'event-bus' });
  if (config.kafkaBrokers.length > 0) {
    const bus = new KafkaEventBus({
      brokers: config.kafkaBrokers,
      clientId: options.clientId,
      log,
      sessionTimeoutMs: config.kafkaSessionTimeoutMs,
      heartbeatIntervalMs: Math.floor(config.kafkaSessionTimeoutMs / 6),
    });
    await bus.connect();
    return bus;
  }
  return InProcessEventBus.create({ url: options.databaseUrl, log, retention: { days: config.busRetentionDays, keepTopics: REPLAY_SOURCE_TOPICS } });
}
