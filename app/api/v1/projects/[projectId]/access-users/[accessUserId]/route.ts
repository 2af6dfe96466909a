import { deleteAccessUserRoute, getAccessUserRoute, updateAccessUserRoute } from "@/lib/api/endpoints/users";

export const GET = getAccessUserRoute;
export const PATCH = updateAccessUserRoute;
export const DELETE = deleteAccessUserRoute;
