"use server";

import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { createElement, type ReactNode } from "react";
import { z } from "zod";
import { TotpQrCode } from "@/components/security/totp-qr-code";
import { notice } from "@/lib/i18n/message";
import { defineAction } from "@/lib/actions/define-action";
import type { FormState } from "@/lib/actions/form-state";
import { disableTwoFactor } from "@/lib/mfa/disable";
import { recoveryCodesText } from "@/lib/mfa/recovery-codes";
import { regenerateRecoveryCodes } from "@/lib/mfa/recovery-set";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/mfa/totp-enrolment";
import { removeFactor } from "@/lib/mfa/factor-changes";
import { setPreferredFactor } from "@/lib/mfa/preferred-factor";

/** `qrCode`: the otpauth URI as a QR code, rendered here on the server (components/security/totp-qr-code.tsx). */
export type EnrolmentState = FormState & { factorId?: string; setupKey?: string; uri?: string; qrCode?: ReactNode };
/** `reenrolled`: the new authenticator replaced the old one (else it joined the person's other methods). */
export type RecoveryCodesState = FormState & { recoveryCodes?: string[]; recoveryText?: string; reenrolled?: boolean };

/** The new codes, and the file to download them in the language the person reads the page in. */
async function withCodes(email: string, codes: string[]): Promise<RecoveryCodesState> {
  return { ok: true, recoveryCodes: codes, recoveryText: recoveryCodesText({ email, codes, generatedAt: new Date(), locale: await getLocale() }) };
}

/**
 * Starts enrolling an authenticator. Sudo even for the first one: otherwise a stolen session
 * could enrol the thief's phone and lock the owner out. Replacing a factor is sudo by rule 6.
 */
export const startEnrolmentAction = defineAction({
  access: "signed_in",
  sudo: true,
  run: async (_input, { session }): Promise<EnrolmentState> => {
    const [started, t] = await Promise.all([startTotpEnrolment({ userId: session.userId, sessionId: session.id }), getTranslations("security.enrolment")]);
    return { ok: true, ...started, qrCode: createElement(TotpQrCode, { uri: started.uri, title: t("qrTitle") }) };
  },
});

export const confirmEnrolmentAction = defineAction({
  access: "signed_in",
  input: z.object({
    factorId: z.uuid("validation.restartSetup"),
    code: z.string().trim().min(1, "validation.enterAuthenticatorCode").max(64),
  }),
  run: async (input, { session, request }): Promise<RecoveryCodesState> => {
    const result = await confirmTotpEnrolment({ userId: session.userId, sessionId: session.id }, input, request);
    revalidatePath("/security");
    return result.recoveryCodes ? withCodes(session.user.email, result.recoveryCodes) : { ok: true, reenrolled: result.reenrolled };
  },
});

export const regenerateRecoveryCodesAction = defineAction({
  access: "signed_in",
  sudo: true,
  run: async (_input, { session, request }): Promise<RecoveryCodesState> => {
    const codes = await regenerateRecoveryCodes({ userId: session.userId, sessionId: session.id }, request);
    revalidatePath("/security");
    return withCodes(session.user.email, codes);
  },
});

export const disableTwoFactorAction = defineAction({
  access: "signed_in",
  sudo: true,
  run: async (_input, { session, request }) => {
    await disableTwoFactor({ userId: session.userId, sessionId: session.id }, request);
    revalidatePath("/security");
    return { ok: true, message: notice("notices.twoFactorOff") };
  },
});

export const setPreferredFactorAction = defineAction({
  access: "signed_in",
  input: z.object({ factorId: z.uuid("validation.invalid") }),
  run: async (input, { session, request }) => {
    await setPreferredFactor(session.userId, input.factorId, request);
    revalidatePath("/security");
    return { ok: true, message: notice("notices.preferredChanged") };
  },
});

/** Removes the authenticator app alone (other methods stay); the last method needs `confirmLast`. */
export const removeAuthenticatorAction = defineAction({
  access: "signed_in",
  sudo: true,
  input: z.object({ factorId: z.uuid("validation.invalid"), confirmLast: z.enum(["true"]).optional() }),
  run: async (input, { session, request }) => {
    const result = await removeFactor({ userId: session.userId, sessionId: session.id }, { factorId: input.factorId, confirmLast: input.confirmLast === "true" }, request);
    revalidatePath("/security");
    return { ok: true, message: notice(result.twoFactorOff ? "notices.twoFactorOff" : "notices.authenticatorRemoved") };
  },
});
