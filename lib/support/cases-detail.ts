import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { auditScopeFor, auditScopeSql } from "@/lib/audit/scope";
import { getTwoFactorStatus } from "@/lib/mfa/status";
import { requireSupportAccess } from "./support-access";

/** Events of a case's trail shown on its page; a case gathers a handful. */
const TRAIL_LIMIT = 100;

/**
 * One case for its page in the console: the case, who filed it and who handled it, the
 * person's 2FA state now, and the case's audit trail (the events that name it in metadata.caseId,
 * read within the viewer's audit scope like every audit query). Null when there is no such case.
 */
export async function findSupportCase(viewerId: string, caseId: string, now = new Date()) {
  await requireSupportAccess(viewerId);
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) return null;
  const supportCase = await db.supportCase.findUnique({
    where: { id: caseId },
    include: {
      user: { select: { id: true, email: true, name: true, twoFactorResetAt: true, passwordChangeRequiredAt: true } },
      handledBy: { select: { id: true, email: true } },
    },
  });
  if (!supportCase) return null;
  const [twoFactor, trail] = await Promise.all([
    supportCase.userId ? getTwoFactorStatus(supportCase.userId, now) : null,
    caseTrail(viewerId, supportCase.id, supportCase.userId),
  ]);
  return { ...supportCase, twoFactor, trail };
}

export type SupportCaseDetail = NonNullable<Awaited<ReturnType<typeof findSupportCase>>>;

/**
 * The case's events, oldest first. A case's events are about its person, so the person's index
 * (subjectId, createdAt) narrows the search before metadata is read; a case whose account is
 * gone falls back to the support_case events by type.
 */
async function caseTrail(viewerId: string, caseId: string, userId: string | null) {
  const scope = auditScopeSql(await auditScopeFor(viewerId), "e");
  const about = userId ? Prisma.sql`e."subjectId" = ${userId}` : Prisma.sql`e."type" LIKE 'support\\_case.%'`;
  const events = await db.$queryRaw<{ id: string; createdAt: Date; type: string; outcome: string; actorId: string | null; ip: string | null; metadata: Prisma.JsonValue }[]>`
    SELECT e."id", e."createdAt", e."type", e."outcome", e."actorId", e."ip", e."metadata"
    FROM "AuditEvent" e
    WHERE ${about} AND e."metadata"->>'caseId' = ${caseId} AND ${scope}
    ORDER BY e."createdAt", e."id"
    LIMIT ${TRAIL_LIMIT}`;
  const actorIds = [...new Set(events.map((event) => event.actorId).filter((id): id is string => !!id))];
  const actors = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, email: true } });
  const emailOf = new Map(actors.map((actor) => [actor.id, actor.email]));
  return events.map((event) => ({ ...event, actorEmail: event.actorId ? (emailOf.get(event.actorId) ?? null) : null }));
}
