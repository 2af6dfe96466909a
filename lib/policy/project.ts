import type { FactorType, GraceScope, ProjectRole } from "@/lib/db/generated/enums";
import { stricterLevel, type TwoFactorLevel } from "./levels";
import { NAME_MAX } from "./limits";

/**
 * A project's 2FA rules (DESIGN.md "Policy model"; Twilio's levels, GitHub's "secure methods
 * only", GitLab's grace period), as pure functions: the access check (lib/projects/access.ts),
 * the compliance view and the "who would this block" preview all decide with these, so they
 * cannot disagree. Client-safe.
 */

export const PROJECT_ROLES = ["owner", "admin", "member"] as const satisfies readonly ProjectRole[];
export type { GraceScope, ProjectRole };

/** What a role may do at least: "member" < "admin" < "owner". */
const ROLE_RANK: Record<ProjectRole, number> = { member: 0, admin: 1, owner: 2 };
export const hasProjectRole = (role: ProjectRole, atLeast: ProjectRole): boolean => ROLE_RANK[role] >= ROLE_RANK[atLeast];

export const GRACE_DAYS_MAX = 30;
/** An owner's exception from the requirement lasts at most this long (never indefinitely). */
export const EXEMPTION_DAYS_MAX = 30;
export const PROJECT_NAME_MAX = NAME_MAX;
/** An invitation link works this long, once. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;
/**
 * Invitations one project may send an hour, so an admin cannot flood addresses. The limits
 * below apply on top (lib/projects/invitations.ts claimInvitationSend).
 */
export const INVITATIONS_PER_PROJECT_PER_HOUR = 30;
/**
 * Invitations one person may send an hour over all their projects: making more projects does not
 * buy more mail in Tessera's name.
 */
export const INVITATIONS_PER_INVITER_PER_HOUR = 50;
/**
 * Invitations to one address an hour from one project, and from one inviter over all their
 * projects; at most one a minute from either. Counted per project and per inviter, never over
 * everyone, so a stranger's project cannot spend the budget another project has for that address.
 */
export const INVITATIONS_PER_ADDRESS_PER_PROJECT_PER_HOUR = 3;
export const INVITATIONS_PER_ADDRESS_PER_INVITER_PER_HOUR = 5;
export const INVITATION_ADDRESS_INTERVAL_MS = 60_000;
/** "Send reminder": at most one per member per day. */
export const REMINDER_INTERVAL_MS = 24 * 60 * 60_000;

/** Methods that count when the project asks for secure methods only (phones do not: GitHub). */
export const SECURE_FACTOR_TYPES: readonly FactorType[] = ["totp", "webauthn"];
/**
 * How a session proved a real second factor (Session.factorMethod): the factor methods and a
 * recovery code (the fallback of the same enrolment). "email_code" is login verification, never a
 * factor (rule 5). A trusted computer is a factor passed on this browser earlier, which only
 * "Once per computer" accepts: "trusted_computer" when an app or a key earned the trust,
 * "trusted_computer_phone" when a text or a call did, or the trust predates knowing which.
 * "temporary_access_code" (support's code after a 2FA reset, lib/support/reset.ts) is left out on
 * purpose: it lets the person in once to enrol, so a project requiring 2FA still asks them to.
 */
const SESSION_FACTOR_METHODS = new Set(["totp", "webauthn", "sms", "voice", "recovery_code"]);
const TRUSTED_COMPUTER_METHODS = new Set(["trusted_computer", "trusted_computer_phone"]);
/** Proofs that came by phone, directly or through a trust a phone earned: not with secure methods only. */
const PHONE_METHODS = new Set(["sms", "voice", "trusted_computer_phone"]);

/** Session.factorMethod of a sign-in that a trusted computer stood in for, by the factor that earned the trust (null: unknown, not secure). */
export const trustedComputerMethod = (earnedBy: FactorType | null): "trusted_computer" | "trusted_computer_phone" =>
  earnedBy && SECURE_FACTOR_TYPES.includes(earnedBy) ? "trusted_computer" : "trusted_computer_phone";

/** Whether a session's proof came by phone (so Secure methods only asks again). */
export const passedByPhone = (factorMethod: string | null): boolean => !!factorMethod && PHONE_METHODS.has(factorMethod);

export type ProjectPolicy = {
  requiredLevel: TwoFactorLevel;
  secureMethodsOnly: boolean;
  graceEndsAt: Date | null;
  /** Whom the grace period covers (graceCovers). */
  graceScope: GraceScope;
};

export type MemberFacts = {
  /** The member's own level (the stricter one applies). */
  level: TwoFactorLevel;
  /** Types of the member's active factors. */
  factorTypes: readonly FactorType[];
  exemptUntil: Date | null;
};

