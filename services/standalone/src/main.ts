import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { ProtoFiles } from '@credit/contracts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@credit/database';
import { createEventBus, createLogger, EnvReader, readRuntimeConfig, runMain, startService, type ServiceDeps } from '@credit/runtime';
import { CreditCheckModule } from '@credit/service-credit-check';
import { CreditRepairModule } from '@credit/service-credit-repair';
import { ClientsService, GatewayModule, readMtlsConfig, readRateLimit, Scopes, TokenService } from '@credit/service-gateway';
import { JointRewardPunishmentModule } from '@credit/service-joint-reward-punishment';
import { ObjectionModule } from '@credit/service-objection';
import { ProvincialExchangeModule, readExchangeSettings } from '@credit/service-provincial-exchange';
import { RecordCollectionModule } from '@credit/service-record-collection';

/** Every service in one process on embedded defaults: `npm start`. */
export async function startStandalone(source: Record<string, string | undefined> = process.env) {
  const env = new EnvReader(source);
  const config = readRuntimeConfig(env);
  const dataDir = resolve(env.string('DATA_DIR', '.data'));
  const host = env.string('HOST', '127.0.0.1');
  const port = env.int('PORT', 3000, { min: 0, max: 65535 });
  const rateLimit = readRateLimit(env);
  const mtls = readMtlsConfig(env);
  env.done();

  const log = createLogger({ level: config.logLevel, service: 'standalone' });
  mkdirSync(dataDir, { recursive: true });
  let embedded: EmbeddedPostgres | null = null;
  if (!config.databaseUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg'), maxConnections: 40 });
    log.info({ dataDir }, 'embedded PostgreSQL started');
  }
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  const bus = await createEventBus(config, { clientId: 'standalone', databaseUrl, log });
  const deps = (service: string): ServiceDeps => ({
    config,
    databaseUrl,
    embeddedDatabase: embedded !== null,
    bus,
    log: createLogger({ level: config.logLevel, service }),
    poolSize: embedded ? 3 : 5,
  });

  // Internal HTTP (health, metrics) on any free loopback port; gRPC on loopback for the gateway.
  const apps: INestApplication[] = [];
  const start = async (
    name: string,
    module: (d: ServiceDeps) => DynamicModule,
    http = { host: '127.0.0.1', port: 0 },
    grpc?: { port: number; protoFile: string },
    configureHttp?: (app: INestApplication) => void,
  ) => {
    const d = deps(name);
    const app = await startService({ serviceName: name, module: module(d), deps: d, http, grpc: grpc && { host: '127.0.0.1', ...grpc }, configureHttp });
    apps.push(app);
    return app;
  };
  const grpc = {
    recordCollection: await freePort(),
    creditCheck: await freePort(),
    jointRewardPunishment: await freePort(),
    creditRepair: await freePort(),
    objection: await freePort(),
  };
  const services = {
    'record-collection': await start('record-collection', (d) => RecordCollectionModule.forRoot(d), undefined, { port: grpc.recordCollection, protoFile: ProtoFiles.recordCollection }),
    'credit-check': await start('credit-check', (d) => CreditCheckModule.forRoot(d), undefined, { port: grpc.creditCheck, protoFile: ProtoFiles.creditCheck }),
    'joint-reward-punishment': await start('joint-reward-punishment', (d) => JointRewardPunishmentModule.forRoot(d), undefined, {
      port: grpc.jointRewardPunishment,
      protoFile: ProtoFiles.jointRewardPunishment,
    }),
    'credit-repair': await start('credit-repair', (d) => CreditRepairModule.forRoot(d), undefined, { port: grpc.creditRepair, protoFile: ProtoFiles.creditRepair }),
    objection: await start('objection', (d) => ObjectionModule.forRoot(d), undefined, { port: grpc.objection, protoFile: ProtoFiles.objection }),
  };
  const at = (port: number) => `127.0.0.1:${port}`;
  const gateway = await start(
    'gateway',
    (d) =>
      GatewayModule.forRoot(d, {
        recordCollectionGrpc: at(grpc.recordCollection),
        creditCheckGrpc: at(grpc.creditCheck),
        jointRewardPunishmentGrpc: at(grpc.jointRewardPunishment),
        creditRepairGrpc: at(grpc.creditRepair),
        objectionGrpc: at(grpc.objection),
        rateLimit,
        mtls,
      }),
    { host, port },
    undefined,
    (app) => GatewayModule.configureHttp(app),
  );

  // The provincial exchange connector runs only when a province is configured (docs/PROVINCIAL-EXCHANGE.md).
  if (source.PROVINCE_EXCHANGE_URL) {
    const exchangeEnv = new EnvReader(source);
    const settings = { ...readExchangeSettings(exchangeEnv), recordCollectionGrpc: at(grpc.recordCollection) };
    exchangeEnv.done();
    await start('provincial-exchange', (d) => ProvincialExchangeModule.forRoot(d, { settings }));
  }

  const demo = await demoCredentials(gateway.get(ClientsService), dataDir);
  const demoToken = (await gateway.get(TokenService).issue(demo.clientId, demo.clientSecret)).access_token;
  const address = gateway.getHttpServer().address() as { port: number };
  const baseUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;

  // Every app closes (consumers drain, outboxes flush) even if one of them fails to; then the bus and the database.
  const stop = async () => {
    const failures: unknown[] = [];
    for (const app of apps.reverse()) await app.close().catch((error: unknown) => failures.push(error));
    await bus.close().catch((error: unknown) => failures.push(error));
    await embedded?.stop();
    if (failures.length > 0) throw failures[0];
  };
  // `services` gives tests and tools the running service apps (e.g. to run a daily sweep for a given day).
  return { baseUrl, demo, demoToken, stop, log, services: { ...services, gateway } };
}

