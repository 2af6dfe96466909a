"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { notice } from "@/lib/i18n/message";
import { defineAction } from "@/lib/actions/define-action";
import { setEmailLoginVerification } from "@/lib/mfa/email-login-setting";

/** Turning the protection on is free; turning it off weakens the account, so the domain asks for sudo (requireSudo). */
export const setEmailLoginVerificationAction = defineAction({
  access: "signed_in",
  input: z.object({ enabled: z.enum(["true", "false"]).transform((value) => value === "true") }),
  run: async ({ enabled }, { session, request }) => {
    await setEmailLoginVerification({ userId: session.userId, sessionId: session.id }, enabled, request);
    revalidatePath("/security");
    return { ok: true, message: notice(enabled ? "notices.emailLoginOn" : "notices.emailLoginOff") };
  },
});
