import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ServiceIdentity } from '../service/service-identity';
import { LOGGER, type ServiceDeps } from '../service/tokens';
import { PlatformMetrics } from './metrics';

/** A kind of deadline a service tracks, as one SQL returning `open` and `overdue` counts (China dates). */
export interface DeadlineQuery {
  /** Label value, e.g. `objection_verification`. */
  kind: string;
  /** Returns one row `{ open, overdue }`; `$1` is today's Asia/Shanghai date. */
  sql: string;
}

export const DEADLINE_QUERIES = Symbol('DEADLINE_QUERIES');
const INTERVAL_MS = 60_000;

/**
 * Keeps `credit_deadlines_open` and `credit_deadlines_overdue` current for a service's legal deadlines (objection
 * verification, repair decisions…), so overdue work is alertable before anyone asks.
 */
@Injectable()
export class DeadlineGauge implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(DEADLINE_QUERIES) private readonly queries: DeadlineQuery[],
    private readonly dataSource: DataSource,
    private readonly metrics: PlatformMetrics,
    private readonly identity: ServiceIdentity,
    @Inject(LOGGER) private readonly log: ServiceDeps['log'],
  ) {}

  onApplicationBootstrap(): void {
    void this.update();
    this.timer = setInterval(() => void this.update(), INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async update(): Promise<void> {
    for (const query of this.queries) {
      try {
        const [row] = await this.dataSource.query<{ open: string | number; overdue: string | number }[]>(query.sql, [chinaToday()]);
        const labels = { service: this.identity.name, kind: query.kind };
        this.metrics.deadlinesOpen.set(labels, Number(row?.open ?? 0));
        this.metrics.deadlinesOverdue.set(labels, Number(row?.overdue ?? 0));
      } catch (error) {
        this.log.debug({ err: error, kind: query.kind }, 'deadline gauge not updated');
      }
    }
  }
}

function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Providers for a service module: `...deadlineGauge([{ kind, sql }])`. */
export function deadlineGauge(queries: DeadlineQuery[]): Provider[] {
  return [{ provide: DEADLINE_QUERIES, useValue: queries }, DeadlineGauge];
}
