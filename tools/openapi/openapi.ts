// services/gateway/openapi.json: `write` regenerates it, `check` fails when the checked-in file differs.
//   node -r ./tools/register.js tools/openapi/openapi.ts write|check
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from '@credit/service-gateway';

const FILE = join(__dirname, '..', '..', 'services', 'gateway', 'openapi.json');

async function main(): Promise<void> {
  const text = `${JSON.stringify(await buildOpenApiDocument(), null, 2)}\n`;
  if (process.argv[2] === 'write') {
    writeFileSync(FILE, text);
    console.log(`wrote ${FILE}`);
    return;
  }
  let current = '';
  try {
    current = readFileSync(FILE, 'utf8');
  } catch {
    // missing counts as drift
  }
  if (current !== text) {
    console.error("openapi drift: services/gateway/openapi.json differs from the controllers; run 'npm run openapi' and commit it");
    process.exit(1);
  }
  console.log('openapi: openapi.json is up to date');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
