"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import type { FormState } from "@/lib/actions/form-state";
import { fromAppError } from "@/lib/actions/form-state";
import { phoneSendState, type PhoneSendState } from "@/lib/actions/phone-send-state";
import { removeFactor } from "@/lib/mfa/factor-changes";
import { sendEnrolmentCode, startPhoneEnrolment, verifyPhoneEnrolment } from "@/lib/mfa/phone-enrolment";
import { parsePhoneNumber } from "@/lib/mfa/phone-number";
import { makePrimaryPhone } from "@/lib/mfa/phone-roles";
import { recoveryCodesText } from "@/lib/mfa/recovery-codes";

const channel = z.enum(["sms", "voice"], "validation.chooseChannel");
const factorId = z.uuid("validation.restartSetup");

/** The number field read as E.164; the message says what to fix (the country code, a landline for texts…). */
const numberInput = z
  .object({ phone: z.string().max(200), channel, fallback: z.enum(["true", "false"]).default("false") })
  .transform((value, ctx) => {
    const parsed = parsePhoneNumber(value.phone, value.channel);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.problem, path: ["phone"] });
      return z.NEVER;
    }
    return { phone: parsed.phone, channel: value.channel, fallback: value.fallback === "true" };
  });

/** A number waiting for its code, and how the first code went. */
export type PhoneEnrolmentState = PhoneSendState & { factorId?: string; phone?: string; fallback?: boolean; sendRefusal?: FormState };

/** Adding a number (or a fallback, or a new main number): sudo, as for every factor. */
export const startPhoneEnrolmentAction = defineAction({
  access: "signed_in",
  sudo: true,
  input: numberInput,
  run: async (input, { session, request }): Promise<PhoneEnrolmentState> => {
    const started = await startPhoneEnrolment({ userId: session.userId, sessionId: session.id }, input, request);
    const refusal = started.refusal ? fromAppError(started.refusal) : undefined;
    return {
      ok: true,
      factorId: started.factorId,
      phone: started.phone,
      fallback: started.fallback,
      channel: started.channel,
      retryAt: (started.sent?.retryAt ?? started.refusal?.details.retryAt)?.toISOString(),
      sendRefusal: refusal,
    };
  },
});

/** "Send again" / "Call me instead" while verifying a number. */
export const sendPhoneEnrolmentCodeAction = defineAction({
  access: "signed_in",
  sudo: true,
  input: z.object({ factorId, channel }),
  run: async (input, { session, request }): Promise<PhoneSendState> =>
    phoneSendState(input.channel, () => sendEnrolmentCode({ userId: session.userId, sessionId: session.id }, input, request)),
});

export type PhoneVerifiedState = FormState & { hint?: string; fallback?: boolean; recoveryCodes?: string[]; recoveryText?: string };

export const verifyPhoneEnrolmentAction = defineAction({
  access: "signed_in",
  input: z.object({ factorId, code: z.string().trim().min(1, "validation.enterCode").max(64) }),
  run: async (input, { session, request }): Promise<PhoneVerifiedState> => {
    const verified = await verifyPhoneEnrolment({ userId: session.userId, sessionId: session.id }, input, request);
    revalidatePath("/security");
    const codes = verified.recoveryCodes;
    const recoveryText = codes ? recoveryCodesText({ email: session.user.email, codes, generatedAt: new Date(), locale: await getLocale() }) : undefined;
    return { ok: true, hint: verified.hint, fallback: verified.fallback, ...(codes ? { recoveryCodes: codes, recoveryText } : {}) };
  },
});

export type PhoneChangedState = FormState & { hint?: string; twoFactorOff?: boolean };

/** Remove a number (lib/mfa/factor-changes.ts: sudo; the last factor only after confirmation). */
export const removePhoneAction = defineAction({
  access: "signed_in",
  sudo: true,
  input: z.object({ factorId: z.uuid("validation.invalid"), confirmLast: z.enum(["true", "false"]).default("false") }),
  run: async (input, { session, request }): Promise<PhoneChangedState> => {
    const removed = await removeFactor({ userId: session.userId, sessionId: session.id }, { factorId: input.factorId, confirmLast: input.confirmLast === "true" }, request);
    revalidatePath("/security");
    return { ok: true, hint: removed.removed.hint ?? "", twoFactorOff: removed.twoFactorOff };
  },
});

/** Make the fallback number the main one (the main one becomes the fallback). */
export const makePrimaryPhoneAction = defineAction({
  access: "signed_in",
  sudo: true,
  input: z.object({ factorId: z.uuid("validation.invalid") }),
  run: async (input, { session, request }): Promise<PhoneChangedState> => {
    const { hint } = await makePrimaryPhone({ userId: session.userId, sessionId: session.id }, input.factorId, request);
    revalidatePath("/security");
    return { ok: true, hint };
  },
});
