// Applies every service's migrations (or the named ones) and exits: the cluster's migration Job.
//   DATABASE_URL=postgres://… node -r ./tools/register.js tools/migrate.ts [service …]
// DATABASE_URL_<SERVICE> (e.g. DATABASE_URL_CREDIT_CHECK) overrides DATABASE_URL per service, for its own role.
import { runServiceMigrations, serviceDataSourceOptions } from '@credit/database';
import { MESSAGING_ENTITIES } from '@credit/runtime';
import { SERVICES } from './migrations/services';

async function main(): Promise<void> {
  const requested = process.argv.slice(2);
  const unknown = requested.filter((n) => !SERVICES[n]);
  if (unknown.length) throw new Error(`unknown service(s) ${unknown.join(', ')}; known: ${Object.keys(SERVICES).join(', ')}`);
  for (const name of requested.length ? requested : Object.keys(SERVICES)) {
    const variable = `DATABASE_URL_${name.toUpperCase().replace(/-/g, '_')}`;
    const url = process.env[variable] ?? process.env.DATABASE_URL;
    if (!url) throw new Error(`${variable} or DATABASE_URL is required`);
    const definition = await SERVICES[name].definition();
    const applied = await runServiceMigrations(
      serviceDataSourceOptions({
        url,
        schema: definition.schema,
        entities: [...definition.entities, ...MESSAGING_ENTITIES],
        migrations: definition.migrations,
        applicationName: `migrate:${name}`,
      }) as never,
    );
    process.stdout.write(`${JSON.stringify({ service: name, schema: definition.schema, applied })}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
