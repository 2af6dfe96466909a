import { removeMfaCodeByValueRoute } from "@/lib/api/endpoints/users";

export const POST = removeMfaCodeByValueRoute;
