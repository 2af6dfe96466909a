import { AppError } from "@/lib/errors";
import type { PendingSession } from "@/lib/auth/session";
import { signInCompleted } from "@/lib/auth/sign-in";
import type { RequestContext } from "@/lib/http/request-context";
import { verifySecondFactor, type FactorProof, type VerifyPurpose, type VerifyResult } from "./verify-second-factor";

/**
 * A failed check as the typed error a person reads. A pending sign-in ends after 5 wrong codes;
 * a sudo prompt is never ended, it waits out its window; a reset link is used up.
 */
export function verifyFailure(result: Extract<VerifyResult, { ok: false }>, purpose: VerifyPurpose): AppError {
  const { code, attemptsLeft, lockedUntil } = result;
  if (purpose === "sudo" && code === "challenge_over") return new AppError("sudo_throttled");
  if (purpose === "password_reset" && (code === "challenge_over" || code === "sign_in_expired")) return new AppError("token_invalid");
  return new AppError(code, { attemptsLeft, lockedUntil });
}

/**
 * The sign-in challenge: the pending session becomes a signed-in one with a new id; after the
 * answer, a browser never seen before is emailed. Throws AppError when the proof is refused.
 */
export async function passSignInChallenge(pending: PendingSession, proof: FactorProof, context: RequestContext) {
  const result = await verifySecondFactor({ ...proof, userId: pending.userId, sessionId: pending.id, purpose: "sign_in" }, context);
  if (!result.ok) throw verifyFailure(result, "sign_in");
  const sessionId = result.sessionId!;
  await signInCompleted(pending.user, { id: sessionId, previousId: pending.id, deviceHash: pending.deviceHash, createdAt: new Date() }, context, result.knownBrowser);
  return { sessionId, method: result.method, recoveryRemaining: result.recoveryRemaining };
}
