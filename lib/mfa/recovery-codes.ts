import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { emailIntl } from "@/lib/email/i18n";
import type { Locale } from "@/lib/i18n/locales";
import { ARGON2_OPTIONS } from "@/lib/crypto/argon2";

/**
 * Recovery codes look like `k7m3q-x9c2h-v4tpe`. The alphabet is lower-case letters and
 * digits without the pairs people misread: no 0/o, 1/l/i (all five gone) and no u (u/v);
 * 30 symbols, about 4.9 bits each.
 *
 * The first group is a *selector*, stored in clear beside the hash, so checking a code finds
 * its one record and costs one argon2 hash instead of one per unused code. The selector
 * (5 symbols, ~24.5 bits) only has to be unique within a set. The other 10 symbols
 * (~49 bits) are the secret; since that is far below 112 bits it is stored only as a salted
 * argon2id hash (NIST SP 800-63B), and online guessing is throttled by the caller.
 */
export const RECOVERY_CODE_ALPHABET = "23456789abcdefghjkmnpqrstvwxyz";
const SELECTOR_LENGTH = 5;
const SECRET_LENGTH = 10;
const MAX_CODES = 100;

const SYMBOL = `[${RECOVERY_CODE_ALPHABET}]`;
const CODE_SHAPE = new RegExp(`^${SYMBOL}{${SELECTOR_LENGTH + SECRET_LENGTH}}$`);

export type RecoveryCodeParts = { selector: string; secret: string };
export type RecoveryCodeRecord = { selector: string; hash: string };

function randomSymbols(length: number): string {
  let out = "";
  // randomInt draws from the CSPRNG with rejection sampling, so every symbol is equally likely.
  for (let i = 0; i < length; i++) out += RECOVERY_CODE_ALPHABET[crypto.randomInt(RECOVERY_CODE_ALPHABET.length)];
  return out;
}

export function formatRecoveryCode({ selector, secret }: RecoveryCodeParts): string {
  return `${selector}-${secret.slice(0, 5)}-${secret.slice(5)}`;
}

function hashRecoverySecret(secret: string): Promise<string> {
  return hash(secret, ARGON2_OPTIONS);
}

/** A new set: `codes` to show once, `records` (same order) to store. */
export async function generateRecoveryCodes(
  count: number,
): Promise<{ codes: string[]; records: RecoveryCodeRecord[] }> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_CODES) {
    throw new RangeError(`count must be an integer from 1 to ${MAX_CODES}`);
  }
  const selectors = new Set<string>();
  while (selectors.size < count) selectors.add(randomSymbols(SELECTOR_LENGTH));
  const parts = [...selectors].map((selector) => ({ selector, secret: randomSymbols(SECRET_LENGTH) }));
  const records = await Promise.all(
    parts.map(async ({ selector, secret }) => ({ selector, hash: await hashRecoverySecret(secret) })),
  );
  return { codes: parts.map(formatRecoveryCode), records };
}

/**
 * Reads what a person typed: any case, spaces and dashes anywhere or missing. Anything
 * else (other symbols, wrong length, look-alike Unicode) is null.
 */
export function parseRecoveryCode(input: string): RecoveryCodeParts | null {
  if (typeof input !== "string" || input.length > 64) return null;
  const compact = input.replace(/[\s-]+/g, "");
  // ASCII first: toLowerCase() would turn e.g. the Kelvin sign (U+212A) into "k".
  if (!/^[A-Za-z0-9]+$/.test(compact)) return null;
  const code = compact.toLowerCase();
  if (!CODE_SHAPE.test(code)) return null;
  return { selector: code.slice(0, SELECTOR_LENGTH), secret: code.slice(SELECTOR_LENGTH) };
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks `secret` against the stored argon2id hash. Pass null when no unused record has the
 * selector: the same work is done, so timing does not reveal which selectors exist.
 * A stored hash that is not an argon2 string throws: that is corrupt data, not a wrong code.
 */
export async function verifyRecoverySecret(storedHash: string | null, secret: string): Promise<boolean> {
  if (storedHash === null) {
    dummyHash ??= hashRecoverySecret(randomSymbols(SECRET_LENGTH));
    await verify(await dummyHash, secret);
    return false;
  }
  return verify(storedHash, secret);
}

/**
 * The downloadable recovery-codes.txt, in the person's language (the viewer's locale when they
 * download it); the date is in UTC with the zone named, formatted for that language.
 */
export function recoveryCodesText({
  email,
  codes,
  generatedAt,
  locale,
}: {
  email: string;
  codes: readonly string[];
  generatedAt: Date;
  locale: Locale;
}): string {
  const { t, format } = emailIntl(locale);
  return [
    t("recoveryCodesFile.title"),
    "",
    t("recoveryCodesFile.account", { email }),
    t("recoveryCodesFile.generated", { when: format.shortDateTime(generatedAt) }),
    "",
    ...codes,
    "",
    t("recoveryCodesFile.keepSafe"),
    t("recoveryCodesFile.regenerate"),
    "",
  ].join("\n");
}
