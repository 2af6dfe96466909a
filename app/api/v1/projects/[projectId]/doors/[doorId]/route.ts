import { deleteDoorRoute, getDoorRoute, updateDoorRoute } from "@/lib/api/endpoints/doors";

export const GET = getDoorRoute;
export const PATCH = updateDoorRoute;
export const DELETE = deleteDoorRoute;
