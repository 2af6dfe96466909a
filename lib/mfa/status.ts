import { db } from "@/lib/db";
import { RECOVERY_CODES_LOW, twoFactorExpiryMs } from "@/lib/policy";

export type TwoFactorState = "not_enabled" | "enabled" | "expired";

/**
 * Not enabled without an active factor; expired once no factor changed for TWO_FACTOR_EXPIRY
 * (it still works; the UI recommends re-enrolling). The security page and the project compliance
 * view (lib/projects/compliance.ts) both decide with this.
 */
export function twoFactorStateOf(enabled: boolean, changedAt: Date | null, now: Date): TwoFactorState {
  if (!enabled) return "not_enabled";
  return changedAt && now.getTime() - changedAt.getTime() > twoFactorExpiryMs() ? "expired" : "enabled";
}

/**
 * What the security page shows: the 2FA state and level, the factors (active and being set
 * up), the preferred one and the recovery codes left, in one statement.
 */
export async function getTwoFactorStatus(userId: string, now = new Date()) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      emailVerifiedAt: true,
      emailLoginVerification: true,
      twoFactorChangedAt: true,
      twoFactorLockedUntil: true,
      lastFactorType: true,
      twoFactorLevel: true,
      preferredFactorId: true,
      factors: {
        orderBy: { createdAt: "asc" },
        select: { id: true, type: true, status: true, confirmedAt: true, lastUsedAt: true, createdAt: true, name: true, phoneHint: true, fallback: true, backedUp: true },
      },
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
    },
    relationLoadStrategy: "join",
  });
  const { factors } = user;
  const recoveryRemaining = user._count.recoveryCodes;
  const active = factors.filter((factor) => factor.status === "active");
  const enabled = active.length > 0;
  const changedAt = user.twoFactorChangedAt;
  const state = twoFactorStateOf(enabled, changedAt, now);
  return {
    state,
    level: user.twoFactorLevel,
    factors: active,
    preferredFactorId: user.preferredFactorId,
    totp: active.find((factor) => factor.type === "totp") ?? null,
    pendingTotp: factors.findLast((factor) => factor.type === "totp" && factor.status === "pending") ?? null,
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
