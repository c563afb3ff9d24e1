import type { LoggerService } from '@nestjs/common';
import { currentTrace } from '@credit/messaging';
import pino, { type Logger } from 'pino';

/**
 * 18-character resident ID numbers (GB 11643) inside any logged string. Logs never carry them
 * (seed 000 Art. 12, PIPL): they are masked to the region prefix and the last 4 characters.
 */
const ID_NUMBER = /(?<![0-9A-Za-z])([1-8]\d{5})(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;

export function scrubIdNumbers(text: string): string {
  return text.replace(ID_NUMBER, (match, region: string) => `${region}********${match.slice(-4)}`);
}

/** Fields removed whatever their content. */
export const REDACTED_PATHS = [
  'idNumber',
  '*.idNumber',
  '*.*.idNumber',
  'id_number',
  '*.id_number',
  'req.headers.authorization',
  'req.headers.cookie',
  'clientSecret',
  '*.clientSecret',
  'password',
  '*.password',
];

function scrubDeep(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubIdNumbers(value);
  if (depth > 6 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, depth + 1);
  return out;
}

export function createLogger(options: { level: string; service: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // The trace of the request or event being handled, on every line logged while handling it.
      mixin: () => {
        const trace = currentTrace();
        return trace ? { traceId: trace.traceId, spanId: trace.spanId } : {};
      },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubDeep(object, 0) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? scrubIdNumbers(a) : a)) as Parameters<typeof method>,
          );
        },
      },
    },
    options.destination,
  );
}

/** Nest's logger interface over pino, so framework messages are JSON and scrubbed too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
