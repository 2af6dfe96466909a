"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import type { FormState } from "@/lib/actions/form-state";
import { confirmSudo } from "@/lib/auth/sudo";
import { listChallengeOptions, type ChallengeOption } from "@/lib/mfa/challenge-options";
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

export type SudoOptionsState = FormState & { options?: ChallengeOption[] };

/** The ways the person can confirm sudo, preferred first (a phone is left out beside an app or a key: rule 6). */
export const sudoOptionsAction = defineAction({
  access: "signed_in",
  run: async (_input, { session }): Promise<SudoOptionsState> => ({ ok: true, options: await listChallengeOptions(session.userId, "sudo") }),
});
