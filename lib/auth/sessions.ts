import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/http/request-context";
import { parseDevice } from "@/lib/http/user-agent";
import { CHALLENGE_TTL_MS, liveSessionWhere, PASSWORD_SESSION_MAX_MS, pendingSessionSql, sessionIdleMs, sessionLifetime, signedInSessionWhere, STRONG_FACTOR_TYPES } from "@/lib/policy";

/** The longest any session lasts (password-only): the cookie's lifetime; the row decides sooner ends. */
export const SESSION_MAX_AGE_SECONDS = PASSWORD_SESSION_MAX_MS / 1000;
const TOUCH_INTERVAL_MS = 5 * 60_000;

/** "temporary_code": the person's 2FA was reset by support; only its temporary access code passes (lib/support/reset.ts). */
export type PendingStep = "two_factor" | "email_code" | "temporary_code";

/**
 * How a sign-in that needs no second step proved itself. `factor`: it counts as verified with a
 * second factor (a trusted computer), for lifetimes and policies. `sudo`: it grants sudo mode,
 * which the password does only for a person without a real factor (rule 6): a trusted computer,
 * or a person at level Disabled who has a factor, is asked for the factor at the sudo prompt.
 * A trusted computer's method says what earned the trust: "trusted_computer" an app or a key,
 * "trusted_computer_phone" a text, a call or something unknown (lib/policy/project.ts).
 */
export type SignInVerification = { method: "password" | "trusted_computer" | "trusted_computer_phone"; factor: boolean; sudo: boolean };
export const PASSWORD_ONLY: SignInVerification = { method: "password", factor: false, sudo: true };

/**
 * A session after a correct password. With a pending step it is only a sign-in in progress:
 * it reaches nothing but its challenge, and dies after 10 minutes. Without one, its lifetime
 * follows how it was verified (lib/policy sessionLifetime).
 */
export async function createSession(
  tx: Tx,
  userId: string,
  context: RequestContext,
  pendingStep: PendingStep | null,
  now = new Date(),
  deviceHash: string | null = null,
  verification: SignInVerification = PASSWORD_ONLY,
  returnTo: string | null = null,
) {
  const signedIn = pendingStep ? null : verification;
  return tx.session.create({
    data: {
      userId,
      deviceHash,
      pendingStep,
      pendingUntil: pendingStep ? new Date(now.getTime() + CHALLENGE_TTL_MS) : null,
      returnTo: pendingStep ? returnTo : null,
      verifiedAt: signedIn?.sudo ? now : null,
      verifiedMethod: signedIn?.method ?? null,
      factorVerifiedAt: signedIn?.factor ? now : null,
      factorMethod: signedIn?.factor ? signedIn.method : null,
      ip: context.ip,
      userAgent: context.userAgent,
      ...parseDevice(context.userAgent),
      createdAt: now,
      lastSeenAt: now,
      // A pending sign-in ends with its step anyway; its row keeps the password-only limit.
      ...sessionLifetime(!!signedIn?.factor, now),
    },
  });
}

/**
 * The live session with its user, or null when it is unknown, revoked or expired — including
 * a sign-in whose pending step ran out. Callers check `pendingStep` (lib/auth/session.ts).
 */
export async function findLiveSession(sessionId: string, now = new Date()) {
  const session = await db.session.findFirst({
    where: {
      id: sessionId,
      ...liveSessionWhere(now),
    },
    include: { user: { omit: { passwordHash: true } } },
    relationLoadStrategy: "join",
  });
  if (session && now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    // Use moves the idle limit forward (a factor-verified session's), never past the overall end.
    const idleUntil = session.idleUntil ? new Date(now.getTime() + sessionIdleMs()) : null;
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: now, ...(idleUntil ? { idleUntil } : {}) } });
    if (idleUntil) session.idleUntil = idleUntil;
  }
  return session;
}

export type LiveSession = NonNullable<Awaited<ReturnType<typeof findLiveSession>>>;

export function listSessions(userId: string, now = new Date()) {
  return db.session.findMany({
    where: { userId, ...signedInSessionWhere(now) },
    orderBy: { lastSeenAt: "desc" },
  });
}

/** Revokes one of the user's sessions; the where clause keeps it to the user's own. */
export async function revokeSession(userId: string, sessionId: string, context: RequestContext, reason: string) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { id: sessionId, userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 1) {
      await recordAudit(tx, { type: "session.revoked", actorId: userId, metadata: { sessionId, reason }, context });
    }
    return count === 1;
  });
}

