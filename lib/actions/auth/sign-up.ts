"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { registerAccount, signUpSchema } from "@/lib/auth/sign-up";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

/**
 * Every accepted sign-up ends on the same page, whether or not the address had an account;
 * a same-origin `next` (an invitation link) rides along for the sign-in that follows.
 */
export const signUpAction = defineAction({
  access: "public",
  input: signUpSchema.extend({ next: z.string().max(2048).optional() }),
  run: async ({ next, ...input }, { request }) => {
    await registerAccount(input, request);
    const path = safeRedirectPath(next, "");
    redirect(path ? `/sign-up/check-inbox?next=${encodeURIComponent(path)}` : "/sign-up/check-inbox");
  },
});
