import { db } from "@/lib/db";
import type { AccessRole, ProjectRole } from "@/lib/db/generated/enums";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { requireRole } from "@/lib/projects/members";
import { lockProject } from "@/lib/projects/projects";
import { assertCan, effectiveAccessRole, type AccessActor } from "./permissions";
import { event, isUuid } from "./users";

/**
 * Verkada's access roles, given per project by owners and admins (roles.manage): Access User
 * Admin, Access User Manager, Access Credential Manager, or none. Owners and admins hold Access
 * User Admin through their project role, so theirs is not given here. No API key gives roles.
 */

export type AccessRoleListing = {
  userId: string;
  name: string;
  email: string;
  projectRole: ProjectRole;
  /** What was given (null: none); owners and admins: null, their role comes from the project role. */
  accessRole: AccessRole | null;
  /** What they hold in effect. */
  effectiveRole: AccessRole | null;
  byProjectRole: boolean;
};

const RANK: Record<ProjectRole, number> = { owner: 0, admin: 1, member: 2 };

export async function listAccessRoles(actor: AccessActor): Promise<AccessRoleListing[]> {
  assertCan(actor, "roles.manage");
  const rows = await db.projectMember.findMany({
    where: { projectId: actor.projectId },
    select: { role: true, accessRole: true, user: { select: { id: true, name: true, email: true } } },
  });
  return rows
    .map(({ role, accessRole, user }) => {
      const byProjectRole = role !== "member";
      return { userId: user.id, name: user.name, email: user.email, projectRole: role, accessRole: byProjectRole ? null : accessRole, effectiveRole: effectiveAccessRole(role, accessRole), byProjectRole };
    })
    .sort((a, b) => RANK[a.projectRole] - RANK[b.projectRole] || a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
}

/**
 * Gives a member an access role, or takes it (null). Under the project's lock, the caller's
 * project role is read again (it may have changed since the page was checked). Refused for
 * owners and admins (access_role_by_project_role). Returns whether anything changed.
 */
export async function setAccessRole(actor: AccessActor, userId: string, role: AccessRole | null, context: RequestContext): Promise<boolean> {
  assertCan(actor, "roles.manage");
  if (actor.kind !== "member") throw new AppError("forbidden");
  if (!isUuid(userId)) throw new AppError("not_found");
  const { projectId } = actor;
  return db.$transaction(async (tx) => {
    await lockProject(tx, projectId);
    await requireRole(tx, projectId, actor.userId, "admin");
    const member = await tx.projectMember.findUnique({ where: { projectId_userId: { projectId, userId } }, select: { role: true, accessRole: true } });
    if (!member) throw new AppError("not_found");
    if (member.role !== "member") throw new AppError("access_role_by_project_role");
    if (member.accessRole === role) return false;
    await tx.projectMember.update({ where: { projectId_userId: { projectId, userId } }, data: { accessRole: role } });
    await recordAudit(
      tx,
      role
        ? event(actor, context, "access.role_granted", { role, ...(member.accessRole ? { from: member.accessRole } : {}) }, userId)
        : event(actor, context, "access.role_revoked", { role: member.accessRole! }, userId),
    );
    return true;
  });
}
