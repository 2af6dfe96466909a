import { db, type Tx } from "@/lib/db";
import type { FactorType } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { notifyUser } from "@/lib/email/notify";
import { recordEnforcementEnrolled } from "@/lib/projects/enrolled";
import { realFactorWhere, requireSudo, signedInSessionWhere, type Actor } from "@/lib/policy";
import { setLevelAfterFirstFactor } from "./level";
import { revokeAllTrustedComputers } from "./trusted-computers";

/** What a person sees of a factor in events and emails: its kind and its name or masked number. */
export type FactorLabel = { type: FactorType; name?: string | null; hint?: string | null };

/**
 * The writes that belong to a factor becoming active (an authenticator confirmed, a number
 * verified, a key registered), inside the caller's transaction: the 2FA change date and the
 * method preselected next time; for the person's first real factor, 2FA turns on (Every
 * login unless the person picks otherwise, lib/mfa/level.ts) and the factor is preferred; and
 * the audit event ("two_factor.enabled" for the first, "two_factor.factor_added" after); and
 * "project.enforcement_enrolled" in each project this factor made the person comply with
 * (lib/projects/enrolled.ts). Locks the person's row first, so two factors confirmed at once
 * agree on which was first.
 */
export async function recordFactorAdded(
  tx: Tx,
  input: { userId: string; factorId: string } & FactorLabel,
  context: RequestContext,
  now = new Date(),
): Promise<{ first: boolean }> {
  const { userId, factorId } = input;
  await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${userId} FOR NO KEY UPDATE`;
  const others = await tx.twoFactorFactor.findMany({ where: { ...realFactorWhere(userId), id: { not: factorId } }, select: { type: true } });
  const first = others.length === 0;
  await tx.user.update({
    where: { id: userId },
    // A new factor ends a reset by support (lib/support/reset.ts): the temporary access code is no longer needed.
    data: { twoFactorChangedAt: now, lastFactorType: input.type, twoFactorResetAt: null, ...(first ? { preferredFactorId: factorId } : {}) },
  });
  await tx.temporaryAccessCode.updateMany({ where: { userId, state: "issued" }, data: { state: "revoked", revokedAt: now } });
  await recordAudit(tx, {
    type: first ? "two_factor.enabled" : "two_factor.factor_added",
    actorId: userId,
    metadata: { factor: input.type, factorId, ...(input.name ? { name: input.name } : {}), ...(input.hint ? { number: input.hint } : {}) },
    context,
  });
  if (first) await setLevelAfterFirstFactor(tx, userId, context);
  await recordEnforcementEnrolled(tx, { userId, method: input.type, before: others.map((factor) => factor.type) }, context);
  return { first };
}

/**
 * Confirming a new factor (its first code, a number's code, a key's ceremony) is passing it: the
 * acting session records it as a project's "Every login" asks (Session.factorVerifiedAt and
 * factorMethod, as a sudo check sets them, lib/mfa/verify-second-factor.ts), so a member led
 * through enrolment is not asked again at once. Every confirmation calls this right after its
 * transaction commits, not inside it: those lock the person's row first, and a sudo check locks
 * the Session row before the person's, so writing the session in there could deadlock with one.
 * Only the person's own live, signed-in session; a failure here leaves the session merely
 * unverified (asked again), never a factor half-added.
 */
export async function passFactorInSession(actor: Actor, method: FactorType, now = new Date()): Promise<void> {
  await db.session.updateMany({
    where: { id: actor.sessionId, userId: actor.userId, ...signedInSessionWhere(now) },
    data: { factorVerifiedAt: now, factorMethod: method },
  });
}

/**
 * The email after a factor became active, "2FA is on" for the first (after the transaction: a
 * failed send never undoes it).
 */
export async function notifyFactorAdded(userId: string, label: FactorLabel, first: boolean): Promise<void> {
  await notifyUser(
    userId,
    first ? { template: "two-factor-enabled" } : { template: "factor-added", props: { method: label.type, label: label.name ?? label.hint ?? undefined } },
  );
}

/**
 * Removes one factor (an authenticator, a number, a key), in sudo mode. Removing the last real
 * factor while the level is above Disabled needs `confirmLast` (the page asks first), and then
 * turns 2FA off the way disabling it does: level Disabled, recovery codes and trusted
 * computers gone. Throws "factor_not_found", "last_factor_confirm", "sudo_required".
 */
export async function removeFactor(
  actor: Actor,
  input: { factorId: string; confirmLast?: boolean },
  context: RequestContext,
  now = new Date(),
): Promise<{ removed: FactorLabel; twoFactorOff: boolean }> {
  const { userId } = actor;
  await requireSudo(actor, now);
  const result = await db.$transaction(async (tx) => {
    // Rows in the order a sign-in or sudo check locks them (lib/mfa/verify-second-factor.ts): what
    // proves (factors, recovery codes, trusted computers) before the person, so a removal and a
    // check racing on one factor queue instead of deadlocking.
    await tx.$queryRaw`SELECT 1 FROM "TwoFactorFactor" WHERE "userId" = ${userId} ORDER BY "id" FOR UPDATE`;
    await tx.$queryRaw`SELECT 1 FROM "RecoveryCode" WHERE "userId" = ${userId} AND "usedAt" IS NULL ORDER BY "id" FOR UPDATE`;
    await tx.$queryRaw`SELECT 1 FROM "TrustedComputer" WHERE "userId" = ${userId} AND "revokedAt" IS NULL ORDER BY "id" FOR UPDATE`;
    const [user] = await tx.$queryRaw<{ twoFactorLevel: string; preferredFactorId: string | null }[]>`
      SELECT "twoFactorLevel"::text AS "twoFactorLevel", "preferredFactorId" FROM "User" WHERE "id" = ${userId} FOR NO KEY UPDATE`;
    const factor = await tx.twoFactorFactor.findFirst({ where: { id: input.factorId, userId }, select: { id: true, type: true, status: true, name: true, phoneHint: true } });
    if (!user || !factor) throw new AppError("factor_not_found");
    const remaining = await tx.twoFactorFactor.count({ where: { ...realFactorWhere(userId), id: { not: factor.id } } });
    const last = factor.status === "active" && remaining === 0;
    if (last && user.twoFactorLevel !== "disabled" && !input.confirmLast) throw new AppError("last_factor_confirm");
    await tx.twoFactorFactor.delete({ where: { id: factor.id } });
    if (last) {
      await tx.twoFactorFactor.deleteMany({ where: { userId } });
      await tx.recoveryCode.deleteMany({ where: { userId } });
      // Trust was given by a factor that is gone.
      await revokeAllTrustedComputers(tx, userId, now, { reason: "factor_removed", context });
    }
    await tx.user.update({
      where: { id: userId },
      data: {
        ...(last
          ? { twoFactorLevel: "disabled", twoFactorChangedAt: null, twoFactorFailures: 0, twoFactorLockedUntil: null, preferredFactorId: null, lastFactorType: factor.type }
          : {}),
        ...(!last && user.preferredFactorId === factor.id ? { preferredFactorId: null } : {}),
      },
    });
    const removed = { type: factor.type, name: factor.name, hint: factor.phoneHint };
    await recordAudit(tx, {
      type: "two_factor.factor_removed",
      actorId: userId,
      metadata: { factor: factor.type, factorId: factor.id, ...(factor.name ? { name: factor.name } : {}), ...(factor.phoneHint ? { number: factor.phoneHint } : {}), ...(last ? { twoFactorOff: true } : {}) },
      context,
    });
    return { removed, twoFactorOff: last };
  });
  await notifyUser(userId, result.twoFactorOff ? { template: "two-factor-disabled" } : { template: "factor-removed", props: { method: result.removed.type, label: result.removed.name ?? result.removed.hint ?? undefined } });
  return result;
}
