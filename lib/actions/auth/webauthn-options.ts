"use server";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { defineAction } from "@/lib/actions/define-action";
import type { FormState } from "@/lib/actions/form-state";
import { AppError } from "@/lib/errors";
import { securityKeyOptions } from "@/lib/mfa/webauthn/authentication-options";

export type KeyOptionsState = FormState & { options?: PublicKeyCredentialRequestOptionsJSON };

/**
 * Options for the sign-in challenge's "Use security key": a challenge bound to this pending
 * sign-in. The answer goes to /api/sign-in/verify like any other proof.
 */
export const signInKeyOptionsAction = defineAction({
  access: "pending",
  run: async (_input, { session }): Promise<KeyOptionsState> => {
    if (session.pendingStep !== "two_factor") throw new AppError("sign_in_expired");
    return { ok: true, options: await securityKeyOptions({ userId: session.userId, sessionId: session.id, purpose: "sign_in" }) };
  },
});

/** Options for the sudo prompt's "Use security key": a challenge bound to this signed-in session. */
export const sudoKeyOptionsAction = defineAction({
  access: "signed_in",
  run: async (_input, { session }): Promise<KeyOptionsState> => ({
    ok: true,
    options: await securityKeyOptions({ userId: session.userId, sessionId: session.id, purpose: "sudo" }),
  }),
});
