"use server";

import { notice } from "@/lib/i18n/message";
import { defineAction } from "@/lib/actions/define-action";
import { sendVerificationEmail } from "@/lib/auth/email-verification";

export const resendVerificationAction = defineAction({
  access: "signed_in",
  run: async (_input, { session, request }) => {
    await sendVerificationEmail(session.user, request);
    return { ok: true, message: notice("notices.verificationSent", { email: session.user.email }) };
  },
});
