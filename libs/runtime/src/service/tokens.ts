/** What the process hands a service: the same service code runs standalone and in the cluster. */
import type { Logger } from 'pino';
import type { EventBus } from '@credit/messaging';
import type { RuntimeConfig } from '../config/runtime-config';

export interface ServiceDeps {
  config: RuntimeConfig;
  /** The database URL this service connects with (its own role in production). */
  databaseUrl: string;
  /** True on the embedded database (PGlite): no cross-connection NOTIFY, tiny pools. */
  embeddedDatabase: boolean;
  bus: EventBus;
  log: Logger;
  poolSize?: number;
}

export const SERVICE_DEPS = Symbol('SERVICE_DEPS');
export const LOGGER = Symbol('LOGGER');
