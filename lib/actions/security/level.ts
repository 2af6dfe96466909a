"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { message } from "@/lib/i18n/message";
import { defineAction } from "@/lib/actions/define-action";
import { setTwoFactorLevel } from "@/lib/mfa/level";
import { TWO_FACTOR_LEVELS } from "@/lib/policy/levels";

/** The level control (components/security/level-card.tsx). Lowering it needs sudo, which the domain asks for (requireSudo). */
export const setTwoFactorLevelAction = defineAction({
  access: "signed_in",
  input: z.object({ level: z.enum(TWO_FACTOR_LEVELS, "validation.invalid") }),
  run: async ({ level }, { session, request }) => {
    await setTwoFactorLevel({ userId: session.userId, sessionId: session.id }, level, request);
    revalidatePath("/security");
    return { ok: true, message: message("trust.notices.levelChanged", { level }) };
  },
});
