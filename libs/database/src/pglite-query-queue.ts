import type { PGlite } from '@electric-sql/pglite';

/** Frontend messages that end an exchange: Sync, simple Query, Terminate. */
const EXCHANGE_END = new Set(['S', 'Q', 'X'].map((c) => c.charCodeAt(0)));

interface Queued {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
}

/**
 * Replacement for pglite-socket's query queue. The original hands PGlite one protocol *message* at a time
 * from any connection, so under concurrency another connection's Parse lands between one connection's
 * Parse and Bind ("unnamed prepared statement does not exist", "portal does not exist"). Here a
 * connection keeps the shared session from its first message until its exchange ends (Sync / Query /
 * Terminate) outside a transaction — inside a transaction until it ends, as before.
 */
export class ExchangeQueryQueue {
  private queue: Queued[] = [];
  private owner: number | null = null;
  private processing = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((q) => {
      if (q.handlerId !== handlerId) return true;
      q.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    await this.process();
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (;;) {
        const index = this.owner === null ? 0 : this.queue.findIndex((q) => q.handlerId === this.owner);
        if (index < 0 || this.queue.length === 0) break;
        const [item] = this.queue.splice(index, 1);
        this.owner = item.handlerId;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          this.owner = null;
          item.reject(error as Error);
          continue;
        }
        const untyped = item.message.length >= 8 && item.message[0] === 0; // start-up messages begin with a length
        if ((untyped || EXCHANGE_END.has(item.message[0])) && !this.db.isInTransaction()) this.owner = null;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }
}