export type SessionProof = { factorVerifiedAt: Date | null; factorMethod: string | null };

/** Whether a method type satisfies the project's requirement. */
export const factorCounts = (policy: Pick<ProjectPolicy, "secureMethodsOnly">, type: FactorType): boolean =>
  !policy.secureMethodsOnly || SECURE_FACTOR_TYPES.includes(type);

/** Whether the member has a method that satisfies the requirement (regardless of this session). */
export const hasCompliantFactor = (policy: Pick<ProjectPolicy, "secureMethodsOnly">, factorTypes: readonly FactorType[]): boolean =>
  factorTypes.some((type) => factorCounts(policy, type));

/** Whether the project's grace period still runs (for someone: see graceCovers). */
export const inGrace = (policy: Pick<ProjectPolicy, "graceEndsAt">, now: Date): boolean =>
  !!policy.graceEndsAt && policy.graceEndsAt.getTime() > now.getTime();

/**
 * Whether the running grace period covers a member without a method that counts. A grace that
 * only Secure methods only started, once the requirement's own grace was over ("phone_only"),
 * covers those it took a method from (they have one, a phone), not those who never set one up:
 * they were held at enrolment before the change and stay held (lib/projects/policy.ts graceAfter).
 */
export const graceCovers = (policy: Pick<ProjectPolicy, "graceEndsAt" | "graceScope">, member: Pick<MemberFacts, "factorTypes">, now: Date): boolean =>
  inGrace(policy, now) && (policy.graceScope === "everyone" || member.factorTypes.length > 0);

export const isExempt = (member: Pick<MemberFacts, "exemptUntil">, now: Date): boolean =>
  !!member.exemptUntil && member.exemptUntil.getTime() > now.getTime();

/**
 * The verdict of one access to a project:
 * - `allowed`, possibly only for the grace period (`graceEndsAt`: show the banner) or under an
 *   owner's exception (`exemptUntil`);
 * - `enrol`: no method that counts, grace over: set one up before seeing anything;
 * - `verify`: a method that counts exists, but this session has not passed it as the effective
 *   level asks (Every login: a real factor in this session; Once per computer: this session or a
 *   trusted computer; with secure methods only, not by phone).
 */
export type AccessVerdict =
  | { kind: "allowed"; graceEndsAt?: Date; exemptUntil?: Date }
  | { kind: "enrol" }
  | { kind: "verify" };

export function projectVerdict(policy: ProjectPolicy, member: MemberFacts, session: SessionProof, now: Date): AccessVerdict {
  if (policy.requiredLevel === "disabled") return { kind: "allowed" };
  if (isExempt(member, now)) return { kind: "allowed", exemptUntil: member.exemptUntil! };
  if (!hasCompliantFactor(policy, member.factorTypes)) {
    return graceCovers(policy, member, now) ? { kind: "allowed", graceEndsAt: policy.graceEndsAt! } : { kind: "enrol" };
  }
  return sessionSatisfies(stricterLevel(member.level, policy.requiredLevel), policy, session) ? { kind: "allowed" } : { kind: "verify" };
}

function sessionSatisfies(level: TwoFactorLevel, policy: ProjectPolicy, session: SessionProof): boolean {
  const method = session.factorMethod;
  if (!session.factorVerifiedAt || !method) return false;
  if (policy.secureMethodsOnly && passedByPhone(method)) return false;
  if (SESSION_FACTOR_METHODS.has(method)) return true;
  return level === "once_per_computer" && TRUSTED_COMPUTER_METHODS.has(method);
}

/**
 * A member's compliance as the compliance view shows it: compliant when the requirement is met
 * by a method that counts (or nothing is required, or an exception holds); this does not look at
 * any session, only at what the member has set up.
 */
export type ComplianceState = "compliant" | "exempt" | "grace" | "not_compliant";

export function complianceOf(policy: ProjectPolicy, member: MemberFacts, now: Date): ComplianceState {
  if (policy.requiredLevel === "disabled" || hasCompliantFactor(policy, member.factorTypes)) return "compliant";
  if (isExempt(member, now)) return "exempt";
  return graceCovers(policy, member, now) ? "grace" : "not_compliant";
}

/** Whether moving from `from` to `to` can only block more people (the preview and confirmation are asked for). */
export function tightens(from: ProjectPolicy & { graceDays: number }, to: ProjectPolicy & { graceDays: number }): boolean {
  const rank = { disabled: 0, once_per_computer: 1, every_login: 2 } as const;
  return (
    rank[to.requiredLevel] > rank[from.requiredLevel] ||
    (to.secureMethodsOnly && !from.secureMethodsOnly && to.requiredLevel !== "disabled") ||
    (to.requiredLevel !== "disabled" && to.graceDays < from.graceDays)
  );
}
