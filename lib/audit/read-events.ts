import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db";
import { auditScopeFor, auditScopeSql } from "./scope";

/** A page of events is read by its edge: `older` than an event, or `newer` than one. */
export type AuditCursor = { direction: "older" | "newer"; createdAt: Date; id: string };

export type VisibleEvent = {
  id: string;
  createdAt: Date;
  type: string;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  browserName: string | null;
  osName: string | null;
  actorId: string | null;
  subjectId: string | null;
  projectId: string | null;
  metadata: Prisma.JsonValue;
  actorName: string | null;
  actorEmail: string | null;
  subjectName: string | null;
  subjectEmail: string | null;
};

export type VisibleEventPage = { events: VisibleEvent[]; older: string | null; newer: string | null };

export const AUDIT_PAGE_LIMIT_MAX = 100;

/** The cursor in a link: the edge event's time in milliseconds and its id. */
export function encodeAuditCursor(event: { createdAt: Date; id: string }): string {
  return `${event.createdAt.getTime()}_${event.id}`;
}

/** A cursor from a link, or null for anything malformed (the page then starts from the newest). */
export function decodeAuditCursor(direction: AuditCursor["direction"], value: string | string[] | undefined): AuditCursor | null {
  if (typeof value !== "string") return null;
  const match = /^(\d{1,15})_([0-9a-zA-Z-]{1,64})$/.exec(value);
  if (!match) return null;
  const createdAt = new Date(Number(match[1]));
  return Number.isNaN(createdAt.getTime()) ? null : { direction, createdAt, id: match[2]! };
}

const COLUMNS = Prisma.sql`
  e."id", e."createdAt", e."type", e."outcome", e."ip", e."userAgent", e."browserName", e."osName",
  e."actorId", e."subjectId", e."projectId", e."metadata",
  actor."name" AS "actorName", actor."email" AS "actorEmail", subject."name" AS "subjectName", subject."email" AS "subjectEmail"`;

const JOINS = Prisma.sql`LEFT JOIN "User" AS actor ON actor."id" = e."actorId" LEFT JOIN "User" AS subject ON subject."id" = e."subjectId"`;

/**
 * The audit events `viewerId` may read (lib/audit/scope.ts, ANDed into the query), newest first,
 * optionally about one person or one project, one page at a time by keyset (createdAt, id): no
 * OFFSET, so page 1000 costs what page 1 does. No viewer (signed out) reads nothing.
 */
export async function listVisibleEvents(
  viewerId: string | null,
  options: { subjectId?: string; projectId?: string; cursor?: AuditCursor | null; limit: number },
): Promise<VisibleEventPage> {
  if (!viewerId) return { events: [], older: null, newer: null };
  const limit = Math.max(1, Math.min(AUDIT_PAGE_LIMIT_MAX, Math.floor(options.limit)));
  const scope = await auditScopeFor(viewerId);
  const conditions = [auditScopeSql(scope, "e")];
  if (options.subjectId) conditions.push(Prisma.sql`e."subjectId" = ${options.subjectId}`);
  if (options.projectId) conditions.push(Prisma.sql`e."projectId" = ${options.projectId}`);
  const cursor = options.cursor ?? null;
  const newer = cursor?.direction === "newer";
  if (cursor) {
    const edge = Prisma.sql`(${cursor.createdAt}::timestamp(3), ${cursor.id}::text)`;
    conditions.push(newer ? Prisma.sql`(e."createdAt", e."id") > ${edge}` : Prisma.sql`(e."createdAt", e."id") < ${edge}`);
  }
  const order = newer ? Prisma.sql`e."createdAt" ASC, e."id" ASC` : Prisma.sql`e."createdAt" DESC, e."id" DESC`;
  const rows = await db.$queryRaw<VisibleEvent[]>`
    SELECT ${COLUMNS} FROM "AuditEvent" AS e ${JOINS}
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${order}
    LIMIT ${limit + 1}`;
  const more = rows.length > limit;
  // Back at the newest events: the first page, full, as a fresh visit shows it.
  if (newer && !more) return listVisibleEvents(viewerId, { ...options, cursor: null });
  const events = rows.slice(0, limit);
  if (newer) events.reverse();
  const first = events[0];
  const last = events.at(-1);
  return {
    events,
    newer: first && (newer || cursor) ? encodeAuditCursor(first) : null,
    older: last && (newer || more) ? encodeAuditCursor(last) : null,
  };
}

/** One event in full when `viewerId` may read it, else null (the page answers 404 either way). */
export async function getVisibleEvent(viewerId: string | null, eventId: string): Promise<VisibleEvent | null> {
  if (!viewerId || !/^[0-9a-zA-Z-]{1,64}$/.test(eventId)) return null;
  const scope = await auditScopeFor(viewerId);
  const rows = await db.$queryRaw<VisibleEvent[]>`
    SELECT ${COLUMNS} FROM "AuditEvent" AS e ${JOINS}
    WHERE e."id" = ${eventId} AND ${auditScopeSql(scope, "e")}`;
  return rows[0] ?? null;
}
