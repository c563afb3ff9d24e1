import { EnvReader } from './env';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Settings every service reads. Service-specific settings extend this with the same reader. */
export interface RuntimeConfig {
  logLevel: (typeof LOG_LEVELS)[number];
  /** postgres:// URL; unset in standalone means the embedded database. */
  databaseUrl?: string;
  /** Kafka bootstrap servers; empty means the in-process bus (standalone only). */
  kafkaBrokers: string[];
  /** Run the service's migrations at start-up (the cluster runs them in a Job and turns this off). */
  migrateOnStart: boolean;
  /** Administrative division code of the platform, e.g. 430923 (Anhua County). */
  jurisdiction: string;
  /** Kafka consumer session timeout (ms). */
  kafkaSessionTimeoutMs: number;
}

export function readRuntimeConfig(env: EnvReader): RuntimeConfig {
  return {
    logLevel: env.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    databaseUrl: env.url('DATABASE_URL', ['postgres', 'postgresql']),
    kafkaBrokers: env.hostPorts('KAFKA_BROKERS'),
    migrateOnStart: env.bool('MIGRATE_ON_START', true),
    jurisdiction: env.matching('JURISDICTION', /^\d{6}$/, '430000', 'a 6-digit administrative division code'),
    kafkaSessionTimeoutMs: env.int('KAFKA_SESSION_TIMEOUT_MS', 30_000, { min: 6000, max: 300_000 }),
  };
}
