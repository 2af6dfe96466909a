import { checkDoorRoute } from "@/lib/api/endpoints/doors";

export const POST = checkDoorRoute;
