import { db } from "@/lib/db";

export type ResetRowState = "pending_approval" | "issued" | "used" | "expired" | "revoked" | "refused";

const person = { select: { id: true, name: true, email: true } } as const;

/**
 * The Resets tab: the newest temporary access codes and requests, with who asked and who
 * decided. An issued code past its end reads as expired (the row keeps "issued": expiry is a
 * time, not a write). Support staff only: the page checks that (supportPage).
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
  return rows.map((row) => ({
    ...row,
    shownState: (row.state === "issued" && row.expiresAt && row.expiresAt <= now ? "expired" : row.state) as ResetRowState,
  }));
}

export type ResetRow = Awaited<ReturnType<typeof listResets>>[number];
