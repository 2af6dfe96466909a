/**
 * How long a temporary access code may be valid, in hours. Apart from the code's hashing
 * (lib/support/temporary-access-code.ts, argon2: server only) so the reset form in the browser
 * can show the same bounds.
 */
export const LIFETIME_HOURS_MIN = 1;
export const LIFETIME_HOURS_MAX = 72;
export const LIFETIME_HOURS_DEFAULT = 24;
