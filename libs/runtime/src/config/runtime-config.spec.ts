import { ConfigError, EnvReader } from './env';
import { readRuntimeConfig } from './runtime-config';

function read(env: Record<string, string>) {
  const reader = new EnvReader(env);
  const config = readRuntimeConfig(reader);
  reader.done();
  return config;
}

describe('runtime configuration', () => {
  it('uses the embedded defaults when nothing is set', () => {
    expect(read({})).toEqual({
      logLevel: 'info',
      databaseUrl: undefined,
      kafkaBrokers: [],
      migrateOnStart: true,
      jurisdiction: '430000',
      kafkaSessionTimeoutMs: 30_000,
    });
  });

  it('reads a cluster configuration', () => {
    const config = read({
      DATABASE_URL: 'postgres://rc@db:5432/credit',
      KAFKA_BROKERS: 'kafka-0:9092, kafka-1:9092',
      MIGRATE_ON_START: 'false',
      JURISDICTION: '430923',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://rc@db:5432/credit',
      kafkaBrokers: ['kafka-0:9092', 'kafka-1:9092'],
      migrateOnStart: false,
      jurisdiction: '430923',
      logLevel: 'debug',
    });
  });

  it('fails fast with one message naming every bad variable', () => {
    const attempt = () =>
      read({ DATABASE_URL: 'mysql://x', KAFKA_BROKERS: 'kafka', JURISDICTION: '43', LOG_LEVEL: 'loud', KAFKA_SESSION_TIMEOUT_MS: '100', MIGRATE_ON_START: 'maybe' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(6);
      expect(problems.join('\n')).toMatch(/DATABASE_URL: expected a postgres\/postgresql URL/);
      expect(problems.join('\n')).toMatch(/KAFKA_BROKERS: expected host:port/);
      expect(problems.join('\n')).toMatch(/JURISDICTION: expected a 6-digit administrative division code, got "43"/);
      expect(problems.join('\n')).toMatch(/LOG_LEVEL: expected one of/);
      expect(problems.join('\n')).toMatch(/KAFKA_SESSION_TIMEOUT_MS: expected an integer ≥ 6000/);
      expect(problems.join('\n')).toMatch(/MIGRATE_ON_START: expected true or false/);
    }
  });
});
