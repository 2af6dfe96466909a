import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";
import { ARGON2_OPTIONS } from "@/lib/crypto/argon2";
import { normalizePassword, PASSWORD_MAX, PASSWORD_MIN, passwordLength } from "@/lib/policy/password";

export { PASSWORD_MAX, PASSWORD_MIN, passwordLength } from "@/lib/policy/password";

let common: Set<string> | undefined;

/** The ~30,000 most common passwords (zxcvbn's list), compared case-insensitively after NFKC. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  return common.has(normalizePassword(password).toLowerCase());
}

/**
 * A new password. The value passes through unchanged (hashPassword normalises it), and
 * nothing is ever cut short: a password over the limit is refused, not truncated.
 */
export const newPasswordSchema = z
  .string()
  .refine((password) => passwordLength(password) >= PASSWORD_MIN, { message: "validation.passwordTooShort", abort: true })
  .refine((password) => passwordLength(password) <= PASSWORD_MAX, { message: "validation.passwordTooLong", abort: true })
  .refine((password) => !isCommonPassword(password), "validation.passwordCommon");

/** Hashes the NFKC form, so the same password typed on another keyboard or OS still matches. */
export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), ARGON2_OPTIONS);
}

/**
 * Checks the NFKC form, then, only when it differs, the password exactly as typed: hashes made
 * before passwords were normalised hold the raw form. The second check costs the same for an
 * unknown email (burnPasswordCheck comes through here), so it reveals nothing by timing.
 */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  const normalized = normalizePassword(password);
  if (await verifyOne(passwordHash, normalized)) return true;
  return normalized !== password && (await verifyOne(passwordHash, password));
}

async function verifyOne(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** Spends the same time as a real check, so unknown emails cannot be told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword("tessera-timing-equaliser");
  await verifyPassword(await dummy, password);
}
