import type { Role, TwoFactorLevel as StoredLevel } from "@/lib/db/generated/enums";
import { isSupportStaff } from "@/lib/auth/roles";

/**
 * How often a person's second factor is asked (Twilio's levels, DESIGN.md "Policy model"), from
 * the weakest to the strictest. Client-safe: forms and pages read the same order.
 */
export const TWO_FACTOR_LEVELS = ["disabled", "once_per_computer", "every_login"] as const satisfies readonly StoredLevel[];

export type TwoFactorLevel = (typeof TWO_FACTOR_LEVELS)[number];
// The schema's enum and this list name the same levels (a new one must be placed in the order here).
const sameLevels: [StoredLevel] extends [TwoFactorLevel] ? true : never = true;
void sameLevels;

export const isTwoFactorLevel = (value: unknown): value is TwoFactorLevel => TWO_FACTOR_LEVELS.includes(value as TwoFactorLevel);

/** Where a level stands in the order: 0 for disabled, up to 2 for every login. */
export const levelRank = (level: TwoFactorLevel): number => TWO_FACTOR_LEVELS.indexOf(level);

/** The stricter of two levels: what applies inside a project that requires `b` from a person who chose `a`. */
export const stricterLevel = (a: TwoFactorLevel, b: TwoFactorLevel): TwoFactorLevel => (levelRank(a) >= levelRank(b) ? a : b);

/** Whether `level` is at least `minimum` (a project's requirement). */
export const meetsLevel = (level: TwoFactorLevel, minimum: TwoFactorLevel): boolean => levelRank(level) >= levelRank(minimum);

/** Going from `from` to `to` weakens the account: it needs sudo, strengthening does not. */
export const lowersLevel = (from: TwoFactorLevel, to: TwoFactorLevel): boolean => levelRank(to) < levelRank(from);

/**
 * The lowest level a role may sign in at. Support staff read everyone's security log, so a
 * password alone must never open their session: at least once per computer (a factor passed on
 * this browser within 30 days). Everyone else may choose Disabled.
 */
export const minimumLevelFor = (role: Role): TwoFactorLevel => (isSupportStaff(role) ? "once_per_computer" : "disabled");

/**
 * Whether a sign-in with the right password must still pass a second-factor challenge: always at
 * "every login" (trust is ignored), at "once per computer" unless this browser holds a live
 * trust, never at "disabled". Only a person with a real factor has a level above disabled.
 */
export function needsChallenge(level: TwoFactorLevel, trustedComputer: boolean): boolean {
  if (level === "every_login") return true;
  if (level === "once_per_computer") return !trustedComputer;
  return false;
}
