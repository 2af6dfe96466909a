"use server";

import { after } from "next/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { newPasswordSchema } from "@/lib/auth/password";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { failed, fromError, formObject, invalid, type FormState } from "@/lib/actions/form-state";
import { challengeFailure } from "@/lib/actions/security/challenge-failure";
import { currentRequestContext } from "@/lib/http/context";

const requestSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").max(254).pipe(z.email("Enter a valid email address.")),
});

/** "Send reset link": one answer for every address, and the email leaves after the answer. */
export async function requestPasswordResetAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = requestSchema.safeParse(formObject(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const { deliver } = await requestPasswordReset({ email: parsed.data.email }, await currentRequestContext());
    after(() => deliver().catch((error) => console.error("Could not send the password reset email:", error)));
  } catch (error) {
    return fromError(error);
  }
  return { ok: true, message: "If an account uses this address, we have sent it a link to reset the password. It works for 30 minutes." };
}

const resetSchema = z.object({
  token: z.string().min(1).max(200),
  password: newPasswordSchema,
  method: z.enum(["totp", "recovery_code"]).optional(),
  code: z.string().trim().max(64).optional(),
});

export async function resetPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = resetSchema.safeParse(formObject(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const { token, password, method, code } = parsed.data;
    const result = await resetPassword({ token, password, method, code: code || undefined }, await currentRequestContext());
    if (!result.ok) {
      if (result.code === "challenge_over" || result.code === "sign_in_expired") return failed("token_invalid");
      return challengeFailure(result);
    }
  } catch (error) {
    return fromError(error);
  }
  redirect("/sign-in?reset=1");
}
