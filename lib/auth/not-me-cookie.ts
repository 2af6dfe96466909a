import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";
import { NOT_ME_CHANGE_TTL_MS } from "@/lib/policy/limits";

/**
 * The browser's half of a "This wasn't me" password step (lib/auth/not-me.ts): the step's token,
 * HttpOnly, never in an address where history or a Referer could keep it. `__Host-` over https,
 * like the session cookie (lib/auth/cookies.ts).
 */
const cookieName = () => (getEnv().APP_URL.startsWith("https://") ? "__Host-tessera-not-me" : "tessera-not-me");

const options = () => ({ httpOnly: true, sameSite: "lax" as const, secure: getEnv().APP_URL.startsWith("https://"), path: "/" });

export async function setNotMeStepCookie(token: string): Promise<void> {
  (await cookies()).set(cookieName(), token, { ...options(), maxAge: NOT_ME_CHANGE_TTL_MS / 1000 });
}

export async function readNotMeStepCookie(): Promise<string | undefined> {
  return (await cookies()).get(cookieName())?.value;
}

/** Set expired with the same attributes: a `__Host-` cookie is only replaced by a Secure one. */
export async function clearNotMeStepCookie(): Promise<void> {
  (await cookies()).set(cookieName(), "", { ...options(), maxAge: 0 });
}