/**
 * Ends every session of the user but the current one, inside the caller's transaction, and
 * returns how many of them the person could see in their list (signed in, not expired or idle too long):
 * sign-ins still waiting for a second step end too, but are not counted.
 */
export async function endOtherSessions(tx: Tx, userId: string, currentSessionId: string, now = new Date()): Promise<number> {
  const ended = await tx.session.updateManyAndReturn({
    where: { userId, revokedAt: null, id: { not: currentSessionId } },
    data: { revokedAt: now },
    select: { pendingStep: true, expiresAt: true, idleUntil: true },
  });
  const visible = (session: (typeof ended)[number]) => session.pendingStep === null && session.expiresAt > now && (!session.idleUntil || session.idleUntil > now);
  return ended.filter(visible).length;
}

/**
 * A pending sign-in whose second step passed becomes a new session with a new id (against
 * session fixation); the pending one ends. Two CTEs of the caller's statement
 * (lib/mfa/verify-second-factor.ts): "ended" ends the pending row only while it is still a live
 * pending sign-in and `gate` holds; "upgraded" makes the new row from what it returned and
 * returns its id. No row in "upgraded" means the pending session was no longer live.
 * `knownBrowser` reads, in the same statement, whether another session of the person came from
 * this browser (its device cookie), for the new-browser notice (lib/auth/sign-in.ts).
 */
export function upgradeSessionSql(pendingId: string, newId: string, now: Date, verified: { method: string; real: boolean; weak?: boolean }, gate: Prisma.Sql) {
  const knownBrowser = Prisma.sql`EXISTS (
    SELECT 1 FROM "Session" AS "other", ended
    WHERE "other"."userId" = ended."userId" AND "other"."deviceHash" = ended."deviceHash" AND "other"."id" <> ended."id")`;
  // A second factor shortens the session's life and gives it an idle limit (NIST SP 800-63B-4 §2.2.3).
  const { expiresAt, idleUntil } = sessionLifetime(verified.real, now);
  const factorAt = verified.real ? now : null;
  const factorMethod = verified.real ? verified.method : null;
  // Rule 6: a text or a call does not put the session in sudo mode when an app or a key could
  // have answered (a SIM swap must not reach 2FA settings); the sudo prompt asks for one of those.
  const verifiedAt = verified.weak
    ? Prisma.sql`CASE WHEN EXISTS (
        SELECT 1 FROM "TwoFactorFactor" AS "strong"
        WHERE "strong"."userId" = ended."userId" AND "strong"."status" = 'active' AND "strong"."type"::text IN (${Prisma.join([...STRONG_FACTOR_TYPES])})
      ) THEN NULL ELSE ${now}::timestamp(3) END`
    : Prisma.sql`${now}::timestamp(3)`;
  const ctes = Prisma.sql`
    ended AS (
      UPDATE "Session" SET "revokedAt" = ${now}::timestamp(3), "pendingStep" = NULL, "pendingUntil" = NULL, "returnTo" = NULL
      WHERE "id" = ${pendingId} AND ${pendingSessionSql(now)} AND ${gate}
      RETURNING "id", "userId", "deviceHash", "ip", "userAgent", "browserName", "osName"
    ),
    upgraded AS (
      INSERT INTO "Session" ("id", "userId", "previousId", "deviceHash", "ip", "userAgent", "browserName", "osName", "createdAt", "lastSeenAt",
                             "verifiedAt", "verifiedMethod", "factorVerifiedAt", "factorMethod", "expiresAt", "idleUntil")
      SELECT ${newId}, "userId", "id", "deviceHash", "ip", "userAgent", "browserName", "osName", ${now}::timestamp(3), ${now}::timestamp(3),
             ${verifiedAt}, ${verified.method}::text, ${factorAt}::timestamp(3), ${factorMethod}::text, ${expiresAt}::timestamp(3),
             ${idleUntil}::timestamp(3)
      FROM ended
      RETURNING "id"
    )`;
  return { ctes, knownBrowser };
}

export async function revokeOtherSessions(userId: string, currentSessionId: string, context: RequestContext, now = new Date()) {
  return db.$transaction(async (tx) => {
    const count = await endOtherSessions(tx, userId, currentSessionId, now);
    await recordAudit(tx, { type: "session.revoked_others", actorId: userId, metadata: { count }, context });
    return count;
  });
}
