import crypto from "node:crypto";
import { getEnv } from "@/lib/env";

/**
 * Secrets at rest (TOTP seeds) are sealed with AES-256-GCM into a compact, versioned string:
 *
 *   v1.<12-byte IV, base64url>.<ciphertext ‖ 16-byte tag, base64url>
 *
 * The version lets a later format (another cipher, a key id for rotation) coexist with
 * rows written today. Associated data binds a box to its owner (e.g. `totp:<factorId>`),
 * so a box copied onto another row does not open there.
 */
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const B64URL = /^[A-Za-z0-9_-]+$/;

export type SecretBoxFailure = "malformed" | "unsupported_version" | "authentication_failed";

export class SecretBoxError extends Error {
  constructor(readonly reason: SecretBoxFailure) {
    super(`Secret box cannot be opened: ${reason}`);
    this.name = "SecretBoxError";
  }
}

export type SecretBoxOptions = { aad?: string };

function checkKey(key: Uint8Array): void {
  if (key.length !== KEY_BYTES) throw new RangeError(`Encryption key must be ${KEY_BYTES} bytes, got ${key.length}`);
}

// The version is authenticated too, so a box cannot be relabelled as another format.
function associatedData(aad: string | undefined): Buffer {
  return Buffer.from(`${VERSION}\0${aad ?? ""}`, "utf8");
}

// Node's decoder skips characters it does not know; insist on the exact encoding we wrote.
function decodeStrict(part: string | undefined): Buffer | null {
  if (!part || !B64URL.test(part)) return null;
  const bytes = Buffer.from(part, "base64url");
  return bytes.toString("base64url") === part ? bytes : null;
}

export function encryptSecret(plaintext: string, key: Uint8Array, options: SecretBoxOptions = {}): string {
  checkKey(key);
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(options.aad));
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, iv.toString("base64url"), sealed.toString("base64url")].join(".");
}

/** Opens a box from {@link encryptSecret}; throws {@link SecretBoxError} on any mismatch. */
export function decryptSecret(box: string, key: Uint8Array, options: SecretBoxOptions = {}): string {
  checkKey(key);
  const parts = box.split(".");
  if (parts.length !== 3) throw new SecretBoxError("malformed");
  if (parts[0] !== VERSION) throw new SecretBoxError("unsupported_version");
  const iv = decodeStrict(parts[1]);
  const sealed = decodeStrict(parts[2]);
  if (!iv || iv.length !== IV_BYTES || !sealed || sealed.length < TAG_BYTES) throw new SecretBoxError("malformed");

  // authTagLength pins the tag at 16 bytes: GCM would otherwise accept a truncated tag.
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(options.aad));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
    return plain.toString("utf8");
  } catch {
    throw new SecretBoxError("authentication_failed");
  }
}

/** The at-rest encryption key (ENCRYPTION_KEY, 32 bytes base64; validated by lib/env). */
export function keyFromEnv(): Buffer {
  const key = Buffer.from(getEnv().ENCRYPTION_KEY, "base64");
  checkKey(key);
  return key;
}

/**
 * A sub-key for one purpose, so the AES key is never also used as an HMAC key
 * (HKDF-SHA256, RFC 5869).
 */
export function deriveKey(key: Uint8Array, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", key, Buffer.alloc(0), `tessera/${purpose}`, KEY_BYTES));
}

/** The key for {@link hmacCode} over one-time codes (email / SMS / voice). */
export function codeKeyFromEnv(): Buffer {
  return deriveKey(keyFromEnv(), "one-time-code/v1");
}

/**
 * One-time codes are stored as HMAC-SHA256 (base64url), never in clear. Bind the code to
 * its context in `value` (e.g. `${challengeId}:${code}`) so a stored digest only matches
 * the challenge it was issued for.
 */
export function hmacCode(key: Uint8Array, value: string): string {
  return crypto.createHmac("sha256", key).update(value, "utf8").digest("base64url");
}

/** Constant-time string equality (the length is not secret: digests have a fixed size). */
export function codesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/**
 * A keyed hash of an email address, for throttle keys and the audit log when an address names
 * no account: the typed text (which may be a mistyped password) is never stored readable.
 */
export function emailKeyHash(email: string): string {
  return hmacCode(deriveKey(keyFromEnv(), "email-key/v1"), email.trim().toLowerCase()).slice(0, 32);
}
