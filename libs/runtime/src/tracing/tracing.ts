import { ConfigError, EnvReader } from '../config/env';
import type { Tracing } from './otel-sdk';

export type { Tracing, TracingOptions } from './otel-sdk';

/**
 * Starts tracing when the environment asks for it: OTEL_EXPORTER_OTLP_ENDPOINT (or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) set and OTEL_SDK_DISABLED not true. Otherwise returns null, and the SDK
 * is not even loaded. OTEL_TRACES_SAMPLER_ARG (0–1) samples new traces.
 */
export async function startTracingFromEnv(serviceName: string, source: Record<string, string | undefined> = process.env): Promise<Tracing | null> {
  const env = new EnvReader(source);
  const endpoint =
    env.url('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', ['http', 'https']) ?? env.url('OTEL_EXPORTER_OTLP_ENDPOINT', ['http', 'https']);
  const disabled = env.bool('OTEL_SDK_DISABLED', false);
  const ratioRaw = env.optional('OTEL_TRACES_SAMPLER_ARG');
  const ratio = ratioRaw === undefined ? 1 : Number(ratioRaw);
  env.done();
  if (!(ratio >= 0 && ratio <= 1)) throw new ConfigError([`OTEL_TRACES_SAMPLER_ARG: expected a number from 0 to 1, got ${JSON.stringify(ratioRaw)}`]);
  if (!endpoint || disabled) return null;
  // Loaded only now: without an endpoint the SDK is not even required.
  const { startTracing } = await import('./otel-sdk');
  return startTracing({ serviceName, sampleRatio: ratio });
}
