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
});
