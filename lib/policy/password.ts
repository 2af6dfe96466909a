/**
 * The password rules a person reads (NIST SP 800-63B-4 §3.1.1.2), without any server-only
 * code, so forms can show the same numbers the server enforces.
 */

/** At least 15 characters: every account starts single-factor, where NIST asks for 15. */
export const PASSWORD_MIN = 15;
/** NIST asks to allow at least 64; 128 keeps hashing cheap and is never reached by accident. */
export const PASSWORD_MAX = 128;

/** The form every password is checked, counted and hashed in: NFKC, as NIST recommends. */
export function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}

/**
 * Characters as a person counts them: Unicode code points after NFKC, so an emoji is one
 * character (not two UTF-16 units) and "ﬁ" counts as the two letters it stands for.
 */
export function passwordLength(password: string): number {
  return [...normalizePassword(password)].length;
}
