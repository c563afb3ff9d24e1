/** Connection to the provincial sharing platform and the connector's loops (all from the environment). */
export interface ExchangeSettings {
  /** Base URL of the province's exchange API (PROVINCE_EXCHANGE_URL). */
  provinceUrl: string;
  /** appKey issued by the province to this platform. */
  appKey: string;
  /** The app secret the requests are signed with. Never logged. */
  appSecret: string;
  /** The department id inbound records are submitted as (record-collection checks its responsibility). */
  provinceDepartmentId: string;
  /** host:port of record-collection's gRPC server (inbound pulls submit through it). */
  recordCollectionGrpc: string;
  /** Attempts before an item is dead-lettered (a 4xx refusal dead-letters at once). */
  maxAttempts: number;
  /** Backoff before the n-th retry: min(backoffMaxMs, backoffBaseMs · 2^(n−1)). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Per-request timeout of a post to the province. */
  requestTimeoutMs: number;
  /** How long a claimed item stays claimed by one sender (a crashed sender's items are retried after it). */
  leaseMs: number;
  /** Items claimed per sender round (at most one per subject), and the pause between idle rounds. */
  batchSize: number;
  idleDelayMs: number;
  /** Run the sender loop (off only in tests that drive rounds by hand). */
  sender: boolean;
  /** Scheduled pulls of the upstream lists (0 = on demand only). */
  pullIntervalMs: number;
  /** The daily reconciliation of yesterday (Asia/Shanghai) on a timer. */
  dailyReconciliation: boolean;
  reconciliationCheckIntervalMs: number;
  /** Metric refresh period (pending, oldest age, dead letters). */
  metricsIntervalMs: number;
}

export const DEFAULT_EXCHANGE_SETTINGS: Omit<ExchangeSettings, 'provinceUrl' | 'appKey' | 'appSecret'> = {
  provinceDepartmentId: 'PROVINCE',
  recordCollectionGrpc: '127.0.0.1:50051',
  maxAttempts: 8,
  backoffBaseMs: 1000,
  backoffMaxMs: 5 * 60_000,
  requestTimeoutMs: 10_000,
  leaseMs: 60_000,
  batchSize: 50,
  idleDelayMs: 1000,
  sender: true,
  pullIntervalMs: 15 * 60_000,
  dailyReconciliation: true,
  reconciliationCheckIntervalMs: 60 * 60_000,
  metricsIntervalMs: 5000,
};

export interface ProvincialExchangeOptions {
  settings: Partial<ExchangeSettings> & Pick<ExchangeSettings, 'provinceUrl' | 'appKey' | 'appSecret'>;
  clock?: () => Date;
}

export const EXCHANGE_SETTINGS = Symbol('EXCHANGE_SETTINGS');
export const EXCHANGE_CLOCK = Symbol('EXCHANGE_CLOCK');
export type Clock = () => Date;

export function exchangeProviders(options: ProvincialExchangeOptions) {
  return [
    { provide: EXCHANGE_SETTINGS, useValue: { ...DEFAULT_EXCHANGE_SETTINGS, ...options.settings } satisfies ExchangeSettings },
    { provide: EXCHANGE_CLOCK, useValue: options.clock ?? (() => new Date()) },
  ];
}

/** Backoff before retry number `attempt` (1 = the first retry). */
export function backoffMs(settings: Pick<ExchangeSettings, 'backoffBaseMs' | 'backoffMaxMs'>, attempt: number): number {
  return Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
}
