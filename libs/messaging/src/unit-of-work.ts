import type { DataSource, EntityManager } from 'typeorm';
import type { OutgoingEvent } from './cloud-events';
import { insertIntoOutbox } from './outbox/outbox';
import { currentTrace } from './trace-context';

export interface Transaction {
  manager: EntityManager;
  /** Queues an event; it is written to the outbox in this same transaction, or not at all. */
  emit<T>(event: OutgoingEvent<T>): void;
  /** The database takes `COPY … FROM STDIN` (a PostgreSQL server, not the embedded one): bulk writes may use it. */
  copy: boolean;
}

export interface RelaySignal {
  wake(): void;
}

/**
 * The one transaction helper of a service. State changes and the events they cause commit together
 * (transactional outbox); after commit the relay is woken in-process, and, on a real PostgreSQL, other
 * replicas' relays through NOTIFY. Everything inside `work` must use `tx.manager`.
 */
export class UnitOfWork {
  private relay: RelaySignal | null = null;

  constructor(
    private readonly dataSource: DataSource,
    /** CloudEvents `source`, e.g. `/credit/record-collection`. */
    private readonly source: string,
    /** NOTIFY channel for cross-process wake-up; null on the embedded database (NOTIFY does not cross its connections). */
    private readonly notifyChannel: string | null,
    /** COPY for a transaction's many events (a PostgreSQL server; not the embedded database, whose wire server lacks it). */
    private readonly copy = false,
  ) {}

  attachRelay(relay: RelaySignal): void {
    this.relay = relay;
  }

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    let emitted = 0;
    // PostgreSQL's default isolation, READ COMMITTED, without naming it: naming it costs a `SET TRANSACTION`
    // round trip per transaction (one of six in a check-log group).
    const result = await this.dataSource.transaction(async (manager) => {
      const events: OutgoingEvent<unknown>[] = [];
      const traceparent = currentTrace()?.traceparent;
      const value = await work({ manager, copy: this.copy, emit: (event) => void events.push({ traceparent, ...event } as OutgoingEvent<unknown>) });
      await insertIntoOutbox(manager, this.source, events, this.notifyChannel, { copy: this.copy });
      emitted = events.length;
      return value;
    });
    if (emitted > 0) this.relay?.wake();
    return result;
  }
}
