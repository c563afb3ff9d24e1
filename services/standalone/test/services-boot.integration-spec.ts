/**
 * Services not yet filled still boot on their own (cluster mode), own their schema, answer health
 * checks and metrics, and stop gracefully.
 */
import { createTestDatabase, freePort, spawnService, type TestDatabase } from '@credit/testing';

const SERVICES = [
  { name: 'joint-reward-punishment', schema: 'joint_reward_punishment' },
  { name: 'credit-repair', schema: 'credit_repair' },
  { name: 'objection', schema: 'objection' },
];

describe('every service boots on its own', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('services_boot');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it.each(SERVICES)('$name: own schema, /health/ready, /metrics, graceful stop', async ({ name, schema }) => {
    const [port, grpcPort] = [await freePort(), await freePort()];
    // Free ports for both servers: the default gRPC ports may be taken by another test or process on this machine.
    const env = { DATABASE_URL: db.url, HTTP_PORT: String(port), GRPC_PORT: String(grpcPort), HOST: '127.0.0.1' };
    const service = await spawnService(name, `services/${name}/src/main.ts`, env, `http://127.0.0.1:${port}/health/ready`);
    try {
      const ready = (await (await fetch(`http://127.0.0.1:${port}/health/ready`)).json()) as { details: Record<string, { status: string }> };
      expect(ready.details.database.status).toBe('up');
      expect(ready.details.eventBus.status).toBe('up');
      expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toContain('credit_outbox_pending');
      expect(metrics).toContain('process_cpu_user_seconds_total');
      const tables = await db.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', [schema]);
      // its own schema holds its migrations, outbox and inbox (and its own tables), nothing in public
      expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['inbox', 'migrations', 'outbox']));
      const stray = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`);
      expect(stray[0].n).toBe(0);
    } finally {
      expect(await service.stop()).toBe(0);
    }
  }, 90_000);

  it('refuses to start with a bad configuration, naming the problem', async () => {
    await expect(spawnService('objection', 'services/objection/src/main.ts', { DATABASE_URL: 'mysql://nope', HTTP_PORT: '1' }, 'http://127.0.0.1:1/health/ready', 30_000)).rejects.toThrow(
      /DATABASE_URL: expected a postgres\/postgresql URL/,
    );
  });
});
