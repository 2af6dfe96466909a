import { db } from "@/lib/db";

export type MemberChoice = { userId: string; name: string; email: string; linkedTo: string | null };

/**
 * The project's members for the link select, by name, each with the access user already linked
 * to them (if any). Only for pages whose viewer manages users: it shows names and addresses of
 * members, which every member sees on the Members page anyway.
 */
export async function memberChoices(projectId: string): Promise<MemberChoice[]> {
  const [members, linked] = await Promise.all([
    db.projectMember.findMany({ where: { projectId }, select: { user: { select: { id: true, name: true, email: true } } } }),
    db.accessUser.findMany({ where: { projectId, memberUserId: { not: null } }, select: { id: true, memberUserId: true } }),
  ]);
  const linkOf = new Map(linked.map((row) => [row.memberUserId!, row.id]));
  return members
    .map(({ user }) => ({ userId: user.id, name: user.name, email: user.email, linkedTo: linkOf.get(user.id) ?? null }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
}
