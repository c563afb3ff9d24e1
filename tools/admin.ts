// Administration CLI (gateway clients). Uses DATABASE_URL; applies the gateway's migrations first.
//   npm run admin -- create-client --department 430923-SCJGJ --department-name 安化县市场监督管理局 --name "case system" --scopes records:write,checks:perform
//   npm run admin -- revoke-client --client-id client-abc
//   npm run admin -- rotate-signing-key
import { withGatewayAdmin } from '@credit/service-gateway';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const command = process.argv[2];
  if (command === 'create-client') {
    const department = arg('department');
    if (!department) throw new Error('--department is required');
    const issued = await withGatewayAdmin(url, ({ clients }) =>
      clients.createClient({
        departmentId: department,
        departmentName: arg('department-name') ?? department,
        name: arg('name') ?? 'api client',
        scopes: (arg('scopes') ?? 'records:write,checks:perform').split(',').map((s) => s.trim()).filter(Boolean),
        clientId: arg('client-id'),
      }),
    );
    process.stdout.write(`${JSON.stringify(issued)}\n`);
    return;
  }
  if (command === 'revoke-client') {
    const clientId = arg('client-id');
    if (!clientId) throw new Error('--client-id is required');
    const revoked = await withGatewayAdmin(url, ({ clients }) => clients.revokeClient(clientId));
    process.stdout.write(revoked ? `revoked ${clientId}\n` : `no active client ${clientId}\n`);
    return;
  }
  if (command === 'rotate-signing-key') {
    const kid = await withGatewayAdmin(url, ({ tokens }) => tokens.rotate());
    process.stdout.write(`new signing key ${kid}; tokens signed by the previous key stay valid until they expire\n`);
    return;
  }
  throw new Error('usage: admin create-client --department ID [--department-name N] [--name N] [--scopes a,b] | revoke-client --client-id ID | rotate-signing-key');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
