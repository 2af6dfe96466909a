import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db";
import { auditScopeFor, auditScopeSql, type AuditScope } from "@/lib/audit/scope";
import { auditFilterSql, dayStart, type AuditFilter } from "./audit-filter";
import { requireSupportAccess } from "./support-access";

/**
 * The support console's audit search (issue 11 §4): newest first ("createdAt" DESC, "id" DESC),
 * a page at a time by keyset. A cursor names the last event seen; the next page is the rows
 * strictly after it in that order, a row comparison the (x, "createdAt", "id") indexes serve
 * directly, so a deep page costs what the first does. No OFFSET, and no COUNT of the table.
 */
export const PAGE_SIZE = 50;

export type AuditCursor = { at: Date; id: string };

/** `<milliseconds>_<id>`: short, and nothing in it needs escaping in a URL. */
export const encodeCursor = (cursor: AuditCursor): string => `${cursor.at.getTime()}_${cursor.id}`;

/** A cursor from the URL, or null when it is missing or malformed (the first page, then). */
export function decodeCursor(value: unknown): AuditCursor | null {
  if (typeof value !== "string") return null;
  const match = /^(\d{1,15})_([0-9a-zA-Z-]{1,64})$/.exec(value);
  if (!match) return null;
  const at = new Date(Number(match[1]));
  return Number.isNaN(at.getTime()) ? null : { at, id: match[2]! };
}

/** Which way from the cursor: "older" (the next page down) or "newer" (back up). */
export type PageDirection = "older" | "newer";

/**
 * Keyset condition and order on "AuditEvent" aliased `alias`, for the page, the exports and
 * the bench: rows after `cursor` in `direction`.
 */
export function keysetSql(cursor: AuditCursor | null, direction: PageDirection, alias = "e") {
  const table = Prisma.raw(`"${alias}"`);
  const after = !cursor
    ? Prisma.sql`TRUE`
    : direction === "older"
      ? Prisma.sql`(${table}."createdAt", ${table}."id") < (${cursor.at.toISOString()}::timestamp(3), ${cursor.id})`
      : Prisma.sql`(${table}."createdAt", ${table}."id") > (${cursor.at.toISOString()}::timestamp(3), ${cursor.id})`;
  const order = direction === "older"
    ? Prisma.sql`${table}."createdAt" DESC, ${table}."id" DESC`
    : Prisma.sql`${table}."createdAt" ASC, ${table}."id" ASC`;
  return { after, order };
}

/**
 * The cursor and the filter's date on the same side of a page are merged into the tighter of
 * the two: PostgreSQL (before 18) starts a B-tree scan at one of them, and may pick the looser,
 * reading months of index to reach a page that starts at the cursor.
 */
export function pageBounds(filter: AuditFilter, cursor: AuditCursor | null, direction: PageDirection): { filter: AuditFilter; cursor: AuditCursor | null } {
  if (!cursor) return { filter, cursor };
  if (direction === "older" && filter.to) {
    return cursor.at.toISOString() < dayStart(filter.to, 1) ? { filter: { ...filter, to: undefined }, cursor } : { filter, cursor: null };
  }
  if (direction === "newer" && filter.from) {
    return cursor.at.toISOString() >= dayStart(filter.from) ? { filter: { ...filter, from: undefined }, cursor } : { filter, cursor: null };
  }
  return { filter, cursor };
}

export type AuditSearchRow = {
  id: string;
  createdAt: Date;
  type: string;
  outcome: string;
  actorId: string | null;
  subjectId: string | null;
  projectId: string | null;
  ip: string | null;
  subjectEmail: string | null;
  actorEmail: string | null;
  projectName: string | null;
};

/**
 * One page of events (the filter and the scope ANDed), with emails and project names joined to
 * the page's rows only: the inner query picks the page through an index, the outer one joins.
 */
