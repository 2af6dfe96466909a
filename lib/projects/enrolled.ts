import type { Tx } from "@/lib/db";
import type { FactorType } from "@/lib/db/generated/enums";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/http/request-context";
import { hasCompliantFactor } from "@/lib/policy/project";

/**
 * "Each enforcement that … enrolled someone" (issue 10, item 7): when a factor becomes active,
 * one `project.enforcement_enrolled` event in each project that requires 2FA of the person and
 * where, before this factor, they had no method that counts (with Secure methods only, a phone
 * does not count, so adding one enrols nobody there). Inside the factor's transaction (rule 7),
 * which has locked the person's row: the memberships and projects are only read here, never
 * locked, as the lock order is Project → ProjectMember → a person's rows.
 */
export async function recordEnforcementEnrolled(
  tx: Tx,
  input: { userId: string; method: FactorType; before: readonly FactorType[] },
  context: RequestContext,
): Promise<void> {
  const { userId, method, before } = input;
  const after = [...before, method];
  const memberships = await tx.projectMember.findMany({
    where: { userId, project: { requiredLevel: { not: "disabled" } } },
    select: { projectId: true, project: { select: { requiredLevel: true, secureMethodsOnly: true } } },
    orderBy: { projectId: "asc" },
  });
  for (const { projectId, project } of memberships) {
    if (hasCompliantFactor(project, before) || !hasCompliantFactor(project, after)) continue;
    await recordAudit(tx, {
      type: "project.enforcement_enrolled",
      actorId: userId,
      subjectId: userId,
      projectId,
      metadata: { method, requiredLevel: project.requiredLevel, secureMethodsOnly: project.secureMethodsOnly },
      context,
    });
  }
}
