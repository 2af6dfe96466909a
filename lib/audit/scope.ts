import { Prisma } from "@/lib/db/generated/client";

/**
 * Which audit events a person may read (issue 11 §3), enforced in every query that reads them:
 * - everyone: the events about their own account (subjectId);
 * - project owners and admins: also every event of those projects;
 * - support and support_admin with a second factor: everything, read-only.
 */
export type AuditScope = { kind: "everything" } | { kind: "limited"; userId: string; projectIds: string[] };

export async function auditScopeFor(viewerId: string): Promise<AuditScope> {
  // Imported here: the export's stream needs only auditScopeSql, and the client is ~70 MB of its RSS.
  const [{ db }, { supportAccess }] = await Promise.all([import("@/lib/db"), import("@/lib/support/support-access")]);
  if ((await supportAccess(viewerId)) === "granted") return { kind: "everything" };
  const admin = await db.projectMember.findMany({
    where: { userId: viewerId, role: { in: ["owner", "admin"] } },
    select: { projectId: true },
  });
  return { kind: "limited", userId: viewerId, projectIds: admin.map((row) => row.projectId) };
}

/** A condition on "AuditEvent" (aliased `alias`) that keeps only what the scope may read. */
export function auditScopeSql(scope: AuditScope, alias = '"AuditEvent"'): Prisma.Sql {
  if (scope.kind === "everything") return Prisma.sql`TRUE`;
  const table = Prisma.raw(alias);
  const own = Prisma.sql`${table}."subjectId" = ${scope.userId}`;
  if (scope.projectIds.length === 0) return own;
  return Prisma.sql`(${own} OR ${table}."projectId" IN (${Prisma.join(scope.projectIds)}))`;
}
