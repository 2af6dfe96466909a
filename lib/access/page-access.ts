import { notFound } from "next/navigation";
import { projectPage, type ProjectAccess } from "@/lib/projects/access";
import { can, type AccessActor, type AccessPermission } from "./permissions";

/** The signed-in member as an access actor (their project role and granted access role). */
export function memberActor(access: ProjectAccess): AccessActor & { kind: "member" } {
  return { kind: "member", projectId: access.project.id, userId: access.session.userId, projectRole: access.role, accessRole: access.member.accessRole ?? null };
}

/**
 * Every access-control page: the project's enforcement (lib/projects/access.ts projectPage), then
 * the page's permission; a member without it gets the not-found page, as for a project they are
 * not in. Returns the access and the actor for the page's domain calls.
 */
export async function accessPage(projectId: string, permission: AccessPermission = "access.view"): Promise<{ access: ProjectAccess; actor: AccessActor & { kind: "member" } }> {
  const access = await projectPage(projectId);
  const actor = memberActor(access);
  if (!can(actor, permission)) notFound();
  return { access, actor };
}
