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

/** Whether the person can answer the sign-in challenge with a key, and with an authenticator app. */
export async function challengeMethodsOf(userId: string): Promise<{ key: boolean; app: boolean }> {
  const rows = await db.twoFactorFactor.findMany({ where: { userId, status: "active", type: { in: ["webauthn", "totp"] } }, select: { type: true }, distinct: ["type"] });
  return { key: rows.some((row) => row.type === "webauthn"), app: rows.some((row) => row.type === "totp") };
}
