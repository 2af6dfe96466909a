"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { registerAccount, signUpSchema } from "@/lib/auth/sign-up";

/** Every accepted sign-up ends on the same page, whether or not the address had an account. */
export const signUpAction = defineAction({
  access: "public",
  input: signUpSchema,
  run: async (input, { request }) => {
    await registerAccount(input, request);
    redirect("/sign-up/check-inbox");
  },
});
