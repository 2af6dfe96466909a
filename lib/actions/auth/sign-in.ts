"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth/next-auth";
import { failed, fromError, invalid, formObject, type FormState } from "@/lib/actions/form-state";
import { deviceId } from "@/lib/http/device-cookie";
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
      device: await deviceId(),
      redirectTo: safeRedirectPath(parsed.data.callbackUrl),
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      return failed(error.code === "throttled" ? "throttled" : error.code === "unavailable" ? "unavailable" : "invalid_credentials");
    }
    if (error instanceof AuthError) {
      // next-auth wraps what it did not expect; that is our failure, not a wrong password.
      console.error("Sign-in failed on our side:", error);
      return failed("unavailable");
    }
    return fromError(error);
  }
}
