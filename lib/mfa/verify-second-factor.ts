import { db, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { upgradeSession } from "@/lib/auth/sessions";
import type { RequestContext } from "@/lib/http/request-context";
import { claimCodeAttempt, releaseCodeAttempt, type Challenge, type ClaimRefusal } from "./attempts";
import { factorFor, type FactorMethod, type FactorProof } from "./factors";
import type { FactorModule, Match } from "./factors/types";
import { settleWrongCode } from "./failures";
import { notifyUser } from "@/lib/email/notify";

export type { FactorMethod, FactorProof };
export type VerifyPurpose = "sign_in" | "sudo" | "password_reset";

export type VerifyResult =
  | { ok: true; method: FactorMethod; recoveryRemaining?: number; sessionId?: string }
  | { ok: false; code: "invalid_code" | "code_used" | ClaimRefusal["code"]; attemptsLeft?: number; lockedUntil?: Date };

export type VerifyInput = FactorProof & {
  userId: string;
  purpose: VerifyPurpose;
  /** The pending sign-in, or the signed-in session asking for sudo. */
  sessionId?: string;
  /** The password-reset token whose second step this is. */
  tokenId?: string;
  /** Runs inside the winning transaction (a password reset sets the password there); false rolls everything back. */
  onSuccess?: (tx: Tx) => Promise<boolean>;
};

/** The challenge this proof is for, or null when the method cannot answer it. */
function challengeFor(input: VerifyInput, factor: FactorModule<FactorProof>): Challenge | null {
  if (input.purpose === "password_reset") return input.tokenId && factor.real ? { kind: "password_reset", tokenId: input.tokenId } : null;
  if (!input.sessionId) return null;
  if (input.purpose === "sudo") return factor.grantsSudo ? { kind: "sudo", sessionId: input.sessionId } : null;
  return { kind: "sign_in", sessionId: input.sessionId, step: factor.signInStep };
}

/**
 * The one path every second-factor check takes (sign-in, sudo, password reset): claim an
 * attempt first (lib/mfa/attempts.ts), then the method's own check (lib/mfa/factors), then an
 * atomic claim of the proof together with the challenge's new state and the audit event. A
 * sign-in that passes gets a new session id; the caller points the cookie at `sessionId`.
 * Internal claims report by result; the domain functions over it (lib/mfa/challenge.ts) throw.
 */
export async function verifySecondFactor(input: VerifyInput, context: RequestContext, now = new Date()): Promise<VerifyResult> {
  const factor = factorFor(input.method);
  const challenge = challengeFor(input, factor);
  if (!challenge) return { ok: false, code: "invalid_code" };
  const claimed = await claimCodeAttempt({ userId: input.userId, challenge, recoveryCode: factor.liftsSuspension }, now);
  if (!claimed.ok) return { ok: false, ...claimed.refusal };

  const proof = { ...input, code: input.code.slice(0, 64) } as FactorProof;
  const match = await factor.match({ userId: input.userId, challenge, proof, now });

  if (match.kind === "none") return settleWrongCode({ userId: input.userId, challenge, method: input.method, claim: claimed.claim }, context, now);

  const won =
    match.kind === "fresh" &&
    (await db.$transaction((tx) => passChallenge(tx, input, factor, challenge, match, context, now)).catch((error) => {
      if (error instanceof RolledBack) return "gone" as const;
      throw error;
    }));
  if (!won || won === "gone") {
    await releaseCodeAttempt(input.userId, challenge);
    return { ok: false, code: won === "gone" ? "sign_in_expired" : "code_used" };
  }
  if (won.recoveryRemaining !== undefined) {
    await notifyUser(input.userId, { template: "recovery-code-used", props: { remaining: won.recoveryRemaining, purpose: input.purpose } });
  }
  return { ok: true, method: input.method, ...won };
}

/** The challenge ended under this request (its session or token was used up meanwhile). */
class RolledBack extends Error {}

/** The winning request's writes: the proof, the counts, the challenge's new state, the audit. */
async function passChallenge(
  tx: Tx,
  input: VerifyInput,
  factor: FactorModule<FactorProof>,
  challenge: Challenge,
  match: Extract<Match, { kind: "fresh" }>,
  context: RequestContext,
  now: Date,
): Promise<{ sessionId?: string; recoveryRemaining?: number } | null> {
  if (!(await match.consume(tx, now))) return null;
  // Row locks in the order every claim takes them (lib/mfa/attempts.ts): the challenge's row,
  // then the person's, so a winner and a racing claim never wait on each other in a circle.
  // The session records how and when it was verified, for levels and project policies.
  const verified = { method: input.method, real: factor.real };
  let sessionId: string | undefined;
  if (challenge.kind === "sign_in") {
    const upgraded = await upgradeSession(tx, challenge.sessionId, now, verified);
    if (!upgraded) throw new RolledBack();
    sessionId = upgraded.id;
  } else if (challenge.kind === "sudo") {
    await tx.session.update({
      where: { id: challenge.sessionId },
      data: { verifiedAt: now, verifiedMethod: input.method, factorVerifiedAt: now, factorMethod: input.method, challengeFailures: 0, challengeStartedAt: null },
    });
  }
  if (input.onSuccess && !(await input.onSuccess(tx))) throw new RolledBack();
  await tx.user.update({
    where: { id: input.userId },
    data: {
      twoFactorFailures: 0,
      twoFactorFailureStreak: 0,
      // A lock the tenth claim wrote before its (right) code was checked ends with it.
      twoFactorLockedUntil: null,
      ...(factor.liftsSuspension ? { twoFactorSuspendedAt: null } : {}),
    },
  });
  await recordAudit(tx, {
    type: challenge.kind === "sign_in" ? "auth.sign_in" : challenge.kind === "sudo" ? "sudo.granted" : "two_factor.challenge_passed",
    actorId: input.userId,
    metadata: {
      method: input.method,
      purpose: input.purpose,
      ...(challenge.kind === "sign_in" ? { sessionId: sessionId!, previousSessionId: challenge.sessionId } : {}),
    },
    context,
  });
  const extra = factor.afterPass ? await factor.afterPass(tx, { userId: input.userId, purpose: input.purpose, context }) : {};
  return { sessionId, ...extra };
}
