"use server";

import { revalidatePath } from "next/cache";
import { notice } from "@/lib/i18n/message";
import { defineAction } from "@/lib/actions/define-action";
import { changeEmailSchema, changePassword, changePasswordSchema } from "@/lib/auth/change-credentials";
import { requestEmailChange } from "@/lib/auth/email-change";

export const changePasswordAction = defineAction({
  access: "signed_in",
  input: changePasswordSchema,
  sudo: true,
  run: async ({ password }, { session, request }) => {
    const signedOut = await changePassword({ userId: session.userId, sessionId: session.id }, password, request);
    revalidatePath("/security");
    return { ok: true, message: notice("notices.passwordChanged", { count: signedOut }) };
  },
});

export const changeEmailAction = defineAction({
  access: "signed_in",
  input: changeEmailSchema,
  sudo: true,
  run: async ({ email }, { session, request }) => {
    await requestEmailChange({ userId: session.userId, sessionId: session.id }, email, request);
    revalidatePath("/account");
    return { ok: true, message: notice("notices.emailChangeRequested", { newEmail: email, currentEmail: session.user.email }) };
  },
});
