import { db } from "@/lib/db";
import { RECOVERY_CODES_LOW, twoFactorExpiryMs } from "@/lib/policy";

export type TwoFactorState = "not_enabled" | "enabled" | "expired";

/** What the security page shows: the 2FA state, the active factor and what remains. */
export async function getTwoFactorStatus(userId: string, now = new Date()) {
  const [user, factors, recoveryRemaining] = await Promise.all([
    db.user.findUniqueOrThrow({
      where: { id: userId },
      select: { emailVerifiedAt: true, emailLoginVerification: true, twoFactorChangedAt: true, twoFactorLockedUntil: true, lastFactorType: true },
    }),
    db.twoFactorFactor.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: { id: true, type: true, status: true, confirmedAt: true, lastUsedAt: true, createdAt: true } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  const active = factors.filter((factor) => factor.status === "active");
  const enabled = active.length > 0;
  const changedAt = user.twoFactorChangedAt;
  const state: TwoFactorState = !enabled
    ? "not_enabled"
    : changedAt && now.getTime() - changedAt.getTime() > twoFactorExpiryMs()
      ? "expired"
      : "enabled";
  return {
    state,
    totp: active.find((factor) => factor.type === "totp") ?? null,
    pendingTotp: factors.find((factor) => factor.type === "totp" && factor.status === "pending") ?? null,
    recoveryRemaining,
    recoveryLow: enabled && recoveryRemaining <= RECOVERY_CODES_LOW,
    emailLoginVerification: user.emailLoginVerification,
    emailVerified: !!user.emailVerifiedAt,
    lockedUntil: user.twoFactorLockedUntil && user.twoFactorLockedUntil > now ? user.twoFactorLockedUntil : null,
    lastFactorType: user.lastFactorType,
    changedAt,
  };
}

export type TwoFactorStatus = Awaited<ReturnType<typeof getTwoFactorStatus>>;