export function auditPageSql(pageFilter: AuditFilter, scope: AuditScope, pageCursor: AuditCursor | null, direction: PageDirection, limit: number): Prisma.Sql {
  const { filter, cursor } = pageBounds(pageFilter, pageCursor, direction);
  const { after, order } = keysetSql(cursor, direction);
  const outerOrder = direction === "older" ? Prisma.sql`p."createdAt" DESC, p."id" DESC` : Prisma.sql`p."createdAt" ASC, p."id" ASC`;
  return Prisma.sql`
    SELECT p."id", p."createdAt", p."type", p."outcome", p."actorId", p."subjectId", p."projectId", p."ip",
           s."email" AS "subjectEmail", a."email" AS "actorEmail", pr."name" AS "projectName"
    FROM (
      SELECT e."id", e."createdAt", e."type", e."outcome", e."actorId", e."subjectId", e."projectId", e."ip"
      FROM "AuditEvent" e
      WHERE ${auditFilterSql(filter, '"e"')} AND ${auditScopeSql(scope, '"e"')} AND ${after}
      ORDER BY ${order}
      LIMIT ${limit}
    ) p
    LEFT JOIN "User" s ON s."id" = p."subjectId"
    LEFT JOIN "User" a ON a."id" = p."actorId"
    LEFT JOIN "Project" pr ON pr."id" = p."projectId"
    ORDER BY ${outerOrder}`;
}

export type AuditSearchPage = {
  events: AuditSearchRow[];
  /** Cursor for the next page down, when there are older events. */
  older: string | null;
  /** Cursor for the page above, when this is not the first page. */
  newer: string | null;
};

/**
 * A page of the platform's audit events for support staff (with a second factor, checked here,
 * not only by the page). `cursor` and `direction` come from the URL; none is the newest page.
 */
export async function searchAuditEvents(
  viewerId: string,
  filter: AuditFilter,
  page: { cursor?: AuditCursor | null; direction?: PageDirection } = {},
  limit = PAGE_SIZE,
): Promise<AuditSearchPage> {
  await requireSupportAccess(viewerId);
  const scope = await auditScopeFor(viewerId);
  const cursor = page.cursor ?? null;
  const direction = cursor ? (page.direction ?? "older") : "older";
  // One row more than the page says whether another page lies beyond it.
  const rows = await db.$queryRaw<AuditSearchRow[]>(auditPageSql(filter, scope, cursor, direction, limit + 1));
  const more = rows.length > limit;
  const events = direction === "older" ? rows.slice(0, limit) : rows.slice(0, limit).reverse();
  const first = events[0];
  const last = events.at(-1);
  const cursorOf = (row: AuditSearchRow | undefined) => (row ? encodeCursor({ at: row.createdAt, id: row.id }) : null);
  if (direction === "older") {
    return { events, older: more ? cursorOf(last) : null, newer: cursor ? cursorOf(first) : null };
  }
  // Back at the top: the newest page as it stands, a full one, without a cursor.
  if (!more) return searchAuditEvents(viewerId, filter, {}, limit);
  // Reading upwards: the cursor's own row lies below, so an older page exists.
  return { events, older: cursorOf(last), newer: more ? cursorOf(first) : null };
}

export type AuditEventDetail = AuditSearchRow & {
  userAgent: string | null;
  browserName: string | null;
  osName: string | null;
  metadata: Prisma.JsonValue;
  chainSeq: bigint | null;
  chainHash: string | null;
};

/** One event in full for support staff, or null when there is none by that id (or out of scope). */
export async function readAuditEvent(viewerId: string, eventId: string): Promise<AuditEventDetail | null> {
  await requireSupportAccess(viewerId);
  const scope = await auditScopeFor(viewerId);
  const rows = await db.$queryRaw<AuditEventDetail[]>`
    SELECT e."id", e."createdAt", e."type", e."outcome", e."actorId", e."subjectId", e."projectId", e."ip",
           e."userAgent", e."browserName", e."osName", e."metadata", e."chainSeq", e."chainHash",
           s."email" AS "subjectEmail", a."email" AS "actorEmail", pr."name" AS "projectName"
    FROM "AuditEvent" e
    LEFT JOIN "User" s ON s."id" = e."subjectId"
    LEFT JOIN "User" a ON a."id" = e."actorId"
    LEFT JOIN "Project" pr ON pr."id" = e."projectId"
    WHERE e."id" = ${eventId} AND ${auditScopeSql(scope, '"e"')}`;
  return rows[0] ?? null;
}
