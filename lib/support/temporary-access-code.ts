import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { ARGON2_OPTIONS } from "@/lib/crypto/argon2";

/**
 * The temporary access code support gives a person whose two-factor authentication was reset
 * (Microsoft Entra's Temporary Access Pass): 12 characters of Crockford's base32 (no I, L, O, U),
 * so 60 bits from the CSPRNG, shown as three groups of four. It is read aloud or typed from a
 * message, so what looks alike is read alike: O as 0, I and L as 1, spaces and dashes ignored.
 * Only a salted argon2id hash is kept (DESIGN.md rule 2, the parameters of recovery codes), so a
 * copy of the database does not let anyone test codes at SHA-256 speed while one is live (up to
 * 72 hours); single use, expiry and the attempt limits bound guessing online.
 */
export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 12;
export { LIFETIME_HOURS_DEFAULT, LIFETIME_HOURS_MAX, LIFETIME_HOURS_MIN } from "./temporary-access-limits";

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

/** The salted argon2id hash stored for a new code (normalized first, as it is typed back). */
export async function hashTemporaryAccessCode(code: string): Promise<string> {
  const normalized = normalizeTemporaryAccessCode(code);
  if (!normalized) throw new Error("not a temporary access code");
  return hash(normalized, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a typed code against one stored argon2 hash. Pass null when the person has no code to
 * check: the same hashing work is done, so timing does not tell whether a code is live. A typed
 * string that cannot be a code is refused without hashing.
 */
export async function verifyTemporaryAccessCode(storedHash: string | null, typed: string): Promise<boolean> {
  const code = normalizeTemporaryAccessCode(typed);
  if (!code) return false;
  if (storedHash === null) {
    dummyHash ??= hash(normalizeTemporaryAccessCode(newTemporaryAccessCode())!, ARGON2_OPTIONS);
    await verify(await dummyHash, code);
    return false;
  }
  return verify(storedHash, code);
}
