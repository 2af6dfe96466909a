import crypto from "node:crypto";

/**
 * The temporary access code support gives a person whose two-factor authentication was reset
 * (Microsoft Entra's Temporary Access Pass): 12 characters of Crockford's base32 (no I, L, O, U),
 * so 60 bits from the CSPRNG, shown as three groups of four. It is read aloud or typed from a
 * message, so what looks alike is read alike: O as 0, I and L as 1, spaces and dashes ignored.
 * Only its SHA-256 is kept: 60 random bits are out of reach of a guess against the hash, and
 * single use, expiry and the attempt limits bound guessing online.
 */
export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 12;
export const LIFETIME_HOURS_MIN = 1;
export const LIFETIME_HOURS_MAX = 72;
export const LIFETIME_HOURS_DEFAULT = 24;

export function newTemporaryAccessCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
  return formatTemporaryAccessCode(code);
}

export const formatTemporaryAccessCode = (code: string) => code.match(/.{1,4}/g)!.join("-");

/** The code as stored and compared, or null when it cannot be one (no hash is worth computing). */
export function normalizeTemporaryAccessCode(typed: string): string | null {
  const code = typed
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  return code.length === CODE_LENGTH && [...code].every((char) => CODE_ALPHABET.includes(char)) ? code : null;
}

export function hashTemporaryAccessCode(typed: string): string | null {
  const code = normalizeTemporaryAccessCode(typed);
  return code ? crypto.createHash("sha256").update(code).digest("hex") : null;
}

/** Two hex digests compared in constant time. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && left.length > 0 && crypto.timingSafeEqual(left, right);
}
