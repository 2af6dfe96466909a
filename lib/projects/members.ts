import { db, type Tx } from "@/lib/db";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { recordAudit } from "@/lib/audit/record";
import { notifyUser } from "@/lib/email/notify";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { requireSudo, type Actor } from "@/lib/policy";
import { hasProjectRole } from "@/lib/policy/project";
import { suspendLinkedCodes } from "@/lib/access/link";
import { lockProject } from "./projects";

/**
 * Who is in a project and what they may do there. The rules (like GitHub's organisations):
 * - owners change anyone's role, remove anyone, and transfer ownership;
 * - admins invite members and remove members and admins, never owners; they do not change
 *   roles (only owners make admins or owners);
 * - anyone leaves;
 * - a project always keeps an owner: demoting, removing or the leaving of the last owner is
 *   refused (project_last_owner).
 *
 * Each change takes the project's lock first (lockProject) and reads the roles again under it:
 * the access check before the transaction saw the roles as they were, and two owners acting at
 * once must not each believe the other stays. The change and its audit event share the
 * transaction (rule 7). The person removed, and a new owner, are told by email afterwards.
 * A member who goes (removed or leaving) stops opening doors in the same transaction: the keypad
 * codes of access users linked to them are suspended (lib/access/link.ts).
 */

export type MemberListing = { userId: string; name: string; email: string; role: ProjectRole; joinedAt: Date };

const RANK: Record<ProjectRole, number> = { owner: 0, admin: 1, member: 2 };

