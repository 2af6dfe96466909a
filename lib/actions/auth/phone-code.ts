"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { phoneSendState, type PhoneSendState } from "@/lib/actions/phone-send-state";
import { AppError } from "@/lib/errors";
import { sendChallengeCode } from "@/lib/mfa/phone-codes";

const input = z.object({
  factorId: z.uuid("validation.invalid"),
  channel: z.enum(["sms", "voice"], "validation.chooseChannel"),
});

/** "Text me a code" / "Call me instead" at the sign-in challenge (components/auth/phone-challenge.tsx). */
export const sendSignInPhoneCodeAction = defineAction({
  access: "pending",
  input,
  run: async ({ factorId, channel }, { session, request }): Promise<PhoneSendState> => {
    if (session.pendingStep !== "two_factor") throw new AppError("sign_in_expired");
    return phoneSendState(channel, () => sendChallengeCode({ userId: session.userId, sessionId: session.id, factorId, channel, purpose: "sign_in" }, request));
  },
});

/** The same at the sudo prompt: a code that confirms it is you, for a person whose only factors are numbers. */
export const sendSudoPhoneCodeAction = defineAction({
  access: "signed_in",
  input,
  run: async ({ factorId, channel }, { session, request }): Promise<PhoneSendState> =>
    phoneSendState(channel, () => sendChallengeCode({ userId: session.userId, sessionId: session.id, factorId, channel, purpose: "sudo" }, request)),
});
