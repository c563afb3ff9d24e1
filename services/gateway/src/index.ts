// Public surface for the composition root (standalone) and tools; other services must not import it.
export { ClientsService, Scopes } from './auth/clients.service';
export { GATEWAY } from './gateway.definition';
export { GatewayModule, readRateLimit } from './gateway.module';
export { readMtlsConfig } from './auth/mtls';
export { TokenService } from './auth/token.service';
export { withGatewayAdmin } from './admin/clients.admin';
export { printGatewaySchema } from './graphql/schema';
export { buildOpenApiDocument } from './api/openapi';
