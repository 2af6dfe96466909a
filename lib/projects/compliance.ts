import { db } from "@/lib/db";
import type { FactorType, ProjectRole } from "@/lib/db/generated/enums";
import { twoFactorStateOf, type TwoFactorState } from "@/lib/mfa/status";
import type { TwoFactorLevel } from "@/lib/policy/levels";
import { complianceOf, type ComplianceState, type ProjectPolicy } from "@/lib/policy/project";

/**
 * The compliance view (issue item 6): one row per member with their 2FA state, their methods by
 * kind, when they last verified, and whether they meet the project's requirement. Read in one
 * statement for the whole project (members, people and active factors joined), so a project of
 * a thousand members costs what a project of three does. Never a secret: a method is its kind,
 * a phone at most its last two digits ("•• 42"), never a number, a key's id or a name.
 */

export type MethodSummary = { type: FactorType; count: number; hints: string[] };

export type ComplianceRow = {
  userId: string;
  name: string;
  email: string;
  role: ProjectRole;
  twoFactor: TwoFactorState;
  methods: MethodSummary[];
  /** The latest use of any of the member's active methods; null: never. */
  lastVerifiedAt: Date | null;
  compliance: ComplianceState;
  /** Until when the exception (exempt) or the grace period (grace) lasts. */
  until: Date | null;
  exemptReason: string | null;
  remindedAt: Date | null;
};

export type ComplianceCounts = Record<ComplianceState, number> & { members: number };

export type ComplianceTable = { rows: ComplianceRow[]; counts: ComplianceCounts };

/** The order methods are listed in: the strongest first, as the security page does. */
const METHOD_ORDER: readonly FactorType[] = ["webauthn", "totp", "sms", "voice"];
/** Who needs attention first: the view is for acting on those who do not comply. */
const STATE_ORDER: readonly ComplianceState[] = ["not_compliant", "grace", "exempt", "compliant"];

/** A phone's hint as the view may show it: two digits at most, masked. */
export const maskedHint = (hint: string | null): string | null => {
  const digits = (hint ?? "").replace(/\D/g, "").slice(-2);
  return digits ? `•• ${digits}` : null;
};

export type MemberRow = {
  role: ProjectRole;
  exemptUntil: Date | null;
  exemptReason: string | null;
  remindedAt: Date | null;
  user: {
    id: string;
    name: string;
    email: string;
    twoFactorLevel: TwoFactorLevel;
    twoFactorChangedAt: Date | null;
    factors: { type: FactorType; lastUsedAt: Date | null; phoneHint: string | null }[];
  };
};

/** What the one statement reads of each member: the columns the row needs, nothing secret. */
export const MEMBER_ROW_SELECT = {
  role: true,
  exemptUntil: true,
  exemptReason: true,
  remindedAt: true,
  user: {
    select: {
      id: true,
      name: true,
      email: true,
      twoFactorLevel: true,
      twoFactorChangedAt: true,
      factors: { where: { status: "active" }, select: { type: true, lastUsedAt: true, phoneHint: true } },
    },
  },
} as const;

/** One member's row, decided by the policy's own rules (lib/policy/project.ts complianceOf). */
export function complianceRow(policy: ProjectPolicy, member: MemberRow, now: Date): ComplianceRow {
  const { user } = member;
  const factorTypes = user.factors.map((factor) => factor.type);
  const compliance = complianceOf(policy, { level: user.twoFactorLevel, factorTypes, exemptUntil: member.exemptUntil }, now);
  let lastVerifiedAt: Date | null = null;
  for (const factor of user.factors) if (factor.lastUsedAt && (!lastVerifiedAt || factor.lastUsedAt > lastVerifiedAt)) lastVerifiedAt = factor.lastUsedAt;
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    role: member.role,
    twoFactor: twoFactorStateOf(user.factors.length > 0, user.twoFactorChangedAt, now),
    methods: summariseMethods(user.factors),
    lastVerifiedAt,
    compliance,
    until: compliance === "exempt" ? member.exemptUntil : compliance === "grace" ? policy.graceEndsAt : null,
    exemptReason: compliance === "exempt" ? member.exemptReason : null,
    remindedAt: member.remindedAt,
  };
}

export function summariseMethods(factors: MemberRow["user"]["factors"]): MethodSummary[] {
  const byType = new Map<FactorType, MethodSummary>();
  for (const factor of factors) {
    const summary = byType.get(factor.type) ?? { type: factor.type, count: 0, hints: [] };
    summary.count += 1;
    const hint = factor.type === "sms" || factor.type === "voice" ? maskedHint(factor.phoneHint) : null;
    if (hint && !summary.hints.includes(hint)) summary.hints.push(hint);
    byType.set(factor.type, summary);
  }
  return [...byType.values()].sort((a, b) => METHOD_ORDER.indexOf(a.type) - METHOD_ORDER.indexOf(b.type));
}

export function countCompliance(rows: readonly Pick<ComplianceRow, "compliance">[]): ComplianceCounts {
  const counts: ComplianceCounts = { members: rows.length, compliant: 0, exempt: 0, grace: 0, not_compliant: 0 };
  for (const row of rows) counts[row.compliance] += 1;
  return counts;
}

/**
 * The whole table for a project whose policy the caller already holds (the access check read
 * it): one statement, whatever the number of members. Those who need attention come first, then
 * by name.
 */
export async function loadComplianceTable(projectId: string, policy: ProjectPolicy, now = new Date()): Promise<ComplianceTable> {
  const members = await db.projectMember.findMany({
    where: { projectId },
    select: MEMBER_ROW_SELECT,
    orderBy: [{ user: { name: "asc" } }, { user: { email: "asc" } }],
    relationLoadStrategy: "join",
  });
  const rows = members.map((member) => complianceRow(policy, member, now));
  rows.sort((a, b) => STATE_ORDER.indexOf(a.compliance) - STATE_ORDER.indexOf(b.compliance));
  return { rows, counts: countCompliance(rows) };
}

/** Whether "Send reminder" applies to a row: everyone who does not meet the requirement yet (grace included). */
export const needsReminder = (compliance: ComplianceState): boolean => compliance === "not_compliant" || compliance === "grace";
