import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/http/request-context";
import type { Challenge, Claim } from "./attempts";
import { notifyUser } from "@/lib/email/notify";
import { LOCK_AFTER_FAILURES, LOCK_DURATION_MS, MAX_FAILURES_PER_CHALLENGE, TWO_FACTOR_STREAK_LIMIT } from "@/lib/policy";

export type WrongCodeResult =
  | { ok: false; code: "invalid_code"; attemptsLeft: number }
  | { ok: false; code: "locked"; lockedUntil: Date }
  | { ok: false; code: "challenge_over" };

/**
 * The effects of a wrong code whose attempt was already claimed (and so already counted).
 * Each effect is a conditional update that exactly one request can win, so a burst of
 * wrong codes locks 2FA once (one email, one audit event) and ends a challenge once:
 * - the person's 10th wrong code locks 2FA for 15 minutes;
 * - the 100th in a row (across locks) suspends the factor until a recovery code restores it;
 * - the challenge's 5th ends it: a pending sign-in is revoked, a reset token used up. A
 *   signed-in session asking for sudo is never ended by wrong codes.
 */
export async function settleWrongCode(
  input: { userId: string; challenge: Challenge; method: string; claim: Claim },
  context: RequestContext,
  now: Date,
): Promise<WrongCodeResult> {
  const { claim, challenge } = input;
  const lockUntil = new Date(now.getTime() + LOCK_DURATION_MS);
  const effects = await db.$transaction(async (tx) => {
    await recordAudit(tx, {
      type: "two_factor.challenge_failed",
      outcome: "failure",
      actorId: input.userId,
      metadata: { method: input.method, purpose: challenge.kind, reason: "wrong_code" },
      context,
    });
    // The challenge's row before the person's: the order every claim locks them in.
    let over = false;
    if (claim.challengeCount >= MAX_FAILURES_PER_CHALLENGE && challenge.kind === "sign_in") {
      over = (await tx.session.updateMany({ where: { id: challenge.sessionId, revokedAt: null, pendingStep: { not: null } }, data: { revokedAt: now } })).count === 1;
      if (over) {
        await recordAudit(tx, { type: "session.revoked", actorId: input.userId, metadata: { sessionId: challenge.sessionId, reason: "too_many_codes" }, context });
      }
    } else if (claim.challengeCount >= MAX_FAILURES_PER_CHALLENGE && challenge.kind === "password_reset") {
      over = (await tx.verificationToken.updateMany({ where: { id: challenge.tokenId, usedAt: null }, data: { expiresAt: now } })).count === 1;
    }
    // The claim that reached 10 already wrote the lock (lib/mfa/attempts.ts); only that one
    // request records and announces it.
    const locked = claim.personCount === LOCK_AFTER_FAILURES;
    if (locked) await recordAudit(tx, { type: "two_factor.locked", outcome: "failure", actorId: input.userId, metadata: { until: lockUntil.toISOString() }, context });
    const suspended =
      claim.streak >= TWO_FACTOR_STREAK_LIMIT &&
      (await tx.user.updateMany({ where: { id: input.userId, twoFactorSuspendedAt: null }, data: { twoFactorSuspendedAt: now } })).count === 1;
    if (suspended) {
      await recordAudit(tx, { type: "two_factor.suspended", outcome: "failure", actorId: input.userId, metadata: { failures: claim.streak }, context });
    }
    return { locked, suspended, over };
  });

  // Emails after the transaction: one per lock, one per suspension, and one for the first wrong
  // code of a sign-in (the password was right, so the person should know).
  if (effects.locked) await notifyUser(input.userId, { template: "two-factor-locked", props: { until: lockUntil } });
  if (effects.suspended) await notifyUser(input.userId, { template: "two-factor-suspended", props: { failures: claim.streak } });
  if (challenge.kind === "sign_in" && claim.challengeCount === 1) {
    await notifyUser(input.userId, { template: "two-factor-failed", props: { at: now, ip: context.ip } });
  }

  if (claim.personCount >= LOCK_AFTER_FAILURES) {
    const user = await db.user.findUnique({ where: { id: input.userId }, select: { twoFactorLockedUntil: true } });
    return { ok: false, code: "locked", lockedUntil: user?.twoFactorLockedUntil ?? lockUntil };
  }
  if (claim.challengeCount >= MAX_FAILURES_PER_CHALLENGE) return { ok: false, code: "challenge_over" };
  return {
    ok: false,
    code: "invalid_code",
    attemptsLeft: Math.min(MAX_FAILURES_PER_CHALLENGE - claim.challengeCount, LOCK_AFTER_FAILURES - claim.personCount),
  };
}
