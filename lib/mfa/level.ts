import { db, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { hasSecondFactor, lowersLevel, meetsLevel, minimumLevelFor, realFactorWhere, requireSudo, type Actor, type TwoFactorLevel } from "@/lib/policy";
import { revokeAllTrustedComputers } from "./trusted-computers";

/**
 * The person picks how often their second factor is asked (lib/policy/levels.ts). Above
 * Disabled only with a real factor, and never below the role's minimum (support staff: once per
 * computer); lowering it weakens the account, so it needs sudo, raising
 * it does not. The change, its audit event and (at Disabled) the end of every trusted computer
 * share one transaction; the level is compared and set, so a change made meanwhile (another
 * tab, the last factor removed) is never overwritten on a stale reading. Returns whether it changed.
 */
export async function setTwoFactorLevel(actor: Actor, to: TwoFactorLevel, context: RequestContext, now = new Date()): Promise<boolean> {
  const { userId } = actor;
  for (let attempt = 0; attempt < 3; attempt++) {
    const { twoFactorLevel: from, role } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { twoFactorLevel: true, role: true } });
    if (from === to) return false;
    if (!meetsLevel(to, minimumLevelFor(role))) throw new AppError("two_factor_level_below_role");
    if (lowersLevel(from, to)) await requireSudo(actor, now);
    const changed = await db.$transaction(async (tx) => {
      if (to !== "disabled" && !(await hasSecondFactor(userId, tx))) throw new AppError("two_factor_level_needs_factor");
      // Trusted computers before the person's row: the order every claim locks them in (lib/mfa/attempts.ts).
      if (to === "disabled") await revokeAllTrustedComputers(tx, userId, now, { reason: "level_disabled", context });
      const { count } = await tx.user.updateMany({ where: { id: userId, twoFactorLevel: from }, data: { twoFactorLevel: to } });
      if (count === 0) return false;
      await recordAudit(tx, { type: "two_factor.level_changed", actorId: userId, metadata: { from, to }, context });
      return true;
    });
    if (changed) return true;
  }
  // Three changes raced this one in a row: nothing is overwritten, the page shows what is set now.
  throw new AppError("unavailable");
}

/**
 * Turning 2FA on sets "every login": when the person's first real factor is confirmed, inside
 * the transaction that confirms it (callers: TOTP enrolment, and every later factor's
 * confirmation). A person who already has another factor keeps the level they picked.
 */
export async function setLevelAfterFirstFactor(tx: Tx, userId: string, context?: RequestContext): Promise<boolean> {
  if ((await tx.twoFactorFactor.count({ where: realFactorWhere(userId) })) !== 1) return false;
  const { count } = await tx.user.updateMany({ where: { id: userId, twoFactorLevel: "disabled" }, data: { twoFactorLevel: "every_login" } });
  if (count === 1) {
    await recordAudit(tx, { type: "two_factor.level_changed", actorId: userId, metadata: { from: "disabled", to: "every_login", reason: "first_factor" }, context });
  }
  return count === 1;
}
