import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { loadComplianceTable } from "@/lib/projects/compliance";
import { complianceJson } from "@/lib/projects/compliance-export";
import { defineApiRoute } from "../define-api-route";
import { listProjectEvents } from "../project-events";
import { auditEventsQuery, auditEventsResponse, complianceResponse } from "../schemas/project";

/** The project's 2FA compliance and its audit log, read-only. */

export const getCompliance = defineApiRoute({
  method: "GET",
  path: "/projects/{projectId}/compliance",
  summary: "The project's two-factor compliance",
  description: "Every member with their 2FA state, methods (kinds and masked phone hints only), last verification and whether they meet the project's requirement.",
  tags: ["Project"],
  scope: "read",
  responses: { 200: complianceResponse },
  handler: async ({ projectId, now }) => {
    const project = await db.project.findUnique({ where: { id: projectId } });
    if (!project) throw new AppError("not_found");
    return complianceJson(project, await loadComplianceTable(project.id, project, now));
  },
});

export const listAuditEvents = defineApiRoute({
  method: "GET",
  path: "/projects/{projectId}/audit-events",
  summary: "The project's audit events",
  description: "Newest first, one page at a time: pass the answer's nextCursor as ?cursor= for the next page.",
  tags: ["Project"],
  scope: "read",
  query: auditEventsQuery,
  responses: { 200: auditEventsResponse },
  handler: async ({ projectId, query }) => listProjectEvents(projectId, query),
});

/** In the order the reference lists them. */
export const ROUTES = [getCompliance, listAuditEvents];
