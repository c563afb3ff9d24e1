import { PlatformApi } from './api/platform-api.service';
import { RestController } from './api/rest.controller';
import { OAuthController } from './auth/oauth.controller';
import { ChecksApi } from './checks/checks-api.service';
import { ChecksController } from './checks/checks.controller';
import { ChecksResolver } from './checks/checks.resolver';
import { PlatformResolver } from './graphql/platform.resolver';

/**
 * The public API surface in one place: the gateway module serves it, and the schema / OpenAPI generators build
 * the checked-in `schema.gql` and `openapi.json` from the same lists, so they cannot drift apart.
 */
export const REST_CONTROLLERS = [RestController, ChecksController, OAuthController];
export const GRAPHQL_RESOLVERS = [PlatformResolver, ChecksResolver];
/** The services the controllers and resolvers call (stubbed when only documentation is built). */
export const API_SERVICES = [PlatformApi, ChecksApi];
