import { db, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { assertCan, auditActor, type AccessActor } from "./permissions";

/**
 * **One identity for doors and sign-in**: an access user may be linked to a project member, and
 * then follows them. When the member is removed from the project, leaves it, or has their 2FA
 * reset by support, the keypad codes of every access user linked to them stop opening doors at
 * once (codesSuspendedAt, in the same transaction as the removal or the reset), until an admin
 * reinstates them. A door check reads codesSuspendedAt (lib/access/door-check.ts).
 */

export type CodesSuspendedReason = "member_removed" | "two_factor_reset";

/**
 * Before linking `memberUserId` to an access user (creating one, or changing its link): the
 * person must be a member of the project, and no other access user of the project may be linked
 * to them. Locks are taken in the order a member's removal takes them (the project, then the
 * membership), so a removal running at the same time either happens first (and the link is
 * refused) or waits until the link is committed (and then suspends its codes); two links of one
 * member queue on the membership row, and the second sees the first.
 */
export async function lockMemberForLink(tx: Tx, projectId: string, memberUserId: string, accessUserId: string | null): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Project" WHERE "id" = ${projectId} FOR SHARE`;
  const member = await tx.$queryRaw<{ userId: string }[]>`
    SELECT "userId" FROM "ProjectMember" WHERE "projectId" = ${projectId} AND "userId" = ${memberUserId} FOR UPDATE`;
  if (member.length === 0) throw new AppError("access_member_not_in_project");
  const other = await tx.accessUser.findFirst({
    where: { projectId, memberUserId, ...(accessUserId ? { id: { not: accessUserId } } : {}) },
    select: { id: true },
  });
  if (other) throw new AppError("access_member_linked");
}

/**
 * Suspends the codes of the access users linked to a member: in one project (the member was
 * removed or left) or in all of them (support reset their 2FA). Called inside the transaction of
 * that change, after it; each suspended access user gets an access.codes_suspended event in its
 * project. Access users already suspended keep their first reason. Returns how many changed.
 */
export async function suspendLinkedCodes(
  tx: Tx,
  change: { memberUserId: string; projectId?: string; reason: CodesSuspendedReason; actorId: string; context: RequestContext; now?: Date },
): Promise<number> {
  const now = change.now ?? new Date();
  const rows = change.projectId
    ? await tx.$queryRaw<{ id: string; projectId: string }[]>`
        UPDATE "AccessUser" SET "codesSuspendedAt" = ${now}::timestamp(3), "codesSuspendedReason" = ${change.reason}, "updatedAt" = ${now}::timestamp(3)
        WHERE "memberUserId" = ${change.memberUserId} AND "projectId" = ${change.projectId} AND "codesSuspendedAt" IS NULL
        RETURNING "id", "projectId"`
    : await tx.$queryRaw<{ id: string; projectId: string }[]>`
        UPDATE "AccessUser" SET "codesSuspendedAt" = ${now}::timestamp(3), "codesSuspendedReason" = ${change.reason}, "updatedAt" = ${now}::timestamp(3)
        WHERE "memberUserId" = ${change.memberUserId} AND "codesSuspendedAt" IS NULL
        RETURNING "id", "projectId"`;
  for (const row of rows) {
    await recordAudit(tx, {
      type: "access.codes_suspended",
      actorId: change.actorId,
      subjectId: change.memberUserId,
      projectId: row.projectId,
      metadata: { accessUserId: row.id, memberUserId: change.memberUserId, reason: change.reason },
      context: change.context,
      at: now,
    });
  }
  return rows.length;
}

/**
 * **Reinstate codes**: the admin has checked the person and lets their codes open doors again.
 * Refused while the link points to someone no longer in the project (access_member_gone): the
 * admin unlinks first, so a departed member's badge never quietly works again.
 */
export async function reinstateCodes(actor: AccessActor, accessUserId: string, context: RequestContext): Promise<void> {
  assertCan(actor, "credentials.manage");
  const { projectId } = actor;
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Project" WHERE "id" = ${projectId} FOR SHARE`;
    const [user] = await tx.$queryRaw<{ memberUserId: string | null; codesSuspendedAt: Date | null; codesSuspendedReason: string | null }[]>`
      SELECT "memberUserId", "codesSuspendedAt", "codesSuspendedReason" FROM "AccessUser" WHERE "id" = ${accessUserId} AND "projectId" = ${projectId} FOR UPDATE`;
    if (!user) throw new AppError("not_found");
    if (!user.codesSuspendedAt) throw new AppError("access_codes_not_suspended");
    if (user.memberUserId) {
      const member = await tx.projectMember.count({ where: { projectId, userId: user.memberUserId } });
      if (!member) throw new AppError("access_member_gone");
    }
    await tx.accessUser.update({ where: { id: accessUserId }, data: { codesSuspendedAt: null, codesSuspendedReason: null } });
    const { actorId, apiKeyId } = auditActor(actor);
    await recordAudit(tx, {
      type: "access.codes_reinstated",
      actorId,
      subjectId: user.memberUserId ?? actorId,
      projectId,
      metadata: { accessUserId, ...(user.memberUserId ? { memberUserId: user.memberUserId } : {}), reason: user.codesSuspendedReason ?? "", ...(apiKeyId ? { apiKeyId } : {}) },
      context,
    });
  });
}
