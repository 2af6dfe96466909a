import { Auth, type AuthConfig } from "@auth/core";
import Credentials from "@auth/core/providers/credentials";
import { describe, expect, it } from "vitest";
import { sessionCookieConfig } from "./cookies";

/**
 * Signs in through Auth.js itself (the core next-auth v5 runs on) with our cookie settings and
 * returns the session cookie's Set-Cookie line as a browser would receive it.
 */
async function sessionSetCookie(appUrl: string): Promise<string | undefined> {
  const config: AuthConfig = {
    secret: "x".repeat(40),
    trustHost: true,
    basePath: "/api/auth",
    session: { strategy: "jwt" },
    providers: [Credentials({ credentials: { email: {} }, authorize: () => ({ id: "user-1" }) })],
    ...sessionCookieConfig(appUrl),
  };
  const csrf = await Auth(new Request(`${appUrl}/api/auth/csrf`), config);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  const signIn = await Auth(
    new Request(`${appUrl}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ csrfToken, email: "ada@example.com" }),
    }),
    config,
  );
  return signIn.headers.getSetCookie().find((line) => line.includes("authjs.session-token"));
}

describe("the session cookie", () => {
  it("over https: __Host- prefixed, Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain", async () => {
    const line = await sessionSetCookie("https://tessera.example");
    expect(line).toMatch(/^__Host-authjs\.session-token=[^;]+;/);
    const attributes = line!.split(";").slice(1).map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
    expect(attributes.some((part) => part.startsWith("domain="))).toBe(false);
  });

  it("over plain http (development, or ALLOW_INSECURE_HTTP): no prefix, not Secure", async () => {
    const line = await sessionSetCookie("http://localhost:3000");
    expect(line).toMatch(/^authjs\.session-token=[^;]+;/);
    expect(line!.toLowerCase()).not.toContain("secure");
    expect(line!.toLowerCase()).toContain("httponly");
  });

  it("is chosen by the APP_URL's scheme", () => {
    expect(sessionCookieConfig("https://tessera.example").useSecureCookies).toBe(true);
    expect(sessionCookieConfig("http://tessera.example").useSecureCookies).toBe(false);
  });
});
