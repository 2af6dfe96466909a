import { db } from "@/lib/db";

/** Whether the person holds an issued, unexpired temporary access code (the sign-in page says to contact support otherwise). */
export async function hasLiveTemporaryAccessCode(userId: string, now = new Date()): Promise<boolean> {
  return (await db.temporaryAccessCode.count({ where: { userId, state: "issued", expiresAt: { gt: now } } })) > 0;
}
