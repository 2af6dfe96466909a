import { db } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import type { CaseListFilter } from "./cases-schema";
import { requireSupportAccess } from "./support-access";

export const CASES_PER_PAGE = 25;

/** Where a page of cases ends: the last case's filing time and id, opaque to the address bar. */
export function encodeCaseCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeCaseCursor(cursor: string | undefined): { createdAt: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  // Only what encodeCaseCursor writes: a time PostgreSQL can hold (a crafted year -271821 was a 500).
  if (!at || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(at)) return null;
  const createdAt = new Date(at);
  if (Number.isNaN(createdAt.getTime()) || createdAt.getTime() < 0 || !id || !/^[0-9a-f-]{36}$/.test(id)) return null;
  return { createdAt, id };
}

/**
 * Support cases, newest first, a page at a time by keyset (filing time, then id): no OFFSET,
 * so a page costs the same however deep it is, and a case filed meanwhile does not shift the
 * next page. Support staff only (checked here, not only by the page).
 */
export async function listSupportCases(viewerId: string, filter: CaseListFilter, limit = CASES_PER_PAGE) {
  await requireSupportAccess(viewerId);
  const after = decodeCaseCursor(filter.cursor);
  const where: Prisma.SupportCaseWhereInput = {
    ...(filter.state !== "all" ? { state: filter.state } : {}),
    ...(filter.kind !== "all" ? { kind: filter.kind } : {}),
    ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
  };
  const rows = await db.supportCase.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: { id: true, createdAt: true, kind: true, state: true, userId: true, contactEmail: true, user: { select: { email: true, name: true } } },
  });
  const cases = rows.slice(0, limit);
  const last = cases.at(-1);
  return { cases, nextCursor: rows.length > limit && last ? encodeCaseCursor(last) : null };
}

export type SupportCaseRow = Awaited<ReturnType<typeof listSupportCases>>["cases"][number];

/** How many cases wait for a decision: the Cases tab's badge (one index-only count). */
export async function countOpenCases(viewerId: string): Promise<number> {
  await requireSupportAccess(viewerId);
  return db.supportCase.count({ where: { state: "open" } });
}
