import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/http/request-context";
import { parseDevice } from "@/lib/http/user-agent";
import { CHALLENGE_TTL_MS, liveSessionWhere, pendingSessionSql, signedInSessionWhere } from "@/lib/policy";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const TOUCH_INTERVAL_MS = 5 * 60_000;

export type PendingStep = "two_factor" | "email_code";

/**
 * A session after a correct password. With a pending step it is only a sign-in in progress:
 * it reaches nothing but its challenge, and dies after 10 minutes.
 */
export async function createSession(
  tx: Tx,
  userId: string,
  context: RequestContext,
  pendingStep: PendingStep | null,
  now = new Date(),
  deviceHash: string | null = null,
) {
  return tx.session.create({
    data: {
      userId,
      deviceHash,
      pendingStep,
      pendingUntil: pendingStep ? new Date(now.getTime() + CHALLENGE_TTL_MS) : null,
      verifiedAt: pendingStep ? null : now,
      verifiedMethod: pendingStep ? null : "password",
      ip: context.ip,
      userAgent: context.userAgent,
      ...parseDevice(context.userAgent),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
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
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
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
 * returns how many of them the person could see in their list (signed in, not expired):
 * sign-ins still waiting for a second step end too, but are not counted.
 */
export async function endOtherSessions(tx: Tx, userId: string, currentSessionId: string, now = new Date()): Promise<number> {
  const ended = await tx.session.updateManyAndReturn({
    where: { userId, revokedAt: null, id: { not: currentSessionId } },
    data: { revokedAt: now },
    select: { pendingStep: true, expiresAt: true },
  });
  return ended.filter((session) => session.pendingStep === null && session.expiresAt > now).length;
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
export function upgradeSessionSql(pendingId: string, newId: string, now: Date, verified: { method: string; real: boolean }, gate: Prisma.Sql) {
  const knownBrowser = Prisma.sql`EXISTS (
    SELECT 1 FROM "Session" AS "other", ended
    WHERE "other"."userId" = ended."userId" AND "other"."deviceHash" = ended."deviceHash" AND "other"."id" <> ended."id")`;
  const expiresAt = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
  const factorAt = verified.real ? now : null;
  const factorMethod = verified.real ? verified.method : null;
  const ctes = Prisma.sql`
    ended AS (
      UPDATE "Session" SET "revokedAt" = ${now}::timestamp(3), "pendingStep" = NULL, "pendingUntil" = NULL
      WHERE "id" = ${pendingId} AND ${pendingSessionSql(now)} AND ${gate}
      RETURNING "id", "userId", "deviceHash", "ip", "userAgent", "browserName", "osName"
    ),
    upgraded AS (
      INSERT INTO "Session" ("id", "userId", "previousId", "deviceHash", "ip", "userAgent", "browserName", "osName", "createdAt", "lastSeenAt",
                             "verifiedAt", "verifiedMethod", "factorVerifiedAt", "factorMethod", "expiresAt")
      SELECT ${newId}, "userId", "id", "deviceHash", "ip", "userAgent", "browserName", "osName", ${now}::timestamp(3), ${now}::timestamp(3),
             ${now}::timestamp(3), ${verified.method}::text, ${factorAt}::timestamp(3), ${factorMethod}::text, ${expiresAt}::timestamp(3)
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
