import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import {
  LOCK_AFTER_FAILURES,
  LOCK_DURATION_MS,
  MAX_FAILURES_PER_CHALLENGE,
  pendingSessionSql,
  pendingSessionWhere,
  signedInSessionSql,
  signedInSessionWhere,
  SUDO_ATTEMPT_WINDOW_MS,
} from "@/lib/policy";

/**
 * Where a code is being entered. Each has its own count of wrong codes (5 end it), on top of
 * the person's count across all of them (10 lock 2FA for 15 minutes).
 */
export type Challenge =
  | { kind: "sign_in"; sessionId: string; step: "two_factor" | "email_code" | "temporary_code" }
  | { kind: "sudo"; sessionId: string }
  | { kind: "password_reset"; tokenId: string };

export type Claim = { personCount: number; streak: number; challengeCount: number };

export type ClaimRefusal =
  | { code: "locked"; lockedUntil: Date }
  | { code: "factor_suspended" }
  | { code: "challenge_over" }
  | { code: "sign_in_expired" };

/**
 * Claims one code check before the code is looked at: a slot in the challenge's count and a
 * slot in the person's count, in ONE statement, so the row locks it takes are held only inside
 * PostgreSQL for the length of that statement (a burst against one person queues there, not
 * in the connection pool). Each UPDATE re-checks its limit on the newest row version after
 * waiting for the lock, so concurrent claims see each other's counts. When either count is
 * full nothing may be checked. The rare claim that got a challenge slot but no person slot
 * (the person is locked, suspended, or at 10 in flight: refused either way) hands its
 * challenge slot back at once.
 */
export async function claimCodeAttempt(
  input: { userId: string; challenge: Challenge; recoveryCode: boolean },
  now: Date,
): Promise<{ ok: true; claim: Claim } | { ok: false; refusal: ClaimRefusal }> {
  const { userId, challenge } = input;
  // The claim that reaches 10 writes the lock itself, before its code is even checked, so no
  // failure later on (a crash, a dropped connection) can leave the count full without a lock
  // that ends. A lock that has run out starts a new count. A success lifts the lock again.
  const personCount = Prisma.sql`(CASE WHEN "twoFactorLockedUntil" IS NOT NULL THEN 1 ELSE "twoFactorFailures" + 1 END)`;
  const lockUntil = new Date(now.getTime() + LOCK_DURATION_MS);
  const [row] = await db.$queryRaw<{ challengeCount: number | null; personCount: number | null; streak: number | null }[]>`
    WITH challenge AS (${challengeClaim(userId, challenge, now)}),
    person AS (
      UPDATE "User" SET
        "twoFactorFailures" = ${personCount},
        "twoFactorFailureStreak" = "twoFactorFailureStreak" + 1,
        "twoFactorLockedUntil" = CASE WHEN ${personCount} >= ${LOCK_AFTER_FAILURES} THEN ${lockUntil}::timestamp(3) END
      WHERE "id" = ${userId} AND EXISTS (SELECT 1 FROM challenge)
        AND ("twoFactorLockedUntil" IS NULL AND "twoFactorFailures" < ${LOCK_AFTER_FAILURES} OR "twoFactorLockedUntil" <= ${now})
        AND ("twoFactorSuspendedAt" IS NULL OR ${input.recoveryCode})
      RETURNING "twoFactorFailures", "twoFactorFailureStreak"
    )
    SELECT (SELECT "count" FROM challenge) AS "challengeCount",
           (SELECT "twoFactorFailures" FROM person) AS "personCount",
           (SELECT "twoFactorFailureStreak" FROM person) AS "streak"`;
  if (row?.challengeCount != null && row.personCount != null && row.streak != null) {
    return { ok: true, claim: { challengeCount: row.challengeCount, personCount: row.personCount, streak: row.streak } };
  }
  if (row?.challengeCount != null) {
    await releaseChallenge(challenge);
    return { ok: false, refusal: await personRefusal(userId, now) };
  }
  return { ok: false, refusal: await challengeRefusal(challenge, now) };
}

