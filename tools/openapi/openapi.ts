// services/gateway/openapi.json: `write` regenerates it, `check` fails when the checked-in file differs.
//   node -r ./tools/register.js tools/openapi/openapi.ts write|check
import 'reflect-metadata';
import { join } from 'node:path';
import { buildOpenApiDocument } from '@credit/service-gateway';
import { writeOrCheck } from '../generated-file';

writeOrCheck(
  join(__dirname, '..', '..', 'services', 'gateway', 'openapi.json'),
  async () => `${JSON.stringify(await buildOpenApiDocument(), null, 2)}\n`,
  'openapi',
  'npm run openapi',
).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