/** Everyone in the project, owners first, then by name: everyone in the project sees this. */
export async function listMembers(projectId: string): Promise<MemberListing[]> {
  const rows = await db.projectMember.findMany({
    where: { projectId },
    select: { role: true, joinedAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  return rows
    .map(({ role, joinedAt, user }) => ({ userId: user.id, name: user.name, email: user.email, role, joinedAt }))
    .sort((a, b) => RANK[a.role] - RANK[b.role] || a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
}

/** How many owners the project has (the enrolment page offers leaving to anyone but the last). */
export async function countOwners(projectId: string): Promise<number> {
  return db.projectMember.count({ where: { projectId, role: "owner" } });
}

/** Owners only. Making someone an owner needs sudo mode (it hands over everything, like a transfer). */
export async function changeMemberRole(actor: Actor, projectId: string, userId: string, role: ProjectRole, context: RequestContext, now = new Date()): Promise<boolean> {
  if (role === "owner") await requireSudo(actor, now);
  const changed = await db.$transaction(async (tx) => {
    const project = await lockProject(tx, projectId);
    await requireRole(tx, projectId, actor.userId, "owner");
    const from = await roleOf(tx, projectId, userId);
    if (!from) throw new AppError("not_found");
    if (from === role) return null;
    if (from === "owner") await keepAnOwner(tx, projectId);
    await tx.projectMember.update({ where: { projectId_userId: { projectId, userId } }, data: { role } });
    await recordAudit(tx, { type: "project.role_changed", actorId: actor.userId, subjectId: userId, projectId, metadata: { from, to: role }, context });
    return project;
  });
  if (changed && role === "owner" && userId !== actor.userId) await tell(userId, "owner", changed, actor.userId);
  return !!changed;
}

/** Owners remove anyone, admins remove members and admins. Removing oneself is leaving. */
export async function removeMember(actor: Actor, projectId: string, userId: string, context: RequestContext): Promise<void> {
  if (userId === actor.userId) return leaveProject(actor, projectId, context);
  const project = await db.$transaction(async (tx) => {
    const project = await lockProject(tx, projectId);
    const actorRole = await requireRole(tx, projectId, actor.userId, "admin");
    const role = await roleOf(tx, projectId, userId);
    if (!role) throw new AppError("not_found");
    if (role === "owner" && actorRole !== "owner") throw new AppError("forbidden");
    await tx.projectMember.delete({ where: { projectId_userId: { projectId, userId } } });
    await recordAudit(tx, { type: "project.member_removed", actorId: actor.userId, subjectId: userId, projectId, metadata: { role }, context });
    // After the delete: a link made at the same time has committed by now (lib/access/link.ts).
    await suspendLinkedCodes(tx, { memberUserId: userId, projectId, reason: "member_removed", actorId: actor.userId, context });
    return project;
  });
  await tell(userId, "removed", project, actor.userId);
}

/** Anyone leaves, except the last owner (who transfers ownership, or deletes the project). */
export async function leaveProject(actor: Actor, projectId: string, context: RequestContext): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockProject(tx, projectId);
    const role = await roleOf(tx, projectId, actor.userId);
    if (!role) throw new AppError("not_found");
    if (role === "owner") await keepAnOwner(tx, projectId);
    await tx.projectMember.delete({ where: { projectId_userId: { projectId, userId: actor.userId } } });
    await recordAudit(tx, { type: "project.member_left", actorId: actor.userId, subjectId: actor.userId, projectId, metadata: { role }, context });
    await suspendLinkedCodes(tx, { memberUserId: actor.userId, projectId, reason: "member_removed", actorId: actor.userId, context });
  });
}

/**
 * An owner hands the project to another member, in sudo mode: that member becomes an owner, the
 * old owner an admin (GitHub's and GitLab's transfer). Other owners stay owners.
 */
export async function transferOwnership(actor: Actor, projectId: string, userId: string, context: RequestContext, now = new Date()): Promise<void> {
  await requireSudo(actor, now);
  if (userId === actor.userId) throw new AppError("invalid_input");
  const project = await db.$transaction(async (tx) => {
    const project = await lockProject(tx, projectId);
    await requireRole(tx, projectId, actor.userId, "owner");
    const from = await roleOf(tx, projectId, userId);
    if (!from) throw new AppError("not_found");
    await tx.projectMember.update({ where: { projectId_userId: { projectId, userId } }, data: { role: "owner" } });
    await tx.projectMember.update({ where: { projectId_userId: { projectId, userId: actor.userId } }, data: { role: "admin" } });
    await recordAudit(tx, {
      type: "project.ownership_transferred",
      actorId: actor.userId,
      subjectId: userId,
      projectId,
      metadata: { from: actor.userId, to: userId, previousRole: from },
      context,
    });
    return project;
  });
  await tell(userId, "owner", project, actor.userId);
}

/** After the change: an email to the person it happened to (notifyUser logs and audits a failed send). */
async function tell(userId: string, change: "removed" | "owner", project: { id: string; name: string }, actorId: string) {
  const actor = await db.user.findUnique({ where: { id: actorId }, select: { name: true } });
  const link = change === "owner" ? `${getEnv().APP_URL}/projects/${project.id}` : undefined;
  await notifyUser(userId, { template: "project-membership-changed", props: { projectName: project.name, actorName: actor?.name ?? "", change, link } });
}

/** A member's role as it is now (under the caller's project lock), or null for a non-member. */
export async function roleOf(tx: Tx, projectId: string, userId: string): Promise<ProjectRole | null> {
  const row = await tx.projectMember.findUnique({ where: { projectId_userId: { projectId, userId } }, select: { role: true } });
  return row?.role ?? null;
}

/** The caller's role again under the lock: what the access check saw may have changed since. */
export async function requireRole(tx: Tx, projectId: string, userId: string, atLeast: ProjectRole): Promise<ProjectRole> {
  const role = await roleOf(tx, projectId, userId);
  if (!role) throw new AppError("not_found");
  if (!hasProjectRole(role, atLeast)) throw new AppError("forbidden");
  return role;
}

/** Before an owner stops being one: another owner must remain. */
async function keepAnOwner(tx: Tx, projectId: string) {
  const owners = await tx.projectMember.count({ where: { projectId, role: "owner" } });
  if (owners <= 1) throw new AppError("project_last_owner");
}
