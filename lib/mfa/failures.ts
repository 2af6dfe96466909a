import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/http/request-context";
import { notifyUser } from "./notify";
import { LOCK_AFTER_FAILURES, LOCK_DURATION_MS, MAX_FAILURES_PER_CHALLENGE } from "./rules";

export type FailureOutcome = { locked: Date | null; challengeOver: boolean; attemptsLeft: number };

/**
 * Counts one wrong code, atomically: per challenge (the session; 5 ends it) and per person
 * across factors (10 in a row lock 2FA for 15 minutes and email the person).
 */
export async function recordFailedAttempt(
  input: { userId: string; sessionId: string; method: string; purpose: string; reason: string },
  context: RequestContext,
  now = new Date(),
): Promise<FailureOutcome> {
  const outcome = await db.$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id: input.userId },
      data: { twoFactorFailures: { increment: 1 } },
      select: { twoFactorFailures: true },
    });
    const session = await tx.session.update({
      where: { id: input.sessionId },
      data: { challengeFailures: { increment: 1 } },
      select: { challengeFailures: true },
    });
    await recordAudit(tx, {
      type: "two_factor.challenge_failed",
      outcome: "failure",
      actorId: input.userId,
      metadata: { method: input.method, purpose: input.purpose, reason: input.reason },
      context,
    });
    let locked: Date | null = null;
    if (user.twoFactorFailures >= LOCK_AFTER_FAILURES) {
      locked = new Date(now.getTime() + LOCK_DURATION_MS);
      await tx.user.update({ where: { id: input.userId }, data: { twoFactorLockedUntil: locked, twoFactorFailures: 0 } });
      await recordAudit(tx, { type: "two_factor.locked", outcome: "failure", actorId: input.userId, metadata: { until: locked.toISOString() }, context });
    }
    const challengeOver = session.challengeFailures >= MAX_FAILURES_PER_CHALLENGE;
    if (challengeOver) {
      // The session that guessed too often ends; a real person signs in again with the password.
      await tx.session.update({ where: { id: input.sessionId }, data: { revokedAt: now } });
      await recordAudit(tx, { type: "session.revoked", actorId: input.userId, metadata: { sessionId: input.sessionId, reason: "too_many_codes" }, context });
    }
    return { locked, challengeOver, attemptsLeft: Math.max(0, MAX_FAILURES_PER_CHALLENGE - session.challengeFailures) };
  });
  if (outcome.locked) await notifyUser(input.userId, { template: "two-factor-locked", props: { until: outcome.locked } });
  return outcome;
}
