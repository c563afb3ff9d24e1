import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { ExchangeQueryQueue } from './pglite-query-queue';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Embedded PostgreSQL for standalone mode: PGlite persisted in `dataDir`, served over the Postgres wire
 * protocol so every service uses the ordinary `pg` driver. Limits that shape the design (ADR 0001):
 * one shared session (queries and transactions are serialised), no cross-connection LISTEN/NOTIFY,
 * SKIP LOCKED blocks — so standalone wakes the outbox relay in-process and never awaits a second
 * connection inside a transaction.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  maxConnections: number;
}): Promise<EmbeddedPostgres> {
  mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: options.maxConnections,
  });
  // pglite-socket's own queue interleaves protocol messages of different connections; see ExchangeQueryQueue.
  (server as unknown as { queryQueue: ExchangeQueryQueue }).queryQueue = new ExchangeQueryQueue(db);
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
