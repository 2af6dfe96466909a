import crypto from "node:crypto";
import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";

const MAX_AGE_SECONDS = 400 * 24 * 60 * 60; // the longest a browser keeps a cookie

const cookieName = () => (getEnv().APP_URL.startsWith("https://") ? "__Host-tessera-device" : "tessera-device");

/**
 * A random id that names this browser, so a sign-in from a browser never seen before can be
 * emailed. It proves nothing by itself (it is not a "remember this computer" token) and the
 * server keeps only its hash on sessions. Made on first sign-in, kept for 400 days.
 */
export async function deviceId(): Promise<string> {
  const jar = await cookies();
  const existing = jar.get(cookieName())?.value;
  if (existing && /^[\w-]{20,100}$/.test(existing)) return existing;
  const id = crypto.randomBytes(24).toString("base64url");
  jar.set(cookieName(), id, {
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().APP_URL.startsWith("https://"),
    path: "/",
    maxAge: MAX_AGE_SECONDS,
  });
  return id;
}
