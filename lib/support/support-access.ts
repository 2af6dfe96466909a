import { db } from "@/lib/db";
import { isSupportStaff } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { hasSecondFactor } from "@/lib/policy";

export type SupportAccess = "granted" | "not_staff" | "needs_second_factor";

/**
 * Whether this person may use the support console. Support staff read everyone's security log,
 * so a password alone must not open it: they need a real second factor (an active
 * authenticator; email login verification does not count).
 */
export async function supportAccess(userId: string): Promise<SupportAccess> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
  if (!user || !isSupportStaff(user.role)) return "not_staff";
  return (await hasSecondFactor(userId)) ? "granted" : "needs_second_factor";
}

/** For every support domain function: refuses with a typed error unless access is granted. */
export async function requireSupportAccess(userId: string): Promise<void> {
  const access = await supportAccess(userId);
  if (access === "not_staff") throw new AppError("forbidden");
  if (access === "needs_second_factor") throw new AppError("support_two_factor_required");
}
