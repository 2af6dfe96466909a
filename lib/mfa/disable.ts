import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { notifyUser } from "@/lib/email/notify";
import { realFactorWhere, requireSudo, type Actor } from "@/lib/policy";
import { revokeAllTrustedComputers } from "./trusted-computers";

/** Turns two-factor authentication off, in sudo mode only: factors, codes, counters and trusted computers go; the level is Disabled. */
export async function disableTwoFactor(actor: Actor, context: RequestContext) {
  const { userId } = actor;
  await requireSudo(actor);
  await db.$transaction(async (tx) => {
    const now = new Date();
    // Turning 2FA on again preselects the method preferred now (Twilio).
    const preferred = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { preferredFactorId: true, lastFactorType: true } });
    const preferredType = preferred.preferredFactorId
      ? (await tx.twoFactorFactor.findUnique({ where: { id: preferred.preferredFactorId }, select: { type: true } }))?.type
      : undefined;
    const { count } = await tx.twoFactorFactor.deleteMany({ where: realFactorWhere(userId) });
    if (count === 0) throw new AppError("two_factor_not_enabled");
    await tx.twoFactorFactor.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await revokeAllTrustedComputers(tx, userId, now, { reason: "two_factor_disabled", context });
    await tx.user.update({
      where: { id: userId },
      data: {
        twoFactorChangedAt: null,
        twoFactorFailures: 0,
        twoFactorLockedUntil: null,
        twoFactorLevel: "disabled",
        preferredFactorId: null,
        lastFactorType: preferredType ?? preferred.lastFactorType,
      },
    });
    await recordAudit(tx, { type: "two_factor.disabled", actorId: userId, metadata: { factorsRemoved: count }, context });
  });
  await notifyUser(userId, { template: "two-factor-disabled" });
}
