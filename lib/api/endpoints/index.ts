import type { ApiRoute } from "../define-api-route";
import { ROUTES as doors } from "./doors";
import { ROUTES as project } from "./project";
import { ROUTES as users } from "./users";

/**
 * Every /api/v1 route, in the order the reference lists them. A route file under app/api/v1
 * exports one of these (lib/api/openapi.test.ts checks both ways).
 */
export const API_ROUTES: ApiRoute[] = [...users, ...doors, ...project];
