"use server";

import { redirect } from "next/navigation";
import { registerAccount, signUpSchema } from "@/lib/auth/sign-up";
import { fromError, invalid, formObject, type FormState } from "@/lib/actions/form-state";
import { currentRequestContext } from "@/lib/http/context";

/** Every accepted sign-up ends on the same page, whether or not the address had an account. */
export async function signUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = signUpSchema.safeParse(formObject(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await registerAccount(parsed.data, await currentRequestContext());
  } catch (error) {
    return fromError(error);
  }
  redirect("/sign-up/check-inbox");
}
