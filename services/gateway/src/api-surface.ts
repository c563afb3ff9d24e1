import { AdminApi } from './admin-api/admin-api.service';
import { AdminController } from './admin-api/admin.controller';
import { AdminResolver } from './admin-api/admin.resolver';
import { PlatformApi } from './api/platform-api.service';
import { RestController } from './api/rest.controller';
import { OAuthController } from './auth/oauth.controller';
import { ChecksApi } from './checks/checks-api.service';
import { ChecksController } from './checks/checks.controller';
import { ChecksResolver } from './checks/checks.resolver';
import { CommitmentsApi } from './commitments/commitments-api.service';
import { CommitmentsController } from './commitments/commitments.controller';
import { CommitmentsResolver } from './commitments/commitments.resolver';
import { PlatformResolver } from './graphql/platform.resolver';
import { ListsApi } from './lists/lists-api.service';
import { ListsController } from './lists/lists.controller';
import { ListsResolver } from './lists/lists.resolver';
import { ObjectionsApi } from './objections/objections-api.service';
import { ObjectionsController } from './objections/objections.controller';
import { ObjectionsResolver } from './objections/objections.resolver';
import { FeedbackApi } from './feedback/feedback-api.service';
import { FeedbackController } from './feedback/feedback.controller';
import { FeedbackResolver } from './feedback/feedback.resolver';
import { ImportsApi } from './imports/imports-api.service';
import { ImportsController } from './imports/imports.controller';
import { PublicApi, PublicController } from './public/public.controller';
import { RecordsApi } from './records/records-api.service';
import { RecordsController } from './records/records.controller';
import { RecordsResolver } from './records/records.resolver';
import { ReportsApi } from './reports/reports-api.service';
import { ReportsController } from './reports/reports.controller';
import { ReportsResolver } from './reports/reports.resolver';
import { RepairsApi } from './repairs/repairs-api.service';
import { RepairsController } from './repairs/repairs.controller';
import { RepairsResolver } from './repairs/repairs.resolver';

/**
 * The public API surface in one place: the gateway module serves it, and the schema / OpenAPI generators build
 * the checked-in `schema.gql` and `openapi.json` from the same lists, so they cannot drift apart.
 */
export const REST_CONTROLLERS = [RestController, RecordsController, ImportsController, ChecksController, ObjectionsController, RepairsController, ListsController, FeedbackController, ReportsController, CommitmentsController, PublicController, OAuthController, AdminController];
export const GRAPHQL_RESOLVERS = [PlatformResolver, RecordsResolver, ChecksResolver, ObjectionsResolver, RepairsResolver, ListsResolver, FeedbackResolver, ReportsResolver, CommitmentsResolver, AdminResolver];
/** The services the controllers and resolvers call (stubbed when only documentation is built). */
export const API_SERVICES = [PlatformApi, RecordsApi, ImportsApi, ChecksApi, ObjectionsApi, RepairsApi, ListsApi, FeedbackApi, ReportsApi, CommitmentsApi, PublicApi, AdminApi];
