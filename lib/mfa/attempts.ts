import { db, type Tx } from "@/lib/db";
import { LOCK_AFTER_FAILURES, LOCK_DURATION_MS, MAX_FAILURES_PER_CHALLENGE, SUDO_ATTEMPT_WINDOW_MS } from "./rules";

/**
 * Where a code is being entered. Each has its own count of wrong codes (5 end it), on top of
 * the person's count across all of them (10 lock 2FA for 15 minutes).
 */
export type Challenge =
  | { kind: "sign_in"; sessionId: string; step: "two_factor" | "email_code" }
  | { kind: "sudo"; sessionId: string }
  | { kind: "password_reset"; tokenId: string };

export type Claim = { personCount: number; streak: number; challengeCount: number };

export type ClaimRefusal =
  | { code: "locked"; lockedUntil: Date }
  | { code: "factor_suspended" }
  | { code: "challenge_over" }
  | { code: "sign_in_expired" };

class Refused extends Error {
  constructor(readonly refusal: ClaimRefusal) {
    super(refusal.code);
  }
}

/**
 * Claims one code check before the code is looked at, in one transaction: a slot in the
 * person's count (the row lock on User queues every claim of one person, so concurrent
 * requests see each other's counts) and a slot in the challenge's count. When either is
 * full, nothing is claimed and the code must not be checked. This is what keeps a burst of
 * parallel guesses to 5 per challenge and 10 per person.
 */
export async function claimCodeAttempt(
  input: { userId: string; challenge: Challenge; recoveryCode: boolean },
  now: Date,
): Promise<{ ok: true; claim: Claim } | { ok: false; refusal: ClaimRefusal }> {
  try {
    const claim = await db.$transaction(async (tx) => {
      const [person] = await tx.$queryRaw<{ twoFactorFailures: number; twoFactorFailureStreak: number }[]>`
        UPDATE "User" SET "twoFactorFailures" = "twoFactorFailures" + 1, "twoFactorFailureStreak" = "twoFactorFailureStreak" + 1
        WHERE "id" = ${input.userId} AND "twoFactorFailures" < ${LOCK_AFTER_FAILURES}
          AND ("twoFactorLockedUntil" IS NULL OR "twoFactorLockedUntil" <= ${now})
          AND ("twoFactorSuspendedAt" IS NULL OR ${input.recoveryCode})
        RETURNING "twoFactorFailures", "twoFactorFailureStreak"`;
      if (!person) throw new Refused(await personRefusal(tx, input.userId, now));
      const challengeCount = await claimChallenge(tx, input.userId, input.challenge, now);
      if (challengeCount === null) throw new Refused(await challengeRefusal(tx, input.challenge, now));
      return { personCount: person.twoFactorFailures, streak: person.twoFactorFailureStreak, challengeCount };
    });
    return { ok: true, claim };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusal: error.refusal };
    throw error;
  }
}

async function claimChallenge(tx: Tx, userId: string, challenge: Challenge, now: Date): Promise<number | null> {
  if (challenge.kind === "sign_in") {
    const [row] = await tx.$queryRaw<{ challengeFailures: number }[]>`
      UPDATE "Session" SET "challengeFailures" = "challengeFailures" + 1
      WHERE "id" = ${challenge.sessionId} AND "userId" = ${userId} AND "revokedAt" IS NULL AND "expiresAt" > ${now}
        AND "pendingStep" = ${challenge.step} AND "pendingUntil" > ${now} AND "challengeFailures" < ${MAX_FAILURES_PER_CHALLENGE}
      RETURNING "challengeFailures"`;
    return row?.challengeFailures ?? null;
  }
  if (challenge.kind === "password_reset") {
    const [row] = await tx.$queryRaw<{ failures: number }[]>`
      UPDATE "VerificationToken" SET "failures" = "failures" + 1
      WHERE "id" = ${challenge.tokenId} AND "userId" = ${userId} AND "usedAt" IS NULL AND "expiresAt" > ${now}
        AND "failures" < ${MAX_FAILURES_PER_CHALLENGE}
      RETURNING "failures"`;
    return row?.failures ?? null;
  }
  // Sudo asks a signed-in session, which wrong codes never end: its count opens a window of
  // 15 minutes at its first wrong code instead.
  const windowStart = new Date(now.getTime() - SUDO_ATTEMPT_WINDOW_MS);
  const [row] = await tx.$queryRaw<{ challengeFailures: number }[]>`
    UPDATE "Session" SET
      "challengeFailures" = CASE WHEN "challengeStartedAt" IS NULL OR "challengeStartedAt" <= ${windowStart} THEN 1 ELSE "challengeFailures" + 1 END,
      "challengeStartedAt" = CASE WHEN "challengeStartedAt" IS NULL OR "challengeStartedAt" <= ${windowStart} THEN ${now} ELSE "challengeStartedAt" END
    WHERE "id" = ${challenge.sessionId} AND "userId" = ${userId} AND "revokedAt" IS NULL AND "expiresAt" > ${now}
      AND "pendingStep" IS NULL
      AND ("challengeStartedAt" IS NULL OR "challengeStartedAt" <= ${windowStart} OR "challengeFailures" < ${MAX_FAILURES_PER_CHALLENGE})
    RETURNING "challengeFailures"`;
  return row?.challengeFailures ?? null;
}

async function personRefusal(tx: Tx, userId: string, now: Date): Promise<ClaimRefusal> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { twoFactorLockedUntil: true, twoFactorSuspendedAt: true } });
  if (user?.twoFactorLockedUntil && user.twoFactorLockedUntil > now) return { code: "locked", lockedUntil: user.twoFactorLockedUntil };
  if (user?.twoFactorSuspendedAt) return { code: "factor_suspended" };
  // The tenth wrong code is being checked right now; its lock is a moment away.
  return { code: "locked", lockedUntil: new Date(now.getTime() + LOCK_DURATION_MS) };
}

async function challengeRefusal(tx: Tx, challenge: Challenge, now: Date): Promise<ClaimRefusal> {
  if (challenge.kind === "password_reset") return { code: "challenge_over" };
  const session = await tx.session.findUnique({ where: { id: challenge.sessionId } });
  const live = session && !session.revokedAt && session.expiresAt > now;
  if (challenge.kind === "sudo") return live ? { code: "challenge_over" } : { code: "sign_in_expired" };
  const pending = live && session.pendingStep === challenge.step && session.pendingUntil && session.pendingUntil > now;
  return pending ? { code: "challenge_over" } : { code: "sign_in_expired" };
}

/**
 * Hands a claim back: the code matched but another request used it first (or it was used
 * before). That is not a guess, so it counts nowhere.
 */
export async function releaseCodeAttempt(userId: string, challenge: Challenge): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      UPDATE "User" SET "twoFactorFailures" = GREATEST("twoFactorFailures" - 1, 0),
        "twoFactorFailureStreak" = GREATEST("twoFactorFailureStreak" - 1, 0)
      WHERE "id" = ${userId}`;
    if (challenge.kind === "password_reset") {
      await tx.$executeRaw`UPDATE "VerificationToken" SET "failures" = GREATEST("failures" - 1, 0) WHERE "id" = ${challenge.tokenId}`;
    } else {
      await tx.$executeRaw`UPDATE "Session" SET "challengeFailures" = GREATEST("challengeFailures" - 1, 0) WHERE "id" = ${challenge.sessionId}`;
    }
  });
}
