import type { ApiRoute } from "../define-api-route";
import * as doors from "./doors";
import * as project from "./project";
import * as users from "./users";

/**
 * Every /api/v1 route, in the order the reference lists them. A route file under app/api/v1
 * exports one of these (lib/api/openapi.test.ts checks both ways).
 */
export const API_ROUTES: ApiRoute[] = [...Object.values(users), ...Object.values(doors), ...Object.values(project)];
