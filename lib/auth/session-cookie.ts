import crypto from "node:crypto";
import { calculateJwkThumbprint, EncryptJWT, jwtDecrypt } from "jose";
import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";
import { sessionCookie } from "./cookies";
import { SESSION_MAX_AGE_SECONDS } from "./sessions";

/**
 * The session cookie holds next-auth's token: a JWT `{ sid }` encrypted with a key derived from
 * AUTH_SECRET and the cookie's name (dir + A256CBC-HS512, the key's thumbprint as `kid`).
 * next-auth writes it at the password step (lib/auth/next-auth.ts) and reads it at sign-out;
 * everything else opens and writes it here, the same way, with the derived key kept instead of
 * derived again for every request. next-auth's `auth()` ran its whole HTTP handler to read it,
 * re-encrypted it and set the cookie again on every call (and a cookie set inside a server
 * action makes Next render the page once more in the same request). The row the id names
 * decides everything else (lib/auth/sessions.ts findLiveSession): its expiry is fixed at
 * sign-in, never rolled.
 */
const ALGORITHM = "dir";
const ENCRYPTION = "A256CBC-HS512";

type TokenKey = { key: Uint8Array; kid: Promise<string> };
const keys = new Map<string, TokenKey>();

/** HKDF-SHA256 of the secret, salted with the cookie name, as @auth/core/jwt derives it; once per secret and name. */
function tokenKey(secret: string, salt: string): TokenKey {
  const id = `${salt}\u0000${secret}`;
  let entry = keys.get(id);
  if (!entry) {
    const key = new Uint8Array(crypto.hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
    entry = { key, kid: calculateJwkThumbprint({ kty: "oct", k: Buffer.from(key).toString("base64url") }, "sha512") };
    keys.set(id, entry);
  }
  return entry;
}

/** A token naming `sessionId`, valid for `maxAgeSeconds`. */
export async function sealSessionToken(sessionId: string, secret: string, salt: string, maxAgeSeconds: number): Promise<string> {
  const { key, kid } = tokenKey(secret, salt);
  const now = Math.floor(Date.now() / 1000);
  return new EncryptJWT({ sid: sessionId })
    .setProtectedHeader({ alg: ALGORITHM, enc: ENCRYPTION, kid: await kid })
    .setIssuedAt(now)
    .setExpirationTime(now + maxAgeSeconds)
    .setJti(crypto.randomUUID())
    .encrypt(key);
}

/** The session id a token names; null when it is forged, written under another secret, or expired. */
export async function openSessionToken(token: string, secret: string, salt: string): Promise<string | null> {
  try {
    const { payload } = await jwtDecrypt(token, tokenKey(secret, salt).key, {
      clockTolerance: 15,
      keyManagementAlgorithms: [ALGORITHM],
      contentEncryptionAlgorithms: [ENCRYPTION],
    });
    return typeof payload.sid === "string" ? payload.sid : null;
  } catch {
    return null;
  }
}

function cookieSettings() {
  const env = getEnv();
  return { secret: env.AUTH_SECRET, ...sessionCookie(env.APP_URL) };
}

/** The session id this request's cookie names, or null. */
export async function sessionIdFromCookie(): Promise<string | null> {
  const { secret, name } = cookieSettings();
  const token = (await cookies()).get(name)?.value;
  return token ? openSessionToken(token, secret, name) : null;
}

/** Points the cookie at `sessionId` (a second step passed: the session has a new id). */
export async function setSessionCookie(sessionId: string): Promise<void> {
  const { secret, name, options } = cookieSettings();
  const token = await sealSessionToken(sessionId, secret, name, SESSION_MAX_AGE_SECONDS);
  (await cookies()).set(name, token, { ...options, maxAge: SESSION_MAX_AGE_SECONDS });
}
