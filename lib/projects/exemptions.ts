import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { requireSudo, type Actor } from "@/lib/policy";
import { EXEMPTION_DAYS_MAX } from "@/lib/policy/project";
import { requireRoleUnderLock } from "./policy";
import { lockProject } from "./projects";
import { EXEMPTION_REASON_MAX } from "./settings-schemas";

/**
 * An owner's exception from the project's 2FA requirement for one member: for 1 to 30 days,
 * never indefinitely, with a reason, audited, and ended early at will. Enforcement and the
 * compliance view read ProjectMember.exemptUntil (lib/policy/project.ts isExempt). Owners only,
 * in sudo mode (it weakens the policy for someone, rule 6), never for themselves (another owner
 * decides that).
 */

const DAY_MS = 86_400_000;

export type ExemptionGrant = { userId: string; days: number; reason: string };

export async function grantExemption(actor: Actor, projectId: string, grant: ExemptionGrant, context: RequestContext, now = new Date()): Promise<Date> {
  const reason = grant.reason.normalize("NFC").trim();
  if (!Number.isInteger(grant.days) || grant.days < 1 || grant.days > EXEMPTION_DAYS_MAX || !reason || [...reason].length > EXEMPTION_REASON_MAX) {
    throw new AppError("invalid_input");
  }
  if (grant.userId === actor.userId) throw new AppError("project_exemption_self");
  await requireSudo(actor, now);
  const until = new Date(now.getTime() + grant.days * DAY_MS);
  await db.$transaction(async (tx) => {
    await lockProject(tx, projectId);
    await requireRoleUnderLock(tx, projectId, actor.userId, "owner");
    const member = await tx.projectMember.findUnique({ where: { projectId_userId: { projectId, userId: grant.userId } }, select: { exemptUntil: true } });
    if (!member) throw new AppError("not_found");
    await tx.projectMember.update({
      where: { projectId_userId: { projectId, userId: grant.userId } },
      data: { exemptUntil: until, exemptReason: reason, exemptById: actor.userId },
    });
    const replaced = member.exemptUntil && member.exemptUntil.getTime() > now.getTime() ? member.exemptUntil.toISOString() : null;
    await recordAudit(tx, {
      type: "project.exemption_granted",
      actorId: actor.userId,
      subjectId: grant.userId,
      projectId,
      metadata: { days: grant.days, until: until.toISOString(), reason, replaced },
      context,
    });
  });
  return until;
}

/** Ends a member's exception now. False when none was running (nothing is written then). */
export async function revokeExemption(actor: Actor, projectId: string, userId: string, context: RequestContext, now = new Date()): Promise<boolean> {
  await requireSudo(actor, now);
  return db.$transaction(async (tx) => {
    await lockProject(tx, projectId);
    await requireRoleUnderLock(tx, projectId, actor.userId, "owner");
    const member = await tx.projectMember.findUnique({ where: { projectId_userId: { projectId, userId } }, select: { exemptUntil: true, exemptReason: true } });
    if (!member) throw new AppError("not_found");
    if (!member.exemptUntil || member.exemptUntil.getTime() <= now.getTime()) return false;
    await tx.projectMember.update({ where: { projectId_userId: { projectId, userId } }, data: { exemptUntil: null, exemptReason: null, exemptById: null } });
    await recordAudit(tx, {
      type: "project.exemption_revoked",
      actorId: actor.userId,
      subjectId: userId,
      projectId,
      metadata: { until: member.exemptUntil.toISOString(), reason: member.exemptReason },
      context,
    });
    return true;
  });
}

export type ExemptionRow = { userId: string; name: string; email: string; until: Date; reason: string | null; byName: string | null };

/** The exceptions running now, soonest to end first: one query (plus one for who granted them). */
export async function listExemptions(projectId: string, now = new Date()): Promise<ExemptionRow[]> {
  const rows = await db.projectMember.findMany({
    where: { projectId, exemptUntil: { gt: now } },
    select: { userId: true, exemptUntil: true, exemptReason: true, exemptById: true, user: { select: { name: true, email: true } } },
    orderBy: { exemptUntil: "asc" },
  });
  const grantors = [...new Set(rows.map((row) => row.exemptById).filter((id): id is string => !!id))];
  const names = grantors.length ? new Map((await db.user.findMany({ where: { id: { in: grantors } }, select: { id: true, name: true } })).map((user) => [user.id, user.name])) : new Map();
  return rows.map((row) => ({
    userId: row.userId,
    name: row.user.name,
    email: row.user.email,
    until: row.exemptUntil!,
    reason: row.exemptReason,
    byName: row.exemptById ? (names.get(row.exemptById) ?? null) : null,
  }));
}
