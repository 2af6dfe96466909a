import { listAuditEvents } from "@/lib/api/endpoints/project";

export const GET = listAuditEvents;
