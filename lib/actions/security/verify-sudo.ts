"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { confirmSudo } from "@/lib/auth/sudo";
import { proofSchema, SUDO_FACTOR_METHODS } from "@/lib/mfa/factors";

const schema = z.union([
  proofSchema(SUDO_FACTOR_METHODS),
  z.object({ method: z.literal("password"), password: z.string().min(1, "validation.enterPassword").max(1024) }),
]);

/** Sudo mode: a second factor when the person has one, otherwise the password. */
export const verifySudoAction = defineAction({
  access: "signed_in",
  input: schema,
  run: async (proof, { session, request }) => {
    await confirmSudo(session, proof, request);
    return { ok: true };
  },
});
