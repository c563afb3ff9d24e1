// Administration CLI of the gateway (the same AdminService as the admin HTTP API; every change is audited in
// gateway.admin_audit as cli:<user>@<host>). Uses DATABASE_URL; applies the gateway's migrations first.
//   npm run admin -- create-department --code 430923-SCJGJ --name 安化县市场监督管理局
//   npm run admin -- update-department --code 430923-SCJGJ [--name …] [--status ACTIVE|SUSPENDED]
//   npm run admin -- list-departments
//   npm run admin -- create-client --department 430923-SCJGJ --name "case system" --scopes records:write,checks:perform
//                      [--client-id ID] [--certificate-sha256 HEX] [--department-name N: creates the department if unknown]
//   npm run admin -- list-clients [--department CODE] [--include-revoked]
//   npm run admin -- revoke-client --client-id client-abc
//   npm run admin -- rotate-secret --client-id client-abc
//   npm run admin -- bind-certificate --client-id client-abc --certificate-sha256 <64 hex | none>
//   npm run admin -- rotate-signing-key
//   npm run admin -- audit [--limit 50] [--target client:abc]
import { hostname, userInfo } from 'node:os';
import { withGatewayAdmin } from '@credit/service-gateway';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function required(name: string): string {
  const value = arg(name);
  if (!value) throw new Error(`--${name} is required`);
  return value;
}

function operator(): { actor: string; departmentId: null } {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (containers)
  }
  return { actor: `cli:${user}@${hostname()}`, departmentId: null };
}

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

const USAGE = `usage: admin <command>
  create-department --code C --name N          update-department --code C [--name N] [--status ACTIVE|SUSPENDED]
  list-departments                             create-client --department C [--name N] [--scopes a,b] [--client-id ID] [--certificate-sha256 HEX] [--department-name N]
  list-clients [--department C] [--include-revoked]
  revoke-client --client-id ID                 rotate-secret --client-id ID
  bind-certificate --client-id ID --certificate-sha256 <HEX|none>
  rotate-signing-key                           audit [--limit N] [--target T]`;

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const command = process.argv[2];
  const actor = operator();
  await withGatewayAdmin(url, async ({ admin }) => {
    switch (command) {
      case 'create-department':
        print(await admin.createDepartment(actor, { code: required('code'), name: required('name') }));
        return;
      case 'update-department':
        print(await admin.updateDepartment(actor, required('code'), { name: arg('name'), status: arg('status') }));
        return;
      case 'list-departments':
        print(await admin.listDepartments());
        return;
      case 'create-client': {
        const department = required('department');
        const departmentName = arg('department-name');
        // Compatibility: --department-name creates the department when it is not known yet.
        if (departmentName && !(await admin.listDepartments()).some((d) => d.code === department)) {
          await admin.createDepartment(actor, { code: department, name: departmentName });
        }
        const { credentials } = await admin.createClient(actor, {
          departmentCode: department,
          name: arg('name') ?? 'api client',
          scopes: (arg('scopes') ?? 'records:write,checks:perform').split(',').map((s) => s.trim()).filter(Boolean),
          clientId: arg('client-id'),
          certificateSha256: arg('certificate-sha256'),
        });
        process.stdout.write(`${JSON.stringify(credentials)}\n`); // the secret is shown this once
        return;
      }
      case 'list-clients':
        print(await admin.listClients({ departmentCode: arg('department'), includeRevoked: process.argv.includes('--include-revoked') }));
        return;
      case 'revoke-client': {
        const clientId = required('client-id');
        const { changed } = await admin.revokeClient(actor, clientId);
        process.stdout.write(changed ? `revoked ${clientId}\n` : `${clientId} was already revoked\n`);
        return;
      }
      case 'rotate-secret': {
        const { credentials } = await admin.rotateSecret(actor, required('client-id'));
        process.stdout.write(`${JSON.stringify(credentials)}\n`); // the new secret is shown this once; the old one no longer works
        return;
      }
      case 'bind-certificate': {
        const fingerprint = required('certificate-sha256');
        print(await admin.bindCertificate(actor, required('client-id'), fingerprint === 'none' ? null : fingerprint));
        return;
      }
      case 'rotate-signing-key': {
        const { kid } = await admin.rotateSigningKey(actor);
        process.stdout.write(`new signing key ${kid}; tokens signed by the previous key stay valid until they expire\n`);
        return;
      }
      case 'audit':
        print(await admin.auditLog({ limit: arg('limit') ? Number(arg('limit')) : undefined, target: arg('target') }));
        return;
      default:
        throw new Error(USAGE);
    }
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const detail = (error as { errors?: { code: string; field?: string; message: { en: string } }[] }).errors;
    process.stderr.write(
      detail ? `${detail.map((e) => `${e.code}${e.field ? ` (${e.field})` : ''}: ${e.message.en}`).join('\n')}\n` : `${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
