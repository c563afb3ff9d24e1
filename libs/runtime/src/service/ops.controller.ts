import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { PlatformMetrics } from '../metrics/metrics';
import { SERVICE_DEPS, type ServiceDeps } from './tokens';

/** Liveness, readiness (database and event bus) and Prometheus metrics of a service (operators', not in the API docs). */
@ApiExcludeController()
@Controller()
export class OpsController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly dataSource: DataSource,
    @Inject(SERVICE_DEPS) private readonly deps: ServiceDeps,
  ) {}

  @Get('health/live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      async () => {
        const db = this.indicator.check('database');
        try {
          await this.dataSource.query('SELECT 1');
          return db.up();
        } catch {
          return db.down({ message: 'database unreachable' });
        }
      },
      async () => {
        const bus = this.indicator.check('eventBus');
        return (await this.deps.bus.isHealthy()) ? bus.up({ kind: this.deps.bus.kind }) : bus.down({ kind: this.deps.bus.kind });
      },
    ]);
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metrics(): Promise<string> {
    return PlatformMetrics.text();
  }
}
