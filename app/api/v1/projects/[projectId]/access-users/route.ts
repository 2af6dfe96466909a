import { createAccessUserRoute, listAccessUsersRoute } from "@/lib/api/endpoints/users";

export const GET = listAccessUsersRoute;
export const POST = createAccessUserRoute;
