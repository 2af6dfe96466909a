import { db } from "@/lib/db";

/** The person's security keys as the security page lists them, oldest first. */
export function listSecurityKeys(userId: string) {
  return db.twoFactorFactor.findMany({
    where: { userId, type: "webauthn", status: "active" },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, backupEligible: true, backedUp: true },
  });
}

export type SecurityKeyRow = Awaited<ReturnType<typeof listSecurityKeys>>[number];

