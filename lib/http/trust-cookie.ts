import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";
import type { TrustCookie } from "@/lib/mfa/trusted-computers";

/**
 * The trusted-computer cookie ("Once per computer", lib/mfa/trusted-computers.ts): HttpOnly,
 * SameSite=Lax, Path=/, and over https Secure with the `__Host-` prefix like the session cookie
 * (lib/auth/cookies.ts), so no subdomain or plain-http page can plant one. It lives exactly as
 * long as the trust, which use never extends. Only route handlers and actions call these.
 */
export const trustCookieName = () => (secure() ? "__Host-tessera-trust" : "tessera-trust");
const secure = () => getEnv().APP_URL.startsWith("https://");

/** The cookie's value in a request's headers (the next-auth authorize step gets headers, not a cookie store). */
export function trustCookieFrom(headers: Headers): string | null {
  const name = trustCookieName();
  for (const part of headers.get("cookie")?.split(";") ?? []) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=") || null;
  }
  return null;
}

/** The cookie's value in this request (pages, actions, route handlers). */
export async function readTrustCookie(): Promise<string | null> {
  return (await cookies()).get(trustCookieName())?.value ?? null;
}

/** Gives the browser its (new) token, until the trust ends. */
export async function setTrustCookie(cookie: TrustCookie, now = new Date()): Promise<void> {
  const maxAge = Math.max(0, Math.floor((cookie.expiresAt.getTime() - now.getTime()) / 1000));
  (await cookies()).set(trustCookieName(), cookie.value, { httpOnly: true, secure: secure(), sameSite: "lax", path: "/", maxAge });
}
