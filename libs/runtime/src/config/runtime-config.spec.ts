import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CalendarRangeError, defaultCalendar } from '@credit/domain';
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
      busRetentionDays: 30,
    });
  });

  it('reads a cluster configuration', () => {
    const config = read({
      DATABASE_URL: 'postgres://rc@db:5432/credit',
      KAFKA_BROKERS: 'kafka-0:9092, kafka-1:9092',
      MIGRATE_ON_START: 'false',
      JURISDICTION: '430923',
      LOG_LEVEL: 'debug',
      BUS_RETENTION_DAYS: '0',
    });
    expect(config).toMatchObject({
      busRetentionDays: 0,
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

describe('operator-loaded holiday tables (HOLIDAY_CALENDAR_DIR)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'holidays-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds a year the release does not bundle, so deadlines into that year can be computed', () => {
    expect(() => defaultCalendar().addWorkingDays('2026-12-31', 1)).toThrow(CalendarRangeError);
    // An illustrative table (not the real 2027 schedule): 1–3 January off.
    writeFileSync(join(dir, 'cn-2027.json'), JSON.stringify({ year: 2027, source: 'test', holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] }));
    read({ HOLIDAY_CALENDAR_DIR: dir });
    expect(defaultCalendar().years).toEqual([2024, 2025, 2026, 2027]);
    expect(defaultCalendar().addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
  });

  it('refuses a bad table at start with the file named', () => {
    writeFileSync(join(dir, 'cn-2028.json'), JSON.stringify({ year: 2028, source: 'test', holidays: ['2028-01-01'], workdays: ['2028-01-05'] }));
    expect(() => read({ HOLIDAY_CALENDAR_DIR: dir })).toThrow(/HOLIDAY_CALENDAR_DIR: .*2028-01-05/);
    expect(() => read({ HOLIDAY_CALENDAR_DIR: join(dir, 'missing') })).toThrow(ConfigError);
  });
});
