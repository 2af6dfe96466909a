import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { isSupportAdmin } from "@/lib/auth/roles";
import type { SupportCaseKind, SupportCaseState } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import type { DecideCaseInput } from "./cases-schema";
import { emailCaseDecision } from "./recovery-request-emails";
import { requireSupportAccess } from "./support-access";

export type DecideCaseResult =
  | { outcome: "decided"; state: "approved" | "refused" }
  | { outcome: "already_handled"; state: SupportCaseState; handledAt: Date | null; handledByEmail: string | null };

type Claimed = { id: string; kind: SupportCaseKind; userId: string | null; contactEmail: string };

/**
 * Approves or refuses an open case, with the note the person is emailed. Support admins only:
 * an approved recovery request leads to a 2FA reset, which only they may do; never a case about
 * their own account. The case is claimed in one statement (`WHERE state = 'open'`), so of two
 * admins deciding at once exactly one wins and the other is told who did, and when.
 */
export async function decideSupportCase(actorId: string, input: DecideCaseInput, context: RequestContext, now = new Date()): Promise<DecideCaseResult> {
  await requireSupportAccess(actorId);
  const actor = await db.user.findUnique({ where: { id: actorId }, select: { role: true } });
  if (!actor || !isSupportAdmin(actor.role)) throw new AppError("forbidden");
  const claimed = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Claimed[]>`
      UPDATE "SupportCase"
      SET "state" = ${input.decision}::"SupportCaseState", "handledById" = ${actorId}, "handledAt" = ${now}::timestamp(3), "decisionNote" = ${input.note}
      WHERE "id" = ${input.caseId} AND "state" = 'open' AND "userId" IS DISTINCT FROM ${actorId}
      RETURNING "id", "kind", "userId", "contactEmail"`;
    if (!row) return null;
    await recordAudit(tx, {
      type: input.decision === "approved" ? "support_case.approved" : "support_case.refused",
      actorId,
      subjectId: row.userId,
      metadata: { caseId: row.id, kind: row.kind, note: input.note },
      context,
      at: now,
    });
    return row;
  });
  if (!claimed) return whyNotClaimed(actorId, input.caseId);
  await emailCaseDecision(claimed, input.decision, input.note);
  return { outcome: "decided", state: input.decision };
}

async function whyNotClaimed(actorId: string, caseId: string): Promise<DecideCaseResult> {
  const found = await db.supportCase.findUnique({
    where: { id: caseId },
    select: { state: true, userId: true, handledAt: true, handledBy: { select: { email: true } } },
  });
  if (!found) throw new AppError("not_found");
  if (found.state === "open" && found.userId === actorId) throw new AppError("forbidden");
  return { outcome: "already_handled", state: found.state, handledAt: found.handledAt, handledByEmail: found.handledBy?.email ?? null };
}
