import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { endOtherSessions } from "@/lib/auth/sessions";
import { notifyUser } from "@/lib/email/notify";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { revokeAllTrustedComputers } from "@/lib/mfa/trusted-computers";
import type { Actor } from "@/lib/policy";
import type { RequirePasswordChangeInput } from "./reset-schemas";
import { requireCaseOf, requireSupportAdminOver } from "./reset-guard";

/**
 * **Require password change** (a support admin, on evidence of compromise; NIST SP 800-63B-4
 * §3.1.1.2 asks for a change then): every session of the person ends, and their next sign-in,
 * after the password and any second factor, must set a new password before anything else
 * (lib/auth/session.ts requireSession sends them to /sign-in/new-password).
 */
export async function requirePasswordChange(actor: Actor, input: RequirePasswordChangeInput, context: RequestContext, now = new Date()) {
  await requireSupportAdminOver(actor, input.userId, now);
  if (!(await db.user.count({ where: { id: input.userId } }))) throw new AppError("not_found");
  await requireCaseOf(input.userId, input.caseId);
  const sessionsEnded = await db.$transaction(async (tx) => {
    // Sessions before the person's row: the order every code claim locks them in.
    const ended = await endOtherSessions(tx, input.userId, "", now);
    // Trusted computers too: the password is believed known to someone else, and a browser that
    // person trusted would let them through with it alone and choose the new password themselves.
    await revokeAllTrustedComputers(tx, input.userId, now, { reason: "password_change_required", context });
    await tx.user.update({ where: { id: input.userId }, data: { passwordChangeRequiredAt: now } });
    await recordAudit(tx, {
      type: "support.password_change_required",
      actorId: actor.userId,
      subjectId: input.userId,
      metadata: { reason: input.reason, requestedById: actor.userId, sessionsEnded: ended, ...(input.caseId ? { caseId: input.caseId } : {}) },
      context,
      at: now,
    });
    return ended;
  });
  await notifyUser(input.userId, { template: "password-change-required" });
  return { sessionsEnded };
}

/**
 * The new password the person must set after support required one. It must differ from the
 * current one (checked against its hash); the rules are the schema's (lib/auth/password.ts). The
 * requirement is cleared with a compare-and-set, so two tabs submitting at once change it once;
 * the person's other sessions and trusted computers end with it.
 */
export async function setRequiredPassword(actor: Actor, password: string, context: RequestContext, now = new Date()) {
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true, passwordChangeRequiredAt: true } });
  if (!user?.passwordChangeRequiredAt) throw new AppError("password_change_not_required");
  if (user.passwordHash && (await verifyPassword(user.passwordHash, password))) throw new AppError("password_unchanged");
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const signedOut = await endOtherSessions(tx, actor.userId, actor.sessionId, now);
    await revokeAllTrustedComputers(tx, actor.userId, now, { reason: "password_changed", context });
    const { count } = await tx.user.updateMany({ where: { id: actor.userId, passwordChangeRequiredAt: { not: null } }, data: { passwordHash, passwordChangeRequiredAt: null } });
    if (count !== 1) throw new AppError("password_change_not_required");
    await recordAudit(tx, { type: "password.changed", actorId: actor.userId, metadata: { via: "required_by_support", otherSessionsSignedOut: signedOut }, context, at: now });
  });
  await notifyUser(actor.userId, { template: "password-changed" });
}