/** The demo department's client, created on first start and kept in the data directory (never committed). */
async function demoCredentials(clients: ClientsService, dataDir: string): Promise<{ clientId: string; clientSecret: string }> {
  const file = join(dataDir, 'demo-credentials.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { clientId: string; clientSecret?: string };
    if (saved.clientSecret && (await clients.findClient(saved.clientId))) return { clientId: saved.clientId, clientSecret: saved.clientSecret };
  }
  const issued = await clients.createClient({
    clientId: `demo-${Date.now().toString(36)}`,
    departmentId: 'DEMO-SCJGJ',
    departmentName: '演示：市场监督管理局 (demo market regulation bureau)',
    name: 'demo client',
    // Everything a department does (not the credit office's admin scope), so the demo can try every flow.
    scopes: [
      Scopes.recordsWrite,
      Scopes.checksPerform,
      Scopes.checksRead,
      Scopes.listsRead,
      Scopes.listsWrite,
      Scopes.objectionsFile,
      Scopes.objectionsDecide,
      Scopes.repairsApply,
      Scopes.repairsDecide,
      Scopes.commitmentsWrite,
      Scopes.commitmentsRead,
    ],
  });
  writeFileSync(file, JSON.stringify(issued, null, 2), { mode: 0o600 });
  return issued;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

if (require.main === module) {
  runMain(async () => {
    const started = Date.now();
    const platform = await startStandalone();
    const { baseUrl, demo, demoToken } = platform;
    process.stdout.write(
      [
        '',
        `公共信用信息平台 / public credit information platform — standalone, ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        `  GraphQL   ${baseUrl}/graphql   (GraphiQL: ${baseUrl}/graphiql)`,
        `  REST      ${baseUrl}/api/v1    (docs: ${baseUrl}/api/docs)`,
        `            records, records/batch, checks, checks/batch, lists, objections, repairs, reports, public/…`,
        `  health    ${baseUrl}/health/ready   metrics ${baseUrl}/metrics`,
        `  OAuth2    ${baseUrl}/oauth/token  (client credentials; keys at /.well-known/jwks.json)`,
        `  demo department DEMO-SCJGJ: client_id ${demo.clientId}  client_secret ${demo.clientSecret}`,
        `  token for the next 15 minutes:`,
        `  Authorization: Bearer ${demoToken}`,
        '',
      ].join('\n'),
    );
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await platform.stop();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
  });
}
