import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { ClientsModule, Transport } from '@nestjs/microservices';
import { PROTO_PACKAGE, ProtoFiles } from '@credit/contracts';
import { AppError, errorBody, grpcPackageDefinition, normalizeError, ServiceCoreModule, type EnvReader, type ServiceDeps } from '@credit/runtime';
import type { FastifyRequest } from 'fastify';
import type { GraphQLError } from 'graphql';
import { AdminService } from './admin/admin.service';
import { AuditService } from './audit/audit.service';
import { grpcAuditInterceptor } from './audit/grpc-audit';
import { AuthGuard, RATE_LIMITER } from './auth/auth.guard';
import { RateLimiter } from './auth/rate-limiter';
import { ClientsService } from './auth/clients.service';
import { TokenService } from './auth/token.service';
import { MTLS_CONFIG, mtlsConfigFromEnvironment, type MtlsConfig } from './auth/mtls';
import { Backends, CREDIT_CHECK_CLIENT, CREDIT_REPAIR_CLIENT, JOINT_REWARD_PUNISHMENT_CLIENT, OBJECTION_CLIENT, RECORD_COLLECTION_CLIENT } from './api/backends';
import { apiValidationPipe } from './api/errors';
import { serveApiDocs } from './api/openapi';
import { API_SERVICES, GRAPHQL_RESOLVERS, REST_CONTROLLERS } from './api-surface';
import { GATEWAY } from './gateway.definition';
import { queryCostRule } from './graphql/query-cost.rule';
import { IdempotencyHooks } from './idempotency/idempotency.hooks';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';

export interface GatewayOptions {
  /** Per-client request rate (per gateway process) and burst. */
  rateLimit: { perSecond: number; burst: number };
  /** host:port of record-collection's gRPC server. */
  recordCollectionGrpc: string;
  /** host:port of credit-check's gRPC server. */
  creditCheckGrpc: string;
  /** host:port of joint-reward-punishment's gRPC server. */
  jointRewardPunishmentGrpc: string;
  /** host:port of credit-repair's gRPC server. */
  creditRepairGrpc: string;
  /** host:port of objection's gRPC server. */
  objectionGrpc: string;
  /** mTLS client identity (MTLS_CLIENT_CERT_HEADER); read from the process environment when not given. */
  mtls?: MtlsConfig;
}

/** RATE_LIMIT_PER_SECOND (default 500) and RATE_LIMIT_BURST (default 1000), per client and gateway process. */
export function readRateLimit(env: EnvReader): GatewayOptions['rateLimit'] {
  return {
    perSecond: env.int('RATE_LIMIT_PER_SECOND', 500, { min: 1, max: 1_000_000 }),
    burst: env.int('RATE_LIMIT_BURST', 1000, { min: 1, max: 1_000_000 }),
  };
}

const grpcClient = (name: string, protoFile: string, url: string) => ({
  name,
  transport: Transport.GRPC as const,
  options: {
    package: PROTO_PACKAGE,
    packageDefinition: grpcPackageDefinition(protoFile),
    url,
    // Gathered checks and batches of 500 with their profiles exceed gRPC's default 4 MiB.
    maxReceiveMessageLength: 64 * 1024 * 1024,
    channelOptions: { interceptors: [grpcAuditInterceptor] },
  },
});

/** The edge for departmental systems: REST (/api/v1) and GraphQL (/graphql); services reached by gRPC only. */
@Module({})
export class GatewayModule {
  /** HTTP-level wiring that must precede route registration: the request audit and REST idempotency hooks. */
  static configureHttp(app: INestApplication): void {
    app.get(AuditService).attach(app.getHttpAdapter().getInstance());
    app.get(IdempotencyHooks).attach(app.getHttpAdapter().getInstance());
    serveApiDocs(app);
  }

  static forRoot(deps: ServiceDeps, options: GatewayOptions): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ServiceCoreModule.forRoot(GATEWAY, deps),
        ClientsModule.register([
          grpcClient(RECORD_COLLECTION_CLIENT, ProtoFiles.recordCollection, options.recordCollectionGrpc),
          grpcClient(CREDIT_CHECK_CLIENT, ProtoFiles.creditCheck, options.creditCheckGrpc),
          grpcClient(OBJECTION_CLIENT, ProtoFiles.objection, options.objectionGrpc),
          grpcClient(CREDIT_REPAIR_CLIENT, ProtoFiles.creditRepair, options.creditRepairGrpc),
          grpcClient(JOINT_REWARD_PUNISHMENT_CLIENT, ProtoFiles.jointRewardPunishment, options.jointRewardPunishmentGrpc),
        ]),
        GraphQLModule.forRoot<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          autoSchemaFile: true,
          sortSchema: true,
          graphiql: true,
          // Deep queries are refused before execution; page sizes are capped where lists are paginated.
          queryDepth: 8,
          validationRules: [queryCostRule],
          context: (request: FastifyRequest, reply: unknown) => ({ req: request, reply }),
          errorFormatter: (execution, context) => {
            const requestId = String((context as { reply?: { request?: { id?: string } } }).reply?.request?.id ?? '');
            // mercurius wraps query validation failures (syntax, unknown fields, depth) in one error holding them all
            const flat = (execution.errors ?? []).flatMap((e) => {
              const wrapper = e.originalError as { code?: string; errors?: GraphQLError[] } | undefined;
              return wrapper?.code === 'MER_ERR_GQL_VALIDATION' && Array.isArray(wrapper.errors) ? wrapper.errors : [e];
            });
            const errors = flat.map((e) => {
              const original = e.originalError as (Error & { statusCode?: number }) | undefined;
              // Query errors (syntax, unknown fields, depth) are the client's: say what is wrong.
              const queryError = !original || (!(original instanceof AppError) && (original.statusCode ?? 500) < 500);
              const extensions = queryError
                ? { code: 'GRAPHQL_VALIDATION', message: { zh: `GraphQL 查询无效：${e.message}`, en: e.message }, requestId }
                : errorBody(normalizeError(original, deps.log), requestId).error;
              return { message: extensions.message.en, locations: e.locations, path: e.path, extensions };
            });
            return { statusCode: 200, response: { data: execution.data ?? null, errors } };
          },
        }),
      ],
      controllers: REST_CONTROLLERS,
      providers: [
        ClientsService,
        TokenService,
        AdminService,
        { provide: MTLS_CONFIG, useValue: options.mtls ?? mtlsConfigFromEnvironment() },
        AuditService,
        IdempotencyStore,
        IdempotencyHooks,
        IdempotencyInterceptor,
        { provide: RATE_LIMITER, useValue: new RateLimiter(options.rateLimit.perSecond, options.rateLimit.burst) },
        Backends,
        ...API_SERVICES,
        ...GRAPHQL_RESOLVERS,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useValue: apiValidationPipe },
      ],
      exports: [ClientsService, TokenService],
    };
  }
}
