import type { EnvReader } from '@credit/runtime';
import { DEFAULT_EXCHANGE_SETTINGS, type ProvincialExchangeOptions } from './exchange.settings';

/**
 * The connector's settings from the environment: PROVINCE_EXCHANGE_URL, PROVINCE_APP_KEY and
 * PROVINCE_APP_SECRET (required; the secret is only used to sign), PROVINCE_DEPARTMENT_ID,
 * RECORD_COLLECTION_GRPC, PROVINCE_MAX_ATTEMPTS, PROVINCE_BACKOFF_BASE_MS, PROVINCE_BACKOFF_MAX_MS,
 * PROVINCE_REQUEST_TIMEOUT_MS, PROVINCE_PULL_INTERVAL_MS (0 = on demand only).
 */
export function readExchangeSettings(env: EnvReader): ProvincialExchangeOptions['settings'] {
  const d = DEFAULT_EXCHANGE_SETTINGS;
  return {
    provinceUrl: env.url('PROVINCE_EXCHANGE_URL', ['http', 'https']) ?? env.string('PROVINCE_EXCHANGE_URL'),
    appKey: env.string('PROVINCE_APP_KEY'),
    appSecret: env.string('PROVINCE_APP_SECRET'),
    provinceDepartmentId: env.string('PROVINCE_DEPARTMENT_ID', d.provinceDepartmentId),
    recordCollectionGrpc: env.string('RECORD_COLLECTION_GRPC', d.recordCollectionGrpc),
    maxAttempts: env.int('PROVINCE_MAX_ATTEMPTS', d.maxAttempts, { min: 1, max: 100 }),
    backoffBaseMs: env.int('PROVINCE_BACKOFF_BASE_MS', d.backoffBaseMs, { min: 10, max: 3_600_000 }),
    backoffMaxMs: env.int('PROVINCE_BACKOFF_MAX_MS', d.backoffMaxMs, { min: 10, max: 86_400_000 }),
    requestTimeoutMs: env.int('PROVINCE_REQUEST_TIMEOUT_MS', d.requestTimeoutMs, { min: 100, max: 600_000 }),
    pullIntervalMs: env.int('PROVINCE_PULL_INTERVAL_MS', d.pullIntervalMs, { min: 0, max: 86_400_000 }),
  };
}
