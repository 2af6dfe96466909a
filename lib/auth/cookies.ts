import type { NextAuthConfig } from "next-auth";

/**
 * The session cookie's settings, from the public address. Over https it is Secure and named
 * with the `__Host-` prefix, which browsers accept only from a secure origin, with Path=/ and
 * no Domain: a sibling subdomain or a plain-http page cannot plant or overwrite it (next-auth's
 * default `__Secure-` prefix does not rule out a Domain). Production requires an https APP_URL
 * (lib/env.ts), so there it is always so.
 */
export function sessionCookieConfig(appUrl: string): Pick<NextAuthConfig, "useSecureCookies" | "cookies"> {
  const cookie = sessionCookie(appUrl);
  return { useSecureCookies: cookie.options.secure, cookies: { sessionToken: cookie } };
}

/** The session cookie's name and attributes, for next-auth and for lib/auth/session-cookie.ts. */
export function sessionCookie(appUrl: string) {
  const secure = new URL(appUrl).protocol === "https:";
  return {
    name: secure ? "__Host-authjs.session-token" : "authjs.session-token",
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}
