"use server";

import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import type { FormState } from "@/lib/actions/form-state";
import { removeFactor } from "@/lib/mfa/factor-changes";
import { recoveryCodesText } from "@/lib/mfa/recovery-codes";
import { keyNameSchema } from "@/lib/mfa/webauthn/key-names";
import { finishKeyRegistration, startKeyRegistration } from "@/lib/mfa/webauthn/registration";
import { renameSecurityKey } from "@/lib/mfa/webauthn/rename-key";
import { WEBAUTHN_RESPONSE_MAX } from "@/lib/mfa/webauthn/responses";

export type RegistrationOptionsState = FormState & { options?: PublicKeyCredentialCreationOptionsJSON };
export type KeyRegisteredState = FormState & { name?: string; recoveryCodes?: string[]; recoveryText?: string };
export type KeyRemovedState = FormState & { twoFactorOff?: boolean };

const factorId = z.uuid("validation.invalid");
const response = z.string().min(1, "validation.useSecurityKey").max(WEBAUTHN_RESPONSE_MAX, "validation.useSecurityKey");

/** Register security key, first half: the name is checked, then the options for the browser's prompt (sudo). */
export const startKeyRegistrationAction = defineAction({
  access: "signed_in",
  sudo: true,
  input: z.object({ name: keyNameSchema }),
  run: async ({ name }, { session }): Promise<RegistrationOptionsState> => {
    const options = await startKeyRegistration({ userId: session.userId, sessionId: session.id }, { name });
    return { ok: true, options };
  },
});

/** Register security key, second half: the browser's new credential, verified and stored; a first factor brings recovery codes. */
export const finishKeyRegistrationAction = defineAction({
  access: "signed_in",
  sudo: true,
  input: z.object({ name: keyNameSchema, response }),
  run: async (input, { session, request }): Promise<KeyRegisteredState> => {
    const result = await finishKeyRegistration({ userId: session.userId, sessionId: session.id }, input, request);
    revalidatePath("/security");
    if (!result.recoveryCodes) return { ok: true, name: input.name };
    const recoveryText = recoveryCodesText({ email: session.user.email, codes: result.recoveryCodes, generatedAt: new Date(), locale: await getLocale() });
    return { ok: true, name: input.name, recoveryCodes: result.recoveryCodes, recoveryText };
  },
});

export const renameSecurityKeyAction = defineAction({
  access: "signed_in",
  input: z.object({ factorId, name: keyNameSchema }),
  run: async (input, { session, request }): Promise<FormState & { name?: string }> => {
    await renameSecurityKey({ userId: session.userId, sessionId: session.id }, input, request);
    revalidatePath("/security");
    return { ok: true, name: input.name };
  },
});

/** Remove, in sudo mode; the last real factor needs `confirmLast` (the card asks first) and turns 2FA off. */
export const removeSecurityKeyAction = defineAction({
  access: "signed_in",
  sudo: true,
  input: z.object({ factorId, confirmLast: z.literal("true").optional() }),
  run: async (input, { session, request }): Promise<KeyRemovedState> => {
    const result = await removeFactor({ userId: session.userId, sessionId: session.id }, { factorId: input.factorId, confirmLast: input.confirmLast === "true" }, request);
    revalidatePath("/security");
    return { ok: true, twoFactorOff: result.twoFactorOff };
  },
});
