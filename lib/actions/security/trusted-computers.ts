"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { message } from "@/lib/i18n/message";
import { defineAction } from "@/lib/actions/define-action";
import { AppError } from "@/lib/errors";
import { revokeEveryTrustedComputer, revokeTrustedComputer } from "@/lib/mfa/trusted-computers";

/** Revoking trust only makes sign-in stricter, so it needs no sudo. */
export const revokeTrustedComputerAction = defineAction({
  access: "signed_in",
  input: z.object({ trustedComputerId: z.uuid("validation.invalid") }),
  run: async ({ trustedComputerId }, { session, request }) => {
    // Scoped to the signed-in person in the query: another person's computer matches nothing.
    if (!(await revokeTrustedComputer(session.userId, trustedComputerId, request))) throw new AppError("not_found");
    revalidatePath("/security");
    return { ok: true, message: message("trust.notices.computerRevoked") };
  },
});

export const revokeAllTrustedComputersAction = defineAction({
  access: "signed_in",
  run: async (_input, { session, request }) => {
    const count = await revokeEveryTrustedComputer(session.userId, request);
    revalidatePath("/security");
    return { ok: true, message: message("trust.notices.allRevoked", { count }) };
  },
});
