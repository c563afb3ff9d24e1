import { AppError } from '@credit/runtime';

/**
 * Per-client token bucket (per gateway process): `ratePerSecond` sustained, `burst` at once. A refused
 * call learns when a token will be available (Retry-After). Replicas each hold their own buckets, so the
 * cluster-wide limit is replicas × rate.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    /** Keys kept before idle buckets are dropped (public endpoints key by IP address, an unbounded set). */
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes one token, or refuses the request: RATE_LIMITED (429), telling `retryAfter` the seconds to wait. */
  admit(key: string, retryAfter: (seconds: number) => void): void {
    const wait = this.take(key);
    if (wait === 0) return;
    retryAfter(wait);
    throw AppError.one('RATE_LIMITED', 'RATE_LIMITED', `请求过于频繁，请 ${wait} 秒后重试`, `Too many requests; retry in ${wait} s`);
  }

  /** Takes one token; returns 0 when allowed, else the seconds to wait. */
  take(clientId: string, now = Date.now()): number {
    const bucket = this.buckets.get(clientId) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.ratePerSecond);
    bucket.at = now;
    this.buckets.set(clientId, bucket);
    if (this.buckets.size > this.maxKeys) this.prune(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.ratePerSecond));
  }

  /** Drops buckets that have refilled completely: forgetting them changes no answer. */
  private prune(now: number): void {
    const full = (this.burst / this.ratePerSecond) * 1000;
    for (const [key, bucket] of this.buckets) if (now - bucket.at >= full) this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }
}
