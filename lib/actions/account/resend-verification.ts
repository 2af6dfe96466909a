"use server";

import { defineAction } from "@/lib/actions/define-action";
import { sendVerificationEmail } from "@/lib/auth/email-verification";

export const resendVerificationAction = defineAction({
  access: "signed_in",
  run: async (_input, { session, request }) => {
    await sendVerificationEmail(session.user, request);
    return { ok: true, message: { key: "notices.verificationSent", values: { email: session.user.email } } };
  },
});
