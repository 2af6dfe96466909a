import { AuthError, CredentialsSignin } from "next-auth";
import { AppError } from "@/lib/errors";
import { signIn } from "./next-auth";

/**
 * The sign-in form's domain call: next-auth checks the password (lib/auth/credentials.ts) and
 * redirects on success; its refusals become typed errors. Anything next-auth wraps that it did
 * not expect is our failure, not a wrong password.
 */
export async function signInWithForm(input: { email: string; password: string; device: string; redirectTo: string }): Promise<never> {
  try {
    // returnTo: where a sign-in that waits for its second step goes once it passes.
    await signIn("credentials", { email: input.email, password: input.password, device: input.device, returnTo: input.redirectTo, redirectTo: input.redirectTo });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      throw new AppError(error.code === "throttled" ? "throttled" : error.code === "unavailable" ? "unavailable" : "invalid_credentials");
    }
    if (error instanceof AuthError) {
      console.error("Sign-in failed on our side:", error);
      throw new AppError("unavailable");
    }
    throw error;
  }
  // signIn redirects when it succeeds; reaching here means it did not.
  throw new AppError("unavailable");
}
