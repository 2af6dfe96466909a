"use server";

import { after } from "next/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { notice } from "@/lib/i18n/message";
import { defineAction } from "@/lib/actions/define-action";
import { emailSchema } from "@/lib/auth/email";
import { newPasswordSchema } from "@/lib/auth/password";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";

/** "Send reset link": one answer for every address, and the email leaves after the answer. */
export const requestPasswordResetAction = defineAction({
  access: "public",
  input: z.object({ email: emailSchema }),
  run: async ({ email }, { request }) => {
    const { deliver } = await requestPasswordReset({ email }, request);
    after(() => deliver().catch((error) => console.error("Could not send the password reset email:", error)));
    return { ok: true, message: notice("notices.resetLinkSent") };
  },
});

const resetSchema = z.object({
  token: z.string().min(1).max(200),
  password: newPasswordSchema,
  // A reset link proves the mailbox, so only a real factor may complete it.
  // The reset form asks for a typed code: an app's or a recovery code (a key or a phone is not offered there).
  method: z.enum(["totp", "recovery_code"]).optional(),
  code: z.string().trim().max(64).optional(),
});

export const resetPasswordAction = defineAction({
  access: "public",
  input: resetSchema,
  run: async ({ token, password, method, code }, { request }) => {
    await resetPassword({ token, password, method, code: code || undefined }, request);
    redirect("/sign-in?reset=1");
  },
});
