import { failed, type FormState } from "@/lib/actions/form-state";
import type { VerifyResult } from "@/lib/mfa/verify-second-factor";

/** The words for a failed code check, with the attempts left or the lock's end when it helps. */
export function challengeFailure(result: Extract<VerifyResult, { ok: false }>): FormState {
  const state = failed(result.code);
  if (result.code === "invalid_code" && result.attemptsLeft !== undefined && result.attemptsLeft <= 3) {
    const left = result.attemptsLeft === 1 ? "1 attempt" : `${result.attemptsLeft} attempts`;
    return { ...state, message: `${state.message} ${left} left.` };
  }
  if (result.code === "locked" && result.lockedUntil) return { ...state, lockedUntil: result.lockedUntil.toISOString() };
  return state;
}
