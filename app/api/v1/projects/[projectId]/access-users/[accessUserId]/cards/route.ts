import { addCardRoute, listCardsRoute } from "@/lib/api/endpoints/users";

export const GET = listCardsRoute;
export const POST = addCardRoute;
