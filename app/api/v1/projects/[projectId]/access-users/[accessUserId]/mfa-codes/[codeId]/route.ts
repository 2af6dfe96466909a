import { removeMfaCodeRoute } from "@/lib/api/endpoints/users";

export const DELETE = removeMfaCodeRoute;
