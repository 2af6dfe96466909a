import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { claimEmailSend } from "@/lib/auth/email-throttle";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { openSupportCase } from "./cases";
import { emailRecoveryRequestFiled } from "./recovery-request-emails";
import { RECOVERY_REQUESTS_PER_DAY, type RecoveryRequestInput } from "./recovery-request-schema";

const DAY_MS = 86_400_000;

export type FileRecoveryResult =
  | { outcome: "filed"; caseId: string; filedAt: Date }
  | { outcome: "already_open"; filedAt: Date }
  | { outcome: "limit_reached"; retryAt: Date };

/**
 * Files a recovery request for the person whose sign-in passed the password and waits for a
 * second factor they no longer have (the caller checks the pending session). One request may be
 * open per person and at most RECOVERY_REQUESTS_PER_DAY are filed a day: both are decided with
 * the person's row locked (FOR UPDATE) for the rest of the transaction, so parallel submissions
 * queue and the second one sees the first. The case and its event share the transaction; the
 * confirmation goes to the account's address and to the contact address.
 */
export async function fileRecoveryRequest(userId: string, input: RecoveryRequestInput, context: RequestContext, now = new Date()): Promise<FileRecoveryResult> {
  const result = await db.$transaction(async (tx): Promise<FileRecoveryResult> => {
    const [user] = await tx.$queryRaw<{ id: string; email: string }[]>`SELECT "id", "email" FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
    if (!user) throw new AppError("sign_in_expired");
    const mine = { userId, kind: "recovery_request" } as const;
    const open = await tx.supportCase.findFirst({ where: { ...mine, state: "open" }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
    const refused = async (reason: string) => recordAudit(tx, { type: "support_case.request_refused", outcome: "failure", actorId: userId, metadata: { reason }, context, at: now });
    if (open) {
      await refused("already_open");
      return { outcome: "already_open", filedAt: open.createdAt };
    }
    const today = await tx.supportCase.findMany({
      where: { ...mine, createdAt: { gt: new Date(now.getTime() - DAY_MS) } },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
      take: RECOVERY_REQUESTS_PER_DAY,
    });
    if (today.length >= RECOVERY_REQUESTS_PER_DAY) {
      await refused("limit_reached");
      // A slot frees when the oldest of the last few leaves the 24 hours.
      return { outcome: "limit_reached", retryAt: new Date(today.at(-1)!.createdAt.getTime() + DAY_MS) };
    }
    // The contact address is whatever was typed: its copy counts against that address's email
    // limits (lib/auth/email-throttle.ts), so many accounts cannot flood one stranger's mailbox.
    if (input.contactEmail !== user.email) await claimEmailSend(tx, { kind: "recovery-request", address: input.contactEmail }, now);
    const { id } = await openSupportCase(tx, { kind: "recovery_request", userId, contactEmail: input.contactEmail, message: input.message, context, at: now });
    return { outcome: "filed", caseId: id, filedAt: now };
  });
  if (result.outcome === "filed") await emailRecoveryRequestFiled(userId, input.contactEmail, result.filedAt);
  return result;
}

/** The person's open recovery request, for the confirmation page; null when none is open. */
export function findOpenRecoveryRequest(userId: string) {
  return db.supportCase.findFirst({
    where: { userId, kind: "recovery_request", state: "open" },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, contactEmail: true },
  });
}
