// services/gateway/schema.gql: `write` regenerates it, `check` fails when the checked-in file differs.
//   node -r ./tools/register.js tools/graphql/schema.ts write|check
import 'reflect-metadata';
import { join } from 'node:path';
import { printGatewaySchema } from '@credit/service-gateway';
import { writeOrCheck } from '../generated-file';

writeOrCheck(join(__dirname, '..', '..', 'services', 'gateway', 'schema.gql'), printGatewaySchema, 'graphql', 'npm run graphql:schema').catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
