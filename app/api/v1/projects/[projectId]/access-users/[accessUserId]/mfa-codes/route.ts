import { addMfaCodeRoute } from "@/lib/api/endpoints/users";

export const POST = addMfaCodeRoute;
