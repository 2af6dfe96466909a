import { db } from "@/lib/db";
import { pendingRequestCutoff } from "./reset";

export type ResetRowState = "pending_approval" | "issued" | "used" | "expired" | "revoked" | "refused" | "withdrawn";

const person = { select: { id: true, name: true, email: true } } as const;

/**
 * The Resets tab: the newest temporary access codes and requests, with who asked and who
 * decided. An issued code past its end, and a request no one decided within a day
 * (PENDING_REQUEST_HOURS), read as expired (the row keeps its state: expiry is a time, not a
 * write); a request refused with no decider was withdrawn by its requester. Support staff only: the page checks that (supportPage).
 */
export async function listResets(now = new Date(), take = 50) {
  const rows = await db.temporaryAccessCode.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      state: true,
      reason: true,
      lifetimeHours: true,
      createdAt: true,
      expiresAt: true,
      caseId: true,
      user: person,
      requestedBy: person,
      approvedBy: person,
    },
  });
  const cutoff = pendingRequestCutoff(now);
  return rows.map((row) => ({ ...row, shownState: shownState(row, now, cutoff) }));
}

function shownState(row: { state: string; expiresAt: Date | null; createdAt: Date; approvedBy: unknown }, now: Date, cutoff: Date): ResetRowState {
  if (row.state === "issued" && row.expiresAt && row.expiresAt <= now) return "expired";
  if (row.state === "pending_approval" && row.createdAt <= cutoff) return "expired";
  if (row.state === "refused" && !row.approvedBy) return "withdrawn";
  return row.state as ResetRowState;
}

export type ResetRow = Awaited<ReturnType<typeof listResets>>[number];
