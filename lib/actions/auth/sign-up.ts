"use server";

import { signIn } from "@/lib/auth/next-auth";
import { createAccount, signUpSchema } from "@/lib/auth/sign-up";
import { sendVerificationEmail } from "@/lib/auth/email-verification";
import { fromError, invalid, formObject, type FormState } from "@/lib/actions/form-state";
import { currentRequestContext } from "@/lib/http/context";

export async function signUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = signUpSchema.safeParse(formObject(formData));
  if (!parsed.success) return invalid(parsed.error);
  const context = await currentRequestContext();
  try {
    const user = await createAccount(parsed.data, context);
    try {
      await sendVerificationEmail(user, context);
    } catch (error) {
      // The account exists; the person can ask for a new link from the Account page.
      console.error("Could not send the verification email:", error);
    }
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/account?welcome=1" });
    return { ok: true };
  } catch (error) {
    return fromError(error);
  }
}
