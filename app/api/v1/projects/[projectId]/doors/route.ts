import { createDoorRoute, listDoorsRoute } from "@/lib/api/endpoints/doors";

export const GET = listDoorsRoute;
export const POST = createDoorRoute;
