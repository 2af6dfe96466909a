import crypto from "node:crypto";

/**
 * A project API key: `tsk_<prefix>_<secret>`. The prefix (12 base62 characters, public, unique)
 * finds the key's row; the secret is 32 random bytes in base64url. Only SHA-256 of the whole key
 * is stored: the key has 256 bits of entropy, so a fast hash cannot be reversed by guessing (a
 * password hash would only slow every API call down), and the stored hash is compared in
 * constant time.
 */
export const API_KEY_PREFIX_LENGTH = 12;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const KEY_PATTERN = /^tsk_([0-9A-Za-z]{12})_([A-Za-z0-9_-]{43})$/;

/** 12 base62 characters from the CSPRNG, without modulo bias (bytes ≥ 248 are drawn again). */
export function generateKeyPrefix(): string {
  let prefix = "";
  while (prefix.length < API_KEY_PREFIX_LENGTH) {
    for (const byte of crypto.randomBytes(16)) {
      if (byte < 248 && prefix.length < API_KEY_PREFIX_LENGTH) prefix += BASE62[byte % 62];
    }
  }
  return prefix;
}

export function generateApiKey(prefix = generateKeyPrefix()): string {
  return `tsk_${prefix}_${crypto.randomBytes(32).toString("base64url")}`;
}

/** The stored form: SHA-256 of the whole key, hex. */
export function hashApiKey(key: string): string {
  return crypto.createHash("sha256").update(key, "utf8").digest("hex");
}

/** The prefix of a well-formed key, else null (a malformed key is refused like an unknown one). */
export function parseApiKey(key: string): { prefix: string } | null {
  const match = KEY_PATTERN.exec(key);
  return match ? { prefix: match[1]! } : null;
}

/** Whether `key` hashes to `storedHash`, in constant time. */
export function apiKeyMatches(key: string, storedHash: string): boolean {
  const given = Buffer.from(hashApiKey(key), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && crypto.timingSafeEqual(given, stored);
}

/** The bearer token of an Authorization header, or null. */
export function bearerToken(header: string | null): string | null {
  if (!header) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match ? match[1]! : null;
}
