import { DataSource } from 'typeorm';
import { ensureSchema, serviceDataSourceOptions } from '@credit/database';
import { MESSAGING_ENTITIES } from '@credit/runtime';
import { ClientsService } from '../auth/clients.service';
import { GATEWAY } from '../gateway.definition';

/** Runs admin work on the gateway's schema (migrations applied first) without booting the gateway. */
export async function withGatewayClients<T>(url: string, work: (clients: ClientsService) => Promise<T>): Promise<T> {
  await ensureSchema(url, GATEWAY.schema);
  const ds = await new DataSource(
    serviceDataSourceOptions({ url, schema: GATEWAY.schema, entities: [...GATEWAY.entities, ...MESSAGING_ENTITIES], migrations: GATEWAY.migrations, poolSize: 1 }),
  ).initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    return await work(new ClientsService(ds));
  } finally {
    await ds.destroy();
  }
}
