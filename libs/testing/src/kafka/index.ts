export {
  KAFKA_TEST_BROKER_BINARY,
  KAFKA_TEST_BROKER_DIR,
  KAFKA_TEST_BROKER_SOURCE,
  ensureKafkaTestBrokerBuilt,
  kafkaTestClientSettings,
  startKafkaTestBroker,
} from './kafka-test-broker';
export type { KafkaTestBroker, KafkaTestBrokerOptions, KafkaTestTopic } from './kafka-test-broker';
