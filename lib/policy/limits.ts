import { PASSWORD_MAX, PASSWORD_MIN } from "./password";

/** The numbers of DESIGN.md's security rules, in one place, without server-only code (forms read them too). */
export const CHALLENGE_TTL_MS = 10 * 60_000;
export const MAX_FAILURES_PER_CHALLENGE = 5;
export const LOCK_AFTER_FAILURES = 10;
export const LOCK_DURATION_MS = 15 * 60_000;
/** Wrong sudo codes on one session: 5 refuse more until 15 minutes after the first. */
export const SUDO_ATTEMPT_WINDOW_MS = 15 * 60_000;
/** Wrong codes in a row across lock windows that suspend the second factor (NIST SP 800-63B-4 §3.2.2). */
export const TWO_FACTOR_STREAK_LIMIT = 100;
/** Wrong passwords in a row across throttle windows that require a password reset. */
export const PASSWORD_FAILURE_STREAK_LIMIT = 100;
export const ONE_TIME_CODE_TTL_MS = 10 * 60_000;
export const SEND_INTERVAL_MS = 30_000;
export const SENDS_PER_HOUR = 5;
/** Emails a person can cause (verification, reset, email change): per address and per account. */
export const EMAIL_INTERVAL_MS = 60_000;
export const EMAILS_PER_HOUR = 5;
export const RECOVERY_CODES_LOW = 3;
/** A password-reset link works this long, once. */
export const PASSWORD_RESET_TTL_MS = 30 * 60_000;
export const ENROLMENT_TTL_MS = 30 * 60_000;
/** Emailed links that verify an address (sign-up, email change) work this long, once. */
export const ADDRESS_LINK_TTL_MS = 24 * 60 * 60_000;
/** The longest display name. */
export const NAME_MAX = 100;
/** Password checks allowed per key in any 15 minutes (rule 4; OWASP Authentication). */
export const THROTTLE_LIMITS = { email: 5, ip: 30 } as const;
export const THROTTLE_WINDOW_MS = 15 * 60_000;
/** A "This wasn't me" link in a security email works this long, until the account is secured with it. */
export const NOT_ME_LINK_TTL_MS = 7 * 24 * 60 * 60_000;
/** After the password on a "This wasn't me" page, the new password may be chosen for this long. */
export const NOT_ME_CHANGE_TTL_MS = 30 * 60_000;
/** "Your account is hard to recover": at most one reminder per person in this time. */
export const RECOVERY_REMINDER_INTERVAL_MS = 30 * 24 * 60 * 60_000;
/** A WebAuthn challenge (registering a key, signing in, sudo) works this long, once. */
export const WEBAUTHN_CHALLENGE_TTL_MS = 5 * 60_000;
/** The longest name of a security key. */
export const KEY_NAME_MAX = 64;

/** "Once per computer": a passed challenge trusts the browser this long, not extended by use (asked again after it). */
export const TRUST_TTL_MS = 30 * 24 * 60 * 60_000;
/**
 * Session lifetimes by assurance (NIST SP 800-63B-4 §2.2.3). A session verified with a second
 * factor (or on a trusted computer) ends after this long unused and this long overall; the
 * defaults of SESSION_IDLE_MINUTES and SESSION_MAX_HOURS (lib/env.ts). A password-only session
 * lasts at most 30 days.
 */
export const DEFAULT_SESSION_IDLE_MS = 60 * 60_000;
export const DEFAULT_FACTOR_SESSION_MAX_MS = 24 * 60 * 60_000;
export const PASSWORD_SESSION_MAX_MS = 30 * 24 * 60 * 60_000;

const minutes = (ms: number) => Math.round(ms / 60_000);

/**
 * The numbers people read, for messages ("Wait {lockMinutes} minutes"). Client-safe: no
 * configuration here; the configurable ones (sudo minutes, recovery codes) come from
 * `configuredValues()` in lib/policy/index.ts.
 */
export const POLICY_VALUES = {
  challengeMinutes: minutes(CHALLENGE_TTL_MS),
  challengeAttempts: MAX_FAILURES_PER_CHALLENGE,
  lockAfter: LOCK_AFTER_FAILURES,
  lockMinutes: minutes(LOCK_DURATION_MS),
  throttleMinutes: minutes(SUDO_ATTEMPT_WINDOW_MS),
  passwordsPerWindow: THROTTLE_LIMITS.email,
  passwordMinutes: minutes(THROTTLE_WINDOW_MS),
  nameMax: NAME_MAX,
  passwordMin: PASSWORD_MIN,
  passwordMax: PASSWORD_MAX,
  codeMinutes: minutes(ONE_TIME_CODE_TTL_MS),
  resetMinutes: minutes(PASSWORD_RESET_TTL_MS),
  addressLinkHours: ADDRESS_LINK_TTL_MS / 3_600_000,
  enrolmentMinutes: minutes(ENROLMENT_TTL_MS),
  emailsPerHour: EMAILS_PER_HOUR,
  recoveryLow: RECOVERY_CODES_LOW,
  notMeDays: NOT_ME_LINK_TTL_MS / 86_400_000,
  notMeChangeMinutes: minutes(NOT_ME_CHANGE_TTL_MS),
  trustDays: TRUST_TTL_MS / 86_400_000,
  passwordSessionDays: PASSWORD_SESSION_MAX_MS / 86_400_000,
  keyNameMax: KEY_NAME_MAX,
} as const;

/** How a person confirms it is them for sudo: a second factor when they have one, else the password. */
export type SudoMethod = "two_factor" | "password";
