import type { Tx } from "@/lib/db";
import { SEND_INTERVAL_MS, SENDS_PER_HOUR } from "@/lib/policy";

const HOUR_MS = 3_600_000;

/** When the next code may leave, given the person's sends of the last hour, newest first. */
export function nextSendAt(recent: readonly Date[], now: Date): Date {
  let at = now.getTime();
  if (recent[0]) at = Math.max(at, recent[0].getTime() + SEND_INTERVAL_MS);
  const oldestCounted = recent[SENDS_PER_HOUR - 1];
  if (oldestCounted) at = Math.max(at, oldestCounted.getTime() + HOUR_MS);
  return new Date(at);
}

export type SendSlot = { ok: true; nextAt: Date } | { ok: false; retryAt: Date };

/**
 * Rule 4's send throttle, per person: one code per 30 seconds, 5 an hour. Every code the
 * person was sent counts (one-time code rows of any channel and purpose: an emailed sign-in
 * code, a text, a call, a number being verified), since the limit protects the person and the
 * bill, whatever carried the code. Locks the person's row first, so requests at once queue here
 * and each counts the others' sends; the caller writes its code row in the same transaction
 * when `ok`. `nextAt` counts that send already.
 */
export async function claimCodeSend(tx: Tx, userId: string, now: Date): Promise<SendSlot> {
  await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${userId} FOR NO KEY UPDATE`;
  const recent = await recentSends(tx, userId, now);
  const allowedAt = nextSendAt(recent, now);
  if (allowedAt > now) return { ok: false, retryAt: allowedAt };
  return { ok: true, nextAt: nextSendAt([now, ...recent], now) };
}

/** When the person may next be sent a code (now, when nothing holds it back), for a page to say so before they ask. */
export async function nextCodeSendAt(tx: Tx, userId: string, now = new Date()): Promise<Date> {
  return nextSendAt(await recentSends(tx, userId, now), now);
}

/** The person's codes of the last hour, newest first: as many as the hourly limit looks at. */
async function recentSends(tx: Tx, userId: string, now: Date): Promise<Date[]> {
  const rows = await tx.oneTimeCode.findMany({
    where: { userId, createdAt: { gt: new Date(now.getTime() - HOUR_MS) } },
    select: { createdAt: true },
    orderBy: { createdAt: "desc" },
    take: SENDS_PER_HOUR,
  });
  return rows.map((row) => row.createdAt);
}
