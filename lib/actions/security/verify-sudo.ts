"use server";

import { z } from "zod";
import { requireSession, type ActiveSession } from "@/lib/auth/session";
import { verifySudoPassword } from "@/lib/auth/sudo";
import { failed, formObject, fromError, invalid, type FormState } from "@/lib/actions/form-state";
import { hasSecondFactor } from "@/lib/mfa/status";
import { verifySecondFactor } from "@/lib/mfa/verify-second-factor";
import { currentRequestContext } from "@/lib/http/context";
import { challengeFailure } from "./challenge-failure";

const schema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("totp"), code: z.string().trim().min(1, "Enter the code from your authenticator app.").max(64) }),
  z.object({ method: z.literal("recovery_code"), code: z.string().trim().min(1, "Enter one of your recovery codes.").max(64) }),
  z.object({ method: z.literal("password"), password: z.string().min(1, "Enter your password.").max(1024) }),
]);

/** Sudo mode: a second factor when the person has one, otherwise the password. */
export async function verifySudoAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireSession();
  try {
    return await verifySudo(session, formData);
  } catch (error) {
    // An overloaded database is our failure: a clear message, never a 500 (rule 9).
    return fromError(error);
  }
}

async function verifySudo(session: ActiveSession, formData: FormData): Promise<FormState> {
  const parsed = schema.safeParse(formObject(formData));
  if (!parsed.success) return invalid(parsed.error);
  const context = await currentRequestContext();
  const twoFactor = await hasSecondFactor(session.userId);

  if (parsed.data.method === "password") {
    // SMS or a password is not enough for sudo when a stronger factor exists (rule 6).
    if (twoFactor) return { ...failed("sudo_required"), sudo: "two_factor" };
    const result = await verifySudoPassword({ userId: session.userId, sessionId: session.id, password: parsed.data.password }, context);
    return result.ok ? { ok: true } : failed(result.code);
  }
  if (!twoFactor) return { ...failed("two_factor_not_enabled"), sudo: "password" };
  const result = await verifySecondFactor(
    { userId: session.userId, sessionId: session.id, method: parsed.data.method, code: parsed.data.code, purpose: "sudo" },
    context,
  );
  if (result.ok) return { ok: true };
  // A signed-in session is never ended by wrong codes: it waits out the window instead.
  return result.code === "challenge_over" ? failed("sudo_throttled") : challengeFailure(result);
}