/** The UPDATE that takes a slot in the challenge's count, returning the new count as "count". */
function challengeClaim(userId: string, challenge: Challenge, now: Date) {
  if (challenge.kind === "sign_in") {
    return Prisma.sql`
      UPDATE "Session" SET "challengeFailures" = "challengeFailures" + 1
      WHERE "id" = ${challenge.sessionId} AND "userId" = ${userId} AND ${pendingSessionSql(now)}
        AND "pendingStep" = ${challenge.step} AND "challengeFailures" < ${MAX_FAILURES_PER_CHALLENGE}
      RETURNING "challengeFailures" AS "count"`;
  }
  if (challenge.kind === "password_reset") {
    return Prisma.sql`
      UPDATE "VerificationToken" SET "failures" = "failures" + 1
      WHERE "id" = ${challenge.tokenId} AND "userId" = ${userId} AND "usedAt" IS NULL AND "expiresAt" > ${now}
        AND "failures" < ${MAX_FAILURES_PER_CHALLENGE}
      RETURNING "failures" AS "count"`;
  }
  // Sudo asks a signed-in session, which wrong codes never end: its count opens a window of
  // 15 minutes at its first wrong code instead.
  const windowStart = new Date(now.getTime() - SUDO_ATTEMPT_WINDOW_MS);
  const fresh = Prisma.sql`("challengeStartedAt" IS NULL OR "challengeStartedAt" <= ${windowStart})`;
  return Prisma.sql`
    UPDATE "Session" SET
      "challengeFailures" = CASE WHEN ${fresh} THEN 1 ELSE "challengeFailures" + 1 END,
      "challengeStartedAt" = CASE WHEN ${fresh} THEN ${now} ELSE "challengeStartedAt" END
    WHERE "id" = ${challenge.sessionId} AND "userId" = ${userId} AND ${signedInSessionSql(now)}
      AND (${fresh} OR "challengeFailures" < ${MAX_FAILURES_PER_CHALLENGE})
    RETURNING "challengeFailures" AS "count"`;
}

async function personRefusal(userId: string, now: Date): Promise<ClaimRefusal> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { twoFactorLockedUntil: true, twoFactorSuspendedAt: true } });
  if (user?.twoFactorLockedUntil && user.twoFactorLockedUntil > now) return { code: "locked", lockedUntil: user.twoFactorLockedUntil };
  return { code: "factor_suspended" };
}

async function challengeRefusal(challenge: Challenge, now: Date): Promise<ClaimRefusal> {
  if (challenge.kind === "password_reset") return { code: "challenge_over" };
  // Still the challenge it was (lib/policy): then its count is full; otherwise it has ended.
  const where = challenge.kind === "sudo" ? signedInSessionWhere(now) : { ...pendingSessionWhere(now), pendingStep: challenge.step };
  const live = await db.session.count({ where: { id: challenge.sessionId, ...where } });
  return live ? { code: "challenge_over" } : { code: "sign_in_expired" };
}

/**
 * Hands a claim back: the code matched but another request used it first (or it was used
 * before). That is not a guess, so it counts nowhere.
 */
export async function releaseCodeAttempt(userId: string, challenge: Challenge): Promise<void> {
  await db.$executeRaw`
    UPDATE "User" SET "twoFactorFailures" = GREATEST("twoFactorFailures" - 1, 0),
      "twoFactorFailureStreak" = GREATEST("twoFactorFailureStreak" - 1, 0)
    WHERE "id" = ${userId}`;
  await releaseChallenge(challenge);
}

async function releaseChallenge(challenge: Challenge): Promise<void> {
  if (challenge.kind === "password_reset") {
    await db.$executeRaw`UPDATE "VerificationToken" SET "failures" = GREATEST("failures" - 1, 0) WHERE "id" = ${challenge.tokenId}`;
  } else {
    await db.$executeRaw`UPDATE "Session" SET "challengeFailures" = GREATEST("challengeFailures" - 1, 0) WHERE "id" = ${challenge.sessionId}`;
  }
}
