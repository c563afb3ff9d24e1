import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows a burst, then refuses with the seconds to wait, then refills at the rate', () => {
    const limiter = new RateLimiter(2, 3);
    const t0 = 1_000_000;
    expect([limiter.take('a', t0), limiter.take('a', t0), limiter.take('a', t0)]).toEqual([0, 0, 0]);
    expect(limiter.take('a', t0)).toBe(1);
    expect(limiter.take('b', t0)).toBe(0); // buckets are per client
    expect(limiter.take('a', t0 + 500)).toBe(0); // 0.5 s × 2/s = one token back
    expect(limiter.take('a', t0 + 500)).toBeGreaterThan(0);
  });

  it('keeps memory bounded under many keys (e.g. IP addresses) without forgetting a bucket still in use', () => {
    const limiter = new RateLimiter(1, 2, 100);
    const t0 = 1_000_000;
    limiter.take('busy', t0);
    limiter.take('busy', t0); // empty bucket: must be remembered
    for (let i = 0; i < 150; i += 1) limiter.take(`ip-${i}`, t0 - 10_000 + i); // old, refilled by t0 + 1 s
    limiter.take('late', t0 + 1000);
    expect(limiter.size).toBeLessThanOrEqual(101);
    expect(limiter.take('busy', t0 + 1000)).toBe(0); // one token back after 1 s, not a fresh bucket of 2
    expect(limiter.take('busy', t0 + 1000)).toBe(1);
  });
});
