import crypto from "node:crypto";
import { calculateJwkThumbprint } from "jose";
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

type TokenKey = { key: Buffer; kid: Promise<string> };
const keys = new Map<string, TokenKey>();

/** HKDF-SHA256 of the secret, salted with the cookie name, as @auth/core/jwt derives it; once per secret and name. */
function tokenKey(secret: string, salt: string): TokenKey {
  const id = `${salt}\u0000${secret}`;
  let entry = keys.get(id);
  if (!entry) {
    const key = Buffer.from(crypto.hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
    entry = { key, kid: calculateJwkThumbprint({ kty: "oct", k: key.toString("base64url") }, "sha512") };
    keys.set(id, entry);
  }
  return entry;
}

/**
 * A token naming `sessionId`, valid for `maxAgeSeconds`: what next-auth's encode writes (a
 * random IV, `iat`, `exp` and a random `jti`), sealed with node:crypto like the opening below.
 */
export async function sealSessionToken(sessionId: string, secret: string, salt: string, maxAgeSeconds: number): Promise<string> {
  const { key, kid } = tokenKey(secret, salt);
  const now = Math.floor(Date.now() / 1000);
  const header64 = Buffer.from(JSON.stringify({ alg: ALGORITHM, enc: ENCRYPTION, kid: await kid })).toString("base64url");
  const claims = JSON.stringify({ sid: sessionId, iat: now, exp: now + maxAgeSeconds, jti: crypto.randomUUID() });
  const iv = crypto.randomBytes(16);
  const cipher = crypto.createCipheriv("aes-256-cbc", key.subarray(32), iv);
  const ciphertext = Buffer.concat([cipher.update(claims, "utf8"), cipher.final()]);
  const tag = authenticationTag(key, header64, iv, ciphertext);
  return [header64, "", iv.toString("base64url"), ciphertext.toString("base64url"), tag.toString("base64url")].join(".");
}

/** RFC 7518 §5.2.2.1: the first half of HMAC-SHA-512 over the protected header, IV, ciphertext and the header's length in bits. */
function authenticationTag(key: Buffer, header64: string, iv: Buffer, ciphertext: Buffer): Buffer {
  const aad = Buffer.from(header64, "ascii");
  const aadBits = Buffer.alloc(8);
  aadBits.writeBigUInt64BE(BigInt(aad.length * 8));
  return crypto.createHmac("sha512", key.subarray(0, 32)).update(aad).update(iv).update(ciphertext).update(aadBits).digest().subarray(0, 32);
}

/**
 * The session id a token names; null when it is forged, written under another secret, or
 * expired. Opened with node:crypto rather than jose: jose goes through WebCrypto, importing both
 * keys and generating a throw-away HMAC key (for its constant-time compare) on every call,
 * which cost more than the rest of a request's cryptography. RFC 7516 and 7518 §5.2.2: the tag
 * (checked first, in constant time) is under the first half of the key; the second half
 * decrypts with AES-256-CBC. lib/auth/session-cookie.test.ts holds both directions to
 * next-auth's own encode and decode.
 */
export async function openSessionToken(token: string, secret: string, salt: string): Promise<string | null> {
  const { key, kid } = tokenKey(secret, salt);
  const parts = token.split(".");
  if (parts.length !== 5 || parts[1] !== "") return null;
  const [header64, , iv64, ciphertext64, tag64] = parts as [string, string, string, string, string];
  try {
    const header = JSON.parse(Buffer.from(header64, "base64url").toString("utf8")) as Record<string, unknown>;
    const known = new Set(["alg", "enc", "kid"]);
    if (header.alg !== ALGORITHM || header.enc !== ENCRYPTION || Object.keys(header).some((name) => !known.has(name))) return null;
    if (header.kid !== undefined && header.kid !== (await kid)) return null;
    const iv = Buffer.from(iv64, "base64url");
    const ciphertext = Buffer.from(ciphertext64, "base64url");
    const tag = Buffer.from(tag64, "base64url");
    if (iv.length !== 16 || tag.length !== 32) return null;
    if (!crypto.timingSafeEqual(authenticationTag(key, header64, iv, ciphertext), tag)) return null;
    const decipher = crypto.createDecipheriv("aes-256-cbc", key.subarray(32), iv);
    const claims = JSON.parse(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8")) as Record<string, unknown>;
    // jose's rules for the times, with next-auth's 15 seconds of tolerance.
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== "number" || claims.exp + CLOCK_TOLERANCE_SECONDS <= now) return null;
    if (claims.nbf !== undefined && (typeof claims.nbf !== "number" || claims.nbf - CLOCK_TOLERANCE_SECONDS > now)) return null;
    return typeof claims.sid === "string" ? claims.sid : null;
  } catch {
    // Bad padding, not JSON: not a token of ours.
    return null;
  }
}

const CLOCK_TOLERANCE_SECONDS = 15;

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
