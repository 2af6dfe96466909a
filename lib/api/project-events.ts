import { decodeAuditCursor, encodeAuditCursor } from "@/lib/audit/read-events";
import { db } from "@/lib/db";

/**
 * A project's audit events for an API key, newest first, by keyset on (createdAt, id) with the
 * console's cursor format (lib/audit/read-events.ts). Only the project's events: a key is the
 * project's, not its creator's, so the creator's own account events elsewhere are not included.
 * Metadata holds only the fields the catalogue declares, which never include a secret.
 */
export async function listProjectEvents(projectId: string, options: { cursor?: string; limit: number; type?: string }) {
  const cursor = options.cursor ? decodeAuditCursor("older", options.cursor) : null;
  const rows = await db.auditEvent.findMany({
    where: {
      projectId,
      ...(options.type ? { type: options.type } : {}),
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
    select: { id: true, createdAt: true, type: true, outcome: true, actorId: true, subjectId: true, ip: true, userAgent: true, metadata: true },
  });
  const events = rows.slice(0, options.limit);
  const last = events.at(-1);
  return {
    events: events.map((event) => ({ ...event, createdAt: event.createdAt.toISOString(), metadata: (event.metadata ?? {}) as Record<string, unknown> })),
    nextCursor: rows.length > options.limit && last ? encodeAuditCursor(last) : null,
  };
}
