/**
 * Reads configuration from the environment and fails fast with one message listing every problem,
 * e.g. `configuration error: KAFKA_BROKERS: expected host:port[,host:port]`.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`configuration error:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Source = Record<string, string | undefined>;

export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly source: Source = process.env) {}

  string(name: string, fallback?: string): string {
    const value = this.raw(name) ?? fallback;
    if (value === undefined) this.problems.push(`${name}: required`);
    return value ?? '';
  }

  matching(name: string, pattern: RegExp, fallback: string, description: string): string {
    const value = this.raw(name) ?? fallback;
    if (!pattern.test(value)) this.problems.push(`${name}: expected ${description}, got ${JSON.stringify(value)}`);
    return value;
  }

  optional(name: string): string | undefined {
    return this.raw(name);
  }

  int(name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || (range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) {
      this.problems.push(`${name}: expected an integer${range.min !== undefined ? ` ≥ ${range.min}` : ''}${range.max !== undefined ? ` ≤ ${range.max}` : ''}, got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    this.problems.push(`${name}: expected true or false, got ${JSON.stringify(raw)}`);
    return fallback;
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if (!(values as readonly string[]).includes(raw)) {
      this.problems.push(`${name}: expected one of ${values.join(', ')}, got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return raw as T;
  }

  url(name: string, protocols: string[], fallback?: string): string | undefined {
    const raw = this.raw(name) ?? fallback;
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) throw new Error('protocol');
      return raw;
    } catch {
      this.problems.push(`${name}: expected a ${protocols.join('/')} URL`);
      return undefined;
    }
  }

  /** Comma-separated host:port list; empty when unset. */
  hostPorts(name: string): string[] {
    const raw = this.raw(name);
    if (raw === undefined) return [];
    const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
    if (items.length === 0 || items.some((i) => !/^[\w.-]+:\d{1,5}$/.test(i))) {
      this.problems.push(`${name}: expected host:port[,host:port]`);
      return [];
    }
    return items;
  }

  /** Throws the collected problems, if any. Call once after reading everything. */
  done(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }

  private raw(name: string): string | undefined {
    const value = this.source[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }
}
