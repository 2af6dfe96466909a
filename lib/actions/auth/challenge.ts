"use server";

import { notice } from "@/lib/i18n/message";
import { defineAction } from "@/lib/actions/define-action";
import { sendLoginCode } from "@/lib/mfa/login-code";
import { AppError } from "@/lib/errors";

export const resendLoginCodeAction = defineAction({
  access: "pending",
  run: async (_input, { session, request }) => {
    if (session.pendingStep !== "email_code") throw new AppError("sign_in_expired");
    await sendLoginCode(session.userId, session.id, request);
    return { ok: true, message: notice("notices.codeSent") };
  },
});
