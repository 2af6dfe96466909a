"use server";

import { redirect } from "next/navigation";
import { updateAuthSession } from "@/lib/auth/next-auth";
import { notice } from "@/lib/i18n/message";
import { defineAction } from "@/lib/actions/define-action";
import { passSignInChallenge } from "@/lib/mfa/challenge";
import { FACTOR_METHODS, proofSchema } from "@/lib/mfa/factors";
import { sendLoginCode } from "@/lib/mfa/login-code";
import { AppError } from "@/lib/errors";

/** The sign-in challenge: the pending session becomes a signed-in one (with a new id), or counts a failure. */
export const verifyChallengeAction = defineAction({
  access: "pending",
  input: proofSchema(FACTOR_METHODS),
  run: async (proof, { session, request }) => {
    const passed = await passSignInChallenge(session, proof, request);
    // The cookie now names the new session; the pending one is already ended.
    await updateAuthSession({ sid: passed.sessionId });
    redirect(passed.method === "recovery_code" ? `/security?recovered=${passed.recoveryRemaining ?? 0}` : "/security");
  },
});

export const resendLoginCodeAction = defineAction({
  access: "pending",
  run: async (_input, { session, request }) => {
    if (session.pendingStep !== "email_code") throw new AppError("sign_in_expired");
    await sendLoginCode(session.userId, session.id, request);
    return { ok: true, message: notice("notices.codeSent") };
  },
});
