import { db, type Tx } from "@/lib/db";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { hasProjectRole } from "@/lib/policy/project";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { requireSudo, type Actor } from "@/lib/policy";

/**
 * Projects themselves: create, rename, delete, and the list a person sees. Membership, invitations
 * and the 2FA policy have their own modules beside this one. Every change writes its audit event
 * in the same transaction (rule 7). Callers have already passed the project's access check
 * (lib/projects/access.ts) with the role each function names.
 */

/** Names are trimmed and compared after NFC, so "Café" typed either way matches at deletion. */
export const normaliseProjectName = (name: string) => name.normalize("NFC").trim().replace(/\s+/g, " ");

/** A new project, owned by its creator. */
export async function createProject(actor: Actor, name: string, context: RequestContext) {
  const projectName = normaliseProjectName(name);
  return db.$transaction(async (tx) => {
    const project = await tx.project.create({ data: { name: projectName, members: { create: { userId: actor.userId, role: "owner" } } } });
    await recordAudit(tx, { type: "project.created", actorId: actor.userId, projectId: project.id, metadata: { name: projectName }, context });
    return project;
  });
}

/**
 * Owners and admins rename, in sudo mode (the settings page's "Authenticate to make changes"
 * holds for every setting, whoever the caller). The role is read again under the project's lock:
 * an admin removed while the rename waited for it renames nothing.
 */
export async function renameProject(actor: Actor, projectId: string, name: string, context: RequestContext, now = new Date()): Promise<boolean> {
  const to = normaliseProjectName(name);
  await requireSudo(actor, now);
  return db.$transaction(async (tx) => {
    const project = await lockProject(tx, projectId);
    await requireRoleUnderLock(tx, projectId, actor.userId, "admin");
    if (project.name === to) return false;
    await tx.project.update({ where: { id: projectId }, data: { name: to } });
    await recordAudit(tx, { type: "project.renamed", actorId: actor.userId, projectId, metadata: { from: project.name, to }, context });
    return true;
  });
}

/**
 * Owners delete, in sudo mode and typing the project's name (GitHub's confirmation). Members,
 * invitations and the project go together; the audit events stay, naming the project's id.
 */
export async function deleteProject(actor: Actor, projectId: string, typedName: string, context: RequestContext, now = new Date()) {
  await requireSudo(actor, now);
  await db.$transaction(async (tx) => {
    const project = await lockProject(tx, projectId);
    // Owners only, read again under the lock: an owner demoted while this waited deletes nothing.
    await requireRoleUnderLock(tx, projectId, actor.userId, "owner");
    if (normaliseProjectName(typedName) !== project.name) throw new AppError("project_name_mismatch");
    const members = await tx.projectMember.count({ where: { projectId } });
    await tx.project.delete({ where: { id: projectId } });
    await recordAudit(tx, { type: "project.deleted", actorId: actor.userId, projectId, metadata: { name: project.name, members }, context });
  });
}

/**
 * The project's row, locked for the rest of the transaction: every change to a project, its
 * members or its policy takes this lock first, so two owners acting at once are ordered (a project
 * always keeps an owner, a policy is never overwritten on a stale reading). Lock order: Project,
 * then ProjectMember rows, then anything of a person's (lib/mfa's proof rows, Session, User).
 */
export async function lockProject(tx: Tx, projectId: string) {
  const rows = await tx.$queryRaw<{ id: string; name: string }[]>`SELECT "id", "name" FROM "Project" WHERE "id" = ${projectId} FOR UPDATE`;
  const [row] = rows;
  if (!row) throw new AppError("not_found");
  return row;
}

/**
 * The actor's role, read again under the project's lock: the access check ran before the lock,
 * and a role taken away meanwhile (another owner acting at once) must not still count.
 */
export async function requireRoleUnderLock(tx: Tx, projectId: string, userId: string, role: ProjectRole): Promise<void> {
  const member = await tx.projectMember.findUnique({ where: { projectId_userId: { projectId, userId } }, select: { role: true } });
  if (!member) throw new AppError("not_found");
  if (!hasProjectRole(member.role, role)) throw new AppError("forbidden");
}

export type ProjectSummary = { id: string; name: string; role: ProjectRole; members: number; requiredLevel: string };

/** The person's projects, for the list and the switcher: one query. */
export async function listProjectsFor(userId: string): Promise<ProjectSummary[]> {
  const rows = await db.projectMember.findMany({
    where: { userId },
    select: { role: true, project: { select: { id: true, name: true, requiredLevel: true, _count: { select: { members: true } } } } },
    orderBy: { project: { name: "asc" } },
  });
  return rows.map(({ role, project }) => ({ id: project.id, name: project.name, role, members: project._count.members, requiredLevel: project.requiredLevel }));
}

/** Names and ids only, for the shell's project switcher on every dashboard page: one small query. */
export async function listProjectNames(userId: string): Promise<{ id: string; name: string }[]> {
  const rows = await db.projectMember.findMany({ where: { userId }, select: { project: { select: { id: true, name: true } } }, orderBy: { project: { name: "asc" } } });
  return rows.map((row) => row.project);
}
