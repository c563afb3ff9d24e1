/** Exponential backoff with full jitter, capped. `attempt` starts at 1. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** A sleep that a `wake()` (or stop) cuts short. */
export class Waker {
  private pending: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private woken = false;

  wait(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.pending = resolve;
      this.timer = setTimeout(() => this.release(), ms);
    });
  }

  wake(): void {
    if (this.pending) this.release();
    else this.woken = true;
  }

  private release(): void {
    if (this.timer) clearTimeout(this.timer);
    const resolve = this.pending;
    this.pending = null;
    this.timer = null;
    this.woken = false;
    resolve?.();
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
