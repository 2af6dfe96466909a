import type { db, Tx } from "@/lib/db";
import type { FactorType, ProjectRole } from "@/lib/db/generated/enums";
import type { TwoFactorLevel } from "@/lib/policy/levels";
import { complianceOf, type ComplianceState, type ProjectPolicy } from "@/lib/policy/project";

/**
 * Who a project's policy hits, member by member, with the same rules as enforcement
 * (lib/policy/project.ts complianceOf): the settings page's preview, the emails a change sends
 * and the grace period's last-day emails all read it from here.
 */

export type PreviewPerson = { userId: string; name: string; email: string; role: ProjectRole; you: boolean };

/** Who a policy hits, worked out with the same rules as enforcement (lib/policy/project.ts). Dates as ISO strings (it goes to the browser). */
export type PolicyPreview = {
  /** No method that counts, no grace: led to enrolment on their next access. */
  blocked: PreviewPerson[];
  /** No method that counts yet; may enter until `graceEndsAt`. */
  grace: PreviewPerson[];
  graceEndsAt: string | null;
  /** Under an owner's exception until `until`. */
  exempt: (PreviewPerson & { until: string })[];
  /** Have a method that counts (or nothing is required). */
  unaffected: PreviewPerson[];
};

/** A member as the policy sees them, with what the preview and the emails name. */
export type MemberRow = {
  userId: string;
  role: ProjectRole;
  exemptUntil: Date | null;
  name: string;
  email: string;
  level: TwoFactorLevel;
  factorTypes: FactorType[];
};

/** Every member with their active method types: one query. */
export async function loadMemberRows(tx: Tx | typeof db, projectId: string): Promise<MemberRow[]> {
  const rows = await tx.projectMember.findMany({
    where: { projectId },
    select: {
      userId: true,
      role: true,
      exemptUntil: true,
      user: { select: { name: true, email: true, twoFactorLevel: true, factors: { where: { status: "active" }, select: { type: true } } } },
    },
    orderBy: [{ joinedAt: "asc" }, { userId: "asc" }],
  });
  return rows.map(({ user, ...member }) => ({
    ...member,
    name: user.name,
    email: user.email,
    level: user.twoFactorLevel,
    factorTypes: user.factors.map((factor) => factor.type),
  }));
}

export const memberCompliance = (policy: ProjectPolicy, member: MemberRow, now: Date): ComplianceState =>
  complianceOf(policy, { level: member.level, factorTypes: member.factorTypes, exemptUntil: member.exemptUntil }, now);

/** Who `policy` would hit, now. */
export function previewOf(policy: ProjectPolicy, members: readonly MemberRow[], now: Date, actorId: string): PolicyPreview {
  const preview: PolicyPreview = { blocked: [], grace: [], graceEndsAt: policy.graceEndsAt?.toISOString() ?? null, exempt: [], unaffected: [] };
  for (const member of members) {
    const person: PreviewPerson = { userId: member.userId, name: member.name, email: member.email, role: member.role, you: member.userId === actorId };
    const state = memberCompliance(policy, member, now);
    if (state === "not_compliant") preview.blocked.push(person);
    else if (state === "grace") preview.grace.push(person);
    else if (state === "exempt") preview.exempt.push({ ...person, until: member.exemptUntil!.toISOString() });
    else preview.unaffected.push(person);
  }
  return preview;
}

