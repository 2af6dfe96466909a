import { getEnv } from "@/lib/env";

/** The numbers of DESIGN.md's security rules, in one place. */
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

export const sudoWindowMs = () => getEnv().SUDO_MINUTES * 60_000;
export const twoFactorExpiryMs = () => getEnv().TWO_FACTOR_EXPIRY_DAYS * 86_400_000;
export const recoveryCodeCount = () => getEnv().RECOVERY_CODE_COUNT;
