import { z } from "zod";
import { db } from "@/lib/db";
import { normalizeEmail } from "@/lib/auth/email";
import { requireSupportAccess } from "./support-access";

export const auditFilterSchema = z.object({
  email: z.string().trim().max(254).optional().transform((value) => (value ? normalizeEmail(value) : undefined)),
  type: z.string().trim().regex(/^[a-z0-9_.]*$/, "validation.eventType").max(64).optional(),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

/**
 * The newest audit events across the platform, optionally for one person or one event type.
 * Only for support staff with a second factor (checked here, not only by the page).
 */
export async function listAuditEvents(viewerId: string, filter: Partial<AuditFilter>, limit = 100) {
  await requireSupportAccess(viewerId);
  const subject = filter.email ? await db.user.findUnique({ where: { email: filter.email }, select: { id: true } }) : null;
  if (filter.email && !subject) return [];
  const events = await db.auditEvent.findMany({
    where: { ...(subject ? { subjectId: subject.id } : {}), ...(filter.type ? { type: { startsWith: filter.type } } : {}) },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  const ids = [...new Set(events.flatMap((event) => [event.actorId, event.subjectId]).filter((id): id is string => !!id))];
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
  const emailOf = new Map(users.map((user) => [user.id, user.email]));
  return events.map((event) => ({
    ...event,
    actorEmail: event.actorId ? (emailOf.get(event.actorId) ?? null) : null,
    subjectEmail: event.subjectId ? (emailOf.get(event.subjectId) ?? null) : null,
  }));
}
