import { DataSource } from 'typeorm';
import { ensureSchema, migrateUnderLock, serviceDataSourceOptions } from '@credit/database';
import { MESSAGING_ENTITIES } from '@credit/runtime';
import { ClientsService } from '../auth/clients.service';
import { AdminService } from './admin.service';
import { TokenService } from '../auth/token.service';
import { GATEWAY } from '../gateway.definition';

/** Runs admin work on the gateway's schema (migrations applied first) without booting the gateway. */
export async function withGatewayAdmin<T>(url: string, work: (admin: { clients: ClientsService; tokens: TokenService; admin: AdminService }) => Promise<T>): Promise<T> {
  await ensureSchema(url, GATEWAY.schema);
  const ds = await new DataSource(
    serviceDataSourceOptions({ url, schema: GATEWAY.schema, entities: [...GATEWAY.entities, ...MESSAGING_ENTITIES], migrations: GATEWAY.migrations, poolSize: 2 }),
  ).initialize();
  try {
    await migrateUnderLock(ds, GATEWAY.schema);
    const clients = new ClientsService(ds);
    const tokens = new TokenService(ds, clients);
    return await work({ clients, tokens, admin: new AdminService(ds, clients, tokens) });
  } finally {
    await ds.destroy();
  }
}
