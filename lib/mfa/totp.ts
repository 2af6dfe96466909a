import { generateSecret, generateSync, verifySync } from "otplib";

/**
 * TOTP per RFC 6238 with the parameters every authenticator app supports: HMAC-SHA-1,
 * 6 digits, 30-second steps. The HOTP math, the ±1-step window, the replay bound and the
 * constant-time comparison come from otplib 13 (`verifySync` with `epochTolerance` and
 * `afterTimeStep`); this module pins the parameters and refuses malformed input first.
 */
export const TOTP_ISSUER = "Tessera";
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
const SECRET_BYTES = 20; // 160 bits, RFC 4226's recommendation and DESIGN.md's floor
const OTP = { algorithm: "sha1", digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS } as const;

/** A fresh base32 secret (32 characters, 160 bits from Web Crypto's CSPRNG via otplib). */
export function generateTotpSecret(): string {
  return generateSecret({ length: SECRET_BYTES });
}

/** "ABCD EFGH …": the secret as people type it into an app that cannot scan the QR code. */
export function formatSetupKey(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(" ");
}

/**
 * The otpauth:// URI for the QR code (Google's Key URI format). Every parameter is spelled
 * out, defaults included, because some apps misread a URI that omits them.
 */
export function totpUri({ secret, email }: { secret: string; email: string }): string {
  const label = `${encodeURIComponent(TOTP_ISSUER)}:${encodeURIComponent(email)}`;
  const query = [
    `secret=${encodeURIComponent(secret)}`,
    `issuer=${encodeURIComponent(TOTP_ISSUER)}`,
    "algorithm=SHA1",
    `digits=${TOTP_DIGITS}`,
    `period=${TOTP_PERIOD_SECONDS}`,
  ].join("&");
  return `otpauth://totp/${label}?${query}`;
}

function epochSeconds(now: Date): number {
  const ms = now.getTime();
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError("now must be a valid date after 1970");
  return Math.floor(ms / 1000);
}

/** The RFC 6238 time step T containing `now`. */
export function totpStepAt(now: Date): number {
  return Math.floor(epochSeconds(now) / TOTP_PERIOD_SECONDS);
}

/** The code an authenticator app shows at `now` (tests and e2e drive sign-in with it). */
export function generateTotp(secret: string, now: Date): string {
  return generateSync({ secret, epoch: epochSeconds(now), ...OTP });
}

export type MatchTotpInput = {
  secret: string;
  code: string;
  now: Date;
  /** The last step this factor accepted (null before its first use); steps ≤ it are refused. */
  afterStep?: number | null;
};

/**
 * The time step `code` belongs to, or null. Accepts exactly six ASCII digits (spaces are
 * ignored), from the step before `now` to the step after it, and never a step at or before
 * `afterStep`. The caller stores the returned step with a compare-and-set, so a code is
 * accepted once even when two requests race.
 */
export function matchTotp({ secret, code, now, afterStep }: MatchTotpInput): number | null {
  if (afterStep != null && !Number.isSafeInteger(afterStep)) throw new RangeError("afterStep must be an integer");
  if (code.length > 64) return null;
  const token = code.replace(/\s+/g, "");
  if (!/^[0-9]{6}$/.test(token)) return null;

  const epoch = epochSeconds(now);
  // otplib throws when afterTimeStep lies beyond the window, or is negative; both mean
  // "nothing to refuse" or "nothing left to accept", so answer here instead.
  const lastStepInWindow = Math.floor(epoch / TOTP_PERIOD_SECONDS) + 1;
  if (afterStep != null && afterStep >= lastStepInWindow) return null;
  const result = verifySync({
    secret,
    token,
    epoch,
    // One period of tolerance either way is exactly the neighbouring steps, wherever in
    // its step `now` falls: floor((t ± 30) / 30) = T ± 1.
    epochTolerance: TOTP_PERIOD_SECONDS,
    afterTimeStep: afterStep != null && afterStep >= 0 ? afterStep : undefined,
    ...OTP,
  });
  // The union type also covers HOTP results, which carry no time step.
  return result.valid && "timeStep" in result ? result.timeStep : null;
}
