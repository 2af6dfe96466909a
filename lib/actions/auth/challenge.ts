"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getPendingSession } from "@/lib/auth/session";
import { updateAuthSession } from "@/lib/auth/next-auth";
import { notifyIfNewBrowser } from "@/lib/auth/sign-in";
import { failed, fromError, formObject, invalid, type FormState } from "@/lib/actions/form-state";
import { challengeFailure } from "@/lib/actions/security/challenge-failure";
import { currentRequestContext } from "@/lib/http/context";
import { sendLoginCode } from "@/lib/mfa/login-code";
import { verifySecondFactor } from "@/lib/mfa/verify-second-factor";

const schema = z.object({
  method: z.enum(["totp", "recovery_code", "email_code"]),
  code: z.string().trim().min(1, "Enter the code.").max(64),
});

/** The sign-in challenge: the pending session becomes a signed-in one (with a new id), or counts a failure. */
export async function verifyChallengeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const pending = await getPendingSession();
  if (!pending) return failed("sign_in_expired");
  const parsed = schema.safeParse(formObject(formData));
  if (!parsed.success) return invalid(parsed.error);
  const context = await currentRequestContext();
  let result;
  try {
    result = await verifySecondFactor(
      { userId: pending.userId, sessionId: pending.id, method: parsed.data.method, code: parsed.data.code, purpose: "sign_in" },
      context,
    );
  } catch (error) {
    // An overloaded database is our failure: a clear message, never a 500 (rule 9).
    return fromError(error);
  }
  if (!result.ok) return challengeFailure(result);
  try {
    // The cookie now names the new session; the pending one is already ended.
    await updateAuthSession({ sid: result.sessionId });
    await notifyIfNewBrowser(pending.userId, { id: result.sessionId!, previousId: pending.id, deviceHash: pending.deviceHash, createdAt: new Date() }, context);
  } catch (error) {
    return fromError(error);
  }
  redirect(result.method === "recovery_code" ? `/security?recovered=${result.recoveryRemaining ?? 0}` : "/security");
}

export async function resendLoginCodeAction(): Promise<FormState> {
  const pending = await getPendingSession();
  if (!pending || pending.pendingStep !== "email_code") return failed("sign_in_expired");
  try {
    await sendLoginCode(pending.userId, pending.id, await currentRequestContext());
    return { ok: true, message: "We sent a new code." };
  } catch (error) {
    return fromError(error);
  }
}
