"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth/next-auth";
import { failed, fromError, invalid, formObject, type FormState } from "@/lib/actions/form-state";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

const schema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").max(254),
  password: z.string().min(1, "Enter your password.").max(1024),
  callbackUrl: z.string().optional(),
});

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = schema.safeParse(formObject(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeRedirectPath(parsed.data.callbackUrl),
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof AuthError) {
      const code = "code" in error && error.code === "throttled" ? "throttled" : "invalid_credentials";
      return failed(code);
    }
    return fromError(error);
  }
}
