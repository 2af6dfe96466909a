import { db, type Tx } from "@/lib/db";

/** Failed sign-ins allowed per key within the window before the key is blocked. */
export const THROTTLE_LIMITS = { email: 5, ip: 30 } as const;
export const THROTTLE_WINDOW_MS = 15 * 60_000;

export type ThrottleKey = `email:${string}` | `ip:${string}`;

function limitFor(key: ThrottleKey): number {
  return key.startsWith("email:") ? THROTTLE_LIMITS.email : THROTTLE_LIMITS.ip;
}

/** When any of the keys is blocked, the time the block ends; otherwise null. */
export async function blockedUntil(keys: ThrottleKey[], now = new Date()): Promise<Date | null> {
  const rows = await db.authThrottle.findMany({
    where: { key: { in: keys }, blockedUntil: { gt: now } },
    select: { blockedUntil: true },
  });
  const ends = rows.map((row) => row.blockedUntil!.getTime());
  return ends.length > 0 ? new Date(Math.max(...ends)) : null;
}

/** Counts one failure per key atomically (concurrent failures all count) and blocks at the limit. */
export async function recordFailure(tx: Tx, keys: ThrottleKey[], now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  for (const key of keys) {
    const [row] = await tx.$queryRaw<{ failures: number }[]>`
      INSERT INTO "AuthThrottle" ("key", "failures", "windowStart") VALUES (${key}, 1, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "AuthThrottle"."windowStart" < ${windowStart} THEN 1 ELSE "AuthThrottle"."failures" + 1 END,
        "windowStart" = CASE WHEN "AuthThrottle"."windowStart" < ${windowStart} THEN ${now} ELSE "AuthThrottle"."windowStart" END
      RETURNING "failures"`;
    if (row && row.failures >= limitFor(key)) {
      await tx.authThrottle.update({
        where: { key },
        data: { blockedUntil: new Date(now.getTime() + THROTTLE_WINDOW_MS), failures: 0, windowStart: now },
      });
    }
  }
}

export async function clearFailures(tx: Tx, key: ThrottleKey): Promise<void> {
  await tx.authThrottle.deleteMany({ where: { key } });
}
