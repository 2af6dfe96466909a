import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { notifyUser } from "@/lib/email/notify";
import { AppError } from "@/lib/errors";
import { afterResponse } from "@/lib/http/after-response";
import type { RequestContext } from "@/lib/http/request-context";
import type { Actor } from "@/lib/policy";
import { REMINDER_INTERVAL_MS } from "@/lib/policy/project";
import { complianceRow, MEMBER_ROW_SELECT, needsReminder } from "./compliance";
import { lockProject, requireRoleUnderLock } from "./projects";


/**
 * "Send reminder" (the compliance view): an email in the member's language explaining what the
 * project requires, with a link to it. Owners and admins send it (the action's access check),
 * to members who do not meet the requirement (decided again here, under the project's lock, from
 * the policy as it is now), at most once per member per day: the day is claimed by one
 * conditional UPDATE before anything is sent, so parallel clicks send one email, never two.
 * The claim and its audit event share the transaction; the email leaves after it commits.
 */

type Claimed = { userId: string; name: string; compliance: string };

/** One member. Refused: not a member (not_found), compliant or exempt (reminder_not_needed), reminded in the last day (reminder_throttled). */
export async function sendReminder(actor: Actor, projectId: string, userId: string, context: RequestContext, now = new Date()): Promise<{ name: string }> {
  const { claimed } = await remind(actor, projectId, userId, context, now);
  return { name: claimed[0]!.name };
}

/** Everyone in the project who does not comply and was not reminded in the last day. */
export async function sendReminders(actor: Actor, projectId: string, context: RequestContext, now = new Date()): Promise<{ sent: number; throttled: number }> {
  const { claimed, throttled } = await remind(actor, projectId, null, context, now);
  return { sent: claimed.length, throttled };
}

async function remind(actor: Actor, projectId: string, only: string | null, context: RequestContext, now: Date) {
  const { project, claimed, throttled } = await db.$transaction(async (tx) => {
    await lockProject(tx, projectId);
    // Owners and admins, read again under the lock (whoever calls this).
    await requireRoleUnderLock(tx, projectId, actor.userId, "admin");
    const project = await tx.project.findUniqueOrThrow({
      where: { id: projectId },
      select: { id: true, name: true, requiredLevel: true, secureMethodsOnly: true, graceEndsAt: true, graceScope: true },
    });
    const members = await tx.projectMember.findMany({
      where: { projectId, ...(only ? { userId: only } : {}) },
      select: MEMBER_ROW_SELECT,
      relationLoadStrategy: "join",
    });
    if (only && members.length === 0) throw new AppError("not_found");
    const due = members.map((member) => complianceRow(project, member, now)).filter((row) => needsReminder(row.compliance));
    if (only && due.length === 0) throw new AppError("reminder_not_needed");
    const claimedIds = await claimDay(tx, projectId, due.map((row) => row.userId), now);
    if (only && claimedIds.length === 0) {
      const remindedAt = members[0]!.remindedAt;
      throw new AppError("reminder_throttled", remindedAt ? { retryAt: new Date(remindedAt.getTime() + REMINDER_INTERVAL_MS) } : {});
    }
    const claimed: Claimed[] = due.filter((row) => claimedIds.includes(row.userId)).map((row) => ({ userId: row.userId, name: row.name, compliance: row.compliance }));
    for (const member of claimed) {
      await recordAudit(tx, {
        type: "project.reminder_sent",
        actorId: actor.userId,
        subjectId: member.userId,
        projectId,
        metadata: { compliance: member.compliance, requiredLevel: project.requiredLevel, secureMethodsOnly: project.secureMethodsOnly, ...(only ? {} : { toAll: true }) },
        context,
      });
    }
    return { project, claimed, throttled: due.length - claimed.length };
  });
  if (claimed.length > 0) {
    const props = {
      projectId: project.id,
      projectName: project.name,
      requiredLevel: project.requiredLevel,
      secureMethodsOnly: project.secureMethodsOnly,
    };
    await afterResponse(async () => {
      for (const member of claimed) {
        const deadline = member.compliance === "grace" && project.graceEndsAt ? { deadline: project.graceEndsAt } : {};
        await notifyUser(member.userId, { template: "project-reminder", props: { ...props, ...deadline } });
      }
    });
  }
  return { claimed, throttled };
}

/** The day, claimed for each member not reminded in the last REMINDER_INTERVAL_MS; the ids that were. */
async function claimDay(tx: Tx, projectId: string, userIds: string[], now: Date): Promise<string[]> {
  if (userIds.length === 0) return [];
  const since = new Date(now.getTime() - REMINDER_INTERVAL_MS);
  const rows = await tx.$queryRaw<{ userId: string }[]>`
    UPDATE "ProjectMember" SET "remindedAt" = ${now}::timestamp(3)
    WHERE "projectId" = ${projectId} AND "userId" IN (${Prisma.join(userIds)})
      AND ("remindedAt" IS NULL OR "remindedAt" <= ${since}::timestamp(3))
    RETURNING "userId"`;
  return rows.map((row) => row.userId);
}
