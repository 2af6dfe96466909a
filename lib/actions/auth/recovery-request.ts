"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { AppError } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { fileRecoveryRequest } from "@/lib/support/recovery-request";
import { recoveryRequestSchema } from "@/lib/support/recovery-request-schema";

/**
 * Files a recovery request from a sign-in that passed the password and waits for its second
 * factor: only such a session names the account, so a stranger cannot file one for it. The
 * sign-in stays pending. A refusal says why, with the time the form shows in the viewer's zone.
 */
export const fileRecoveryRequestAction = defineAction({
  access: "pending",
  input: recoveryRequestSchema,
  run: async (input, { session, request }) => {
    if (session.pendingStep !== "two_factor") throw new AppError("forbidden");
    const result = await fileRecoveryRequest(session.userId, input, request);
    if (result.outcome === "filed") redirect("/sign-in/verify/recovery-request/filed");
    if (result.outcome === "already_open") {
      return { message: message("recoveryRequest.form.alreadyOpen"), refusal: "already_open" as const, at: result.filedAt.toISOString() };
    }
    return { message: message("recoveryRequest.form.limitReached"), refusal: "limit_reached" as const, at: result.retryAt.toISOString() };
  },
});
