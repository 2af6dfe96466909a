import { db, type Tx } from "@/lib/db";
import { emailKeyHash } from "@/lib/crypto/secret-box";

/** Password checks allowed per key in any 15 minutes (rule 4; OWASP Authentication). */
export const THROTTLE_LIMITS = { email: 5, ip: 30 } as const;
export const THROTTLE_WINDOW_MS = 15 * 60_000;

/** "email:<keyed hash>" (never the typed text) or "ip:<address>". */
export type ThrottleKey = `email:${string}` | `ip:${string}`;

export function throttleKeys(email: string, ip: string | null): ThrottleKey[] {
  return [`email:${emailKeyHash(email)}`, ...(ip ? [`ip:${ip}` as const] : [])];
}

function limitFor(key: ThrottleKey): number {
  return key.startsWith("email:") ? THROTTLE_LIMITS.email : THROTTLE_LIMITS.ip;
}

export type ThrottleClaim = { ok: true; emailBlocked: boolean } | { ok: false; blockedUntil: Date | null };

/**
 * Claims one password check per key, before the password is checked, in the caller's
 * transaction. A key's window opens at its first claim; the claim that reaches the limit
 * blocks the key for 15 minutes from then, so no 15 minutes ever see more checks than the
 * limit, whatever the concurrency: the conditional upsert counts and refuses in one statement.
 * `emailBlocked` says this claim was the one that blocked the email key (to tell its owner once).
 */
export async function claimThrottle(tx: Tx, keys: ThrottleKey[], now = new Date()): Promise<ThrottleClaim> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const blockEnd = new Date(now.getTime() + THROTTLE_WINDOW_MS);
  let emailBlocked = false;
  for (const key of keys) {
    const limit = limitFor(key);
    const [row] = await tx.$queryRaw<{ failures: number; blockedUntil: Date | null }[]>`
      INSERT INTO "AuthThrottle" AS t ("key", "failures", "windowStart", "blockedUntil")
      VALUES (${key}, 1, ${now}, ${limit <= 1 ? blockEnd : null})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN t."windowStart" <= ${windowStart} THEN 1 ELSE t."failures" + 1 END,
        "windowStart" = CASE WHEN t."windowStart" <= ${windowStart} THEN ${now} ELSE t."windowStart" END,
        "blockedUntil" = CASE WHEN (CASE WHEN t."windowStart" <= ${windowStart} THEN 1 ELSE t."failures" + 1 END) >= ${limit}
                              THEN ${blockEnd}::timestamp(3) ELSE NULL END
      WHERE t."blockedUntil" IS NULL OR t."blockedUntil" <= ${now}
      RETURNING "failures", "blockedUntil"`;
    if (!row) {
      const blocked = await tx.authThrottle.findUnique({ where: { key }, select: { blockedUntil: true } });
      return { ok: false, blockedUntil: blocked?.blockedUntil ?? null };
    }
    if (key.startsWith("email:") && row.blockedUntil) emailBlocked = true;
  }
  return { ok: true, emailBlocked };
}

/**
 * Hands claimed checks back after a correct password: a success is not a guess. It never
 * resets the count, so the owner's own sign-ins do not buy an attacker more guesses.
 */
export async function releaseThrottle(tx: Tx, keys: ThrottleKey[], now = new Date()): Promise<void> {
  for (const key of keys) {
    await tx.$executeRaw`
      UPDATE "AuthThrottle" SET "failures" = GREATEST("failures" - 1, 0),
        "blockedUntil" = CASE WHEN "failures" - 1 < ${limitFor(key)} THEN NULL ELSE "blockedUntil" END
      WHERE "key" = ${key} AND "windowStart" > ${new Date(now.getTime() - THROTTLE_WINDOW_MS)}`;
  }
}

/** Forgets a key's count: a password reset proves the owner, who must not stay blocked. */
export function clearThrottle(tx: Tx, email: string) {
  return tx.authThrottle.deleteMany({ where: { key: `email:${emailKeyHash(email)}` } });
}

/** Old rows carry nothing a limit still needs. */
export function pruneThrottles(now = new Date()) {
  return db.authThrottle.deleteMany({
    where: { windowStart: { lt: new Date(now.getTime() - THROTTLE_WINDOW_MS) }, OR: [{ blockedUntil: null }, { blockedUntil: { lt: now } }] },
  });
}
