// services/gateway/schema.gql: `write` regenerates it, `check` fails when the checked-in file differs.
//   node -r ./tools/register.js tools/graphql/schema.ts write|check
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printGatewaySchema } from '@credit/service-gateway';

const FILE = join(__dirname, '..', '..', 'services', 'gateway', 'schema.gql');

async function main(): Promise<void> {
  const sdl = await printGatewaySchema();
  if (process.argv[2] === 'write') {
    writeFileSync(FILE, sdl);
    console.log(`wrote ${FILE}`);
    return;
  }
  let current = '';
  try {
    current = readFileSync(FILE, 'utf8');
  } catch {
    // missing counts as drift
  }
  if (current !== sdl) {
    console.error("graphql drift: services/gateway/schema.gql differs from the resolvers; run 'npm run graphql:schema' and commit it");
    process.exit(1);
  }
  console.log('graphql: schema.gql is up to date');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
