import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installHolidayTables, type HolidayTable } from '@credit/domain';
import { ConfigError, EnvReader } from './env';

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
  /** Directory of operator-loaded holiday tables (`cn-YYYY.json`), if any. */
  holidayCalendarDir?: string;
  /** In-process bus: days consumed messages stay in the log (0 = forever); replay sources are always kept. */
  busRetentionDays: number;
}

/**
 * Loads the operator's holiday tables (every `*.json` in the directory, the format of
 * libs/domain/src/calendar/data) over the bundled ones, so a new year's schedule needs no release. A bad table
 * stops the service at start.
 */
export function loadHolidayCalendarDir(dir: string): number[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch (error) {
    throw new ConfigError([`HOLIDAY_CALENDAR_DIR: cannot read ${dir}: ${(error as Error).message}`]);
  }
  const tables = files.map((f) => {
    try {
      return JSON.parse(readFileSync(join(dir, f), 'utf8')) as HolidayTable;
    } catch (error) {
      throw new ConfigError([`HOLIDAY_CALENDAR_DIR: ${f} is not valid JSON: ${(error as Error).message}`]);
    }
  });
  try {
    return [...installHolidayTables(tables).years];
  } catch (error) {
    throw new ConfigError([`HOLIDAY_CALENDAR_DIR: ${(error as Error).message}`]);
  }
}

export function readRuntimeConfig(env: EnvReader): RuntimeConfig {
  const config: RuntimeConfig = {
    logLevel: env.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    databaseUrl: env.url('DATABASE_URL', ['postgres', 'postgresql']),
    kafkaBrokers: env.hostPorts('KAFKA_BROKERS'),
    migrateOnStart: env.bool('MIGRATE_ON_START', true),
    jurisdiction: env.matching('JURISDICTION', /^\d{6}$/, '430000', 'a 6-digit administrative division code'),
    kafkaSessionTimeoutMs: env.int('KAFKA_SESSION_TIMEOUT_MS', 30_000, { min: 6000, max: 300_000 }),
    holidayCalendarDir: env.optional('HOLIDAY_CALENDAR_DIR'),
    busRetentionDays: env.int('BUS_RETENTION_DAYS', 30, { min: 0, max: 36_500 }),
  };
  if (config.holidayCalendarDir) loadHolidayCalendarDir(config.holidayCalendarDir);
  return config;
}
