import { Counter, Gauge, Histogram, register, collectDefaultMetrics } from 'prom-client';

let defaultsCollected = false;

/**
 * Process-wide Prometheus metrics. In standalone mode all services share the process, so every metric
 * carries a `service` label.
 */
export class PlatformMetrics {
  static readonly registry = register;

  readonly httpDuration = PlatformMetrics.histogram('credit_http_request_duration_seconds', 'HTTP request latency', ['service', 'method', 'route', 'status']);
  readonly grpcDuration = PlatformMetrics.histogram('credit_grpc_request_duration_seconds', 'gRPC handler latency', ['service', 'method', 'code']);
  readonly eventsConsumed = PlatformMetrics.counter('credit_events_consumed_total', 'Events handled by consumers, by outcome', ['service', 'consumer', 'type', 'outcome']);
  readonly eventsPublished = PlatformMetrics.counter('credit_events_published_total', 'Events published by the outbox relay', ['service']);
  readonly outboxPending = PlatformMetrics.gauge('credit_outbox_pending', 'Events waiting in the outbox (counted up to 100,000)', ['service']);
  readonly consumerLag = PlatformMetrics.gauge('credit_consumer_lag', 'Events on a topic not yet processed by a consumer group (in-process bus: counted up to 20,000)', ['service', 'consumer', 'topic']);
  readonly checks = PlatformMetrics.counter('credit_checks_total', 'Checks answered (逢办必查), by verdict and matter type', ['verdict', 'matter_type']);
  readonly checkLogGroupSize = PlatformMetrics.histogram('credit_check_log_group_size', 'Check-log rows written per group commit', [], [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000]);
  readonly deadlinesOpen = PlatformMetrics.gauge('credit_deadlines_open', 'Open cases with a legal deadline, by kind', ['service', 'kind']);
  readonly deadlinesOverdue = PlatformMetrics.gauge('credit_deadlines_overdue', 'Open cases past their legal deadline, by kind', ['service', 'kind']);
  readonly outboxOldestAge = PlatformMetrics.gauge('credit_outbox_oldest_age_seconds', 'Age of the oldest unpublished event', ['service']);

  constructor() {
    if (!defaultsCollected) {
      collectDefaultMetrics({ register });
      defaultsCollected = true;
    }
  }

  static text(): Promise<string> {
    return register.metrics();
  }

  private static histogram(name: string, help: string, labelNames: string[], buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]): Histogram<string> {
    return (register.getSingleMetric(name) as Histogram<string>) ?? new Histogram({ name, help, labelNames, buckets });
  }

  private static counter(name: string, help: string, labelNames: string[]): Counter<string> {
    return (register.getSingleMetric(name) as Counter<string>) ?? new Counter({ name, help, labelNames });
  }

  private static gauge(name: string, help: string, labelNames: string[]): Gauge<string> {
    return (register.getSingleMetric(name) as Gauge<string>) ?? new Gauge({ name, help, labelNames });
  }
}
