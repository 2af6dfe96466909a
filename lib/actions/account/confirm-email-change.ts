"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { confirmEmailChange } from "@/lib/auth/email-change";
import { linkTokenSchema } from "@/lib/auth/link-token";

/** No session needed: the link itself proves the person reads the new address. */
export const confirmEmailChangeAction = defineAction({
  access: "public",
  input: linkTokenSchema,
  run: async ({ token }, { request }) => {
    await confirmEmailChange(token, request);
    redirect("/verify-email/done");
  },
});
