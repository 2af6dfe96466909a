import { CredentialsSignin } from "next-auth";
import { requestContextFrom } from "@/lib/http/request-context";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { setTrustCookie, trustCookieFrom } from "@/lib/http/trust-cookie";
import { signInWithPassword } from "./sign-in";

/** A refused sign-in, with the reason the sign-in form shows ("invalid_credentials", "throttled", "unavailable"). */
export class SignInFailure extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

/**
 * next-auth's authorize step: the password check, and a new server-side session. A database or
 * mail outage is not a wrong password: it is refused as "unavailable", with the cause logged.
 * The browser's trusted-computer cookie comes in with the request's headers; when it stood in
 * for the challenge, its new value goes out through the request's cookie store (next-auth runs
 * this inside the sign-in server action, or its own route handler: both may set cookies).
 */
export async function authorizeCredentials(credentials: Partial<Record<string, unknown>>, headers: Headers) {
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  let result;
  try {
    result = await signInWithPassword(
      {
        email: text(credentials.email),
        password: text(credentials.password),
        deviceId: text(credentials.device) || null,
        trustToken: trustCookieFrom(headers),
        returnTo: safeRedirectPath(text(credentials.returnTo), "") || null,
      },
      requestContextFrom(headers),
    );
    if (result.ok && result.trust) await setTrustCookie(result.trust);
  } catch (error) {
    console.error("Sign-in failed on our side:", error);
    throw new SignInFailure("unavailable");
  }
  if (!result.ok) throw new SignInFailure(result.code);
  return { id: result.userId, sid: result.sessionId };
}
