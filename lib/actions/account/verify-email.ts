"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { verifyEmailToken } from "@/lib/auth/email-verification";
import { linkTokenSchema } from "@/lib/auth/link-token";

export const verifyEmailAction = defineAction({
  access: "public",
  input: linkTokenSchema,
  run: async ({ token }, { request }) => {
    await verifyEmailToken(token, request);
    redirect("/verify-email/done");
  },
});
