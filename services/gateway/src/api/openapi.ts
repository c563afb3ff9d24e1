import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { API_SERVICES, REST_CONTROLLERS } from '../api-surface';
import { TokenService } from '../auth/token.service';
import { ErrorBodyDoc } from './error-body.doc';

function documentConfig() {
  return new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('公共信用信息平台 API / Public credit information platform API')
    .setDescription(
      '部门业务系统接入接口：归集信用信息、逢办必查。先用 OAuth2 客户端凭证换取访问令牌。\n\n' +
        'For departmental business systems: submit credit records, check subjects. Obtain an access token with OAuth2 client credentials at `/oauth/token`, then send `Authorization: Bearer <token>`. Mutations accept an `Idempotency-Key` header.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'ES256 access token from /oauth/token (15 minutes)' }, 'bearer')
    .build();
}

@Module({
  controllers: REST_CONTROLLERS,
  providers: [...API_SERVICES.map((service) => ({ provide: service, useValue: {} })), { provide: TokenService, useValue: {} }],
})
class ApiDocsModule {}

/** The OpenAPI document of the REST API, built from the controllers alone (no database, no services). */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(ApiDocsModule, new FastifyAdapter(), { logger: false });
  try {
    return SwaggerModule.createDocument(app, documentConfig(), { extraModels: [ErrorBodyDoc] });
  } finally {
    await app.close();
  }
}

/** Serves the browsable documentation at /api/docs (JSON at /api/docs/openapi.json). */
export function serveApiDocs(app: INestApplication): void {
  const document = SwaggerModule.createDocument(app, documentConfig(), { extraModels: [ErrorBodyDoc] });
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json', yamlDocumentUrl: 'api/docs/openapi.yaml' });
}
