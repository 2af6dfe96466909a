import { removeCardRoute } from "@/lib/api/endpoints/users";

export const DELETE = removeCardRoute;
