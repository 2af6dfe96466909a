import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { emailKeyHash } from "@/lib/crypto/secret-box";
import { THROTTLE_LIMITS, THROTTLE_WINDOW_MS } from "@/lib/policy";

/** "email:<keyed hash>" (never the typed text) or "ip:<address>". */
export type ThrottleKey = `email:${string}` | `ip:${string}`;

export function throttleKeys(email: string, ip: string | null): ThrottleKey[] {
  return [`email:${emailKeyHash(email)}`, ...(ip ? [`ip:${ip}` as const] : [])];
}

function limitFor(key: ThrottleKey): number {
  return key.startsWith("email:") ? THROTTLE_LIMITS.email : THROTTLE_LIMITS.ip;
}

export type ThrottleClaim = { ok: true; emailBlocked: boolean } | { ok: false };

/**
 * Claims one password check per key, before the password is checked, in the caller's
 * transaction. Each key keeps the times of its checks in the last 15 minutes (a sliding
 * window), and a claim is granted only while fewer than the limit are in it: one conditional
 * upsert counts and refuses in a single statement, so no 15 minutes ever see more checks than
 * the limit, whatever the concurrency and wherever the window's edge falls.
 * `emailBlocked` says this claim filled the email's window and its owner has not been told
 * within the last 15 minutes: the caller tells them, once.
 */
export async function claimThrottle(tx: Tx, keys: ThrottleKey[], now = new Date()): Promise<ThrottleClaim> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const recent = Prisma.sql`ARRAY(SELECT a FROM unnest(COALESCE(t."attempts", '{}')) a WHERE a > ${windowStart}::timestamp(3) ORDER BY a)`;
  let emailBlocked = false;
  for (const key of keys) {
    const limit = limitFor(key);
    const [row] = await tx.$queryRaw<{ count: number; notify: boolean }[]>`
      INSERT INTO "AuthThrottle" AS t ("key", "attempts") VALUES (${key}, ARRAY[${now}::timestamp(3)])
      ON CONFLICT ("key") DO UPDATE SET
        "attempts" = ${recent} || ${now}::timestamp(3),
        "notifiedAt" = CASE WHEN cardinality(${recent}) + 1 >= ${limit} AND (t."notifiedAt" IS NULL OR t."notifiedAt" <= ${windowStart}::timestamp(3))
                            THEN ${now}::timestamp(3) ELSE t."notifiedAt" END
      WHERE cardinality(${recent}) < ${limit}
      RETURNING cardinality("attempts")::int AS "count", ("notifiedAt" = ${now}::timestamp(3)) AS "notify"`;
    if (!row) return { ok: false };
    if (key.startsWith("email:") && row.count >= limit && row.notify) emailBlocked = true;
  }
  return { ok: true, emailBlocked };
}

/**
 * Hands a claimed check back after a correct password: a success is not a guess. It never
 * clears the window, so the owner's own sign-ins do not buy an attacker more guesses.
 */
export async function releaseThrottle(tx: Tx, keys: ThrottleKey[]): Promise<void> {
  for (const key of keys) {
    await tx.$executeRaw`
      UPDATE "AuthThrottle" SET "attempts" = "attempts"[1:cardinality("attempts") - 1]
      WHERE "key" = ${key} AND cardinality("attempts") > 0`;
  }
}

/** Forgets an email's window: a password reset proves the owner, who must not stay blocked. */
export function clearThrottle(tx: Tx, email: string) {
  return tx.authThrottle.deleteMany({ where: { key: `email:${emailKeyHash(email)}` } });
}

/** Keys whose every check is older than the window carry nothing a limit still needs. */
export function pruneThrottles(now = new Date()) {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  return db.$executeRaw`
    DELETE FROM "AuthThrottle" WHERE NOT EXISTS (SELECT 1 FROM unnest("attempts") a WHERE a > ${windowStart}::timestamp(3))`;
}
