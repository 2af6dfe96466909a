import { getCompliance } from "@/lib/api/endpoints/project";

export const GET = getCompliance;
