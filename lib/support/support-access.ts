import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { db } from "@/lib/db";
import { requireSession } from "@/lib/auth/session";
import { isSupportAdmin, isSupportStaff } from "@/lib/auth/roles";
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

/**
 * For every /support page (and its layout): the signed-in staff member, or not found for anyone
 * else; staff without a second factor are sent to enrol first (the security page says why).
 */
export const supportPage = cache(async () => {
  const session = await requireSession();
  const { user } = session;
  const access = await supportAccess(user.id);
  if (access === "not_staff") notFound();
  if (access === "needs_second_factor") redirect("/security?required=support");
  return { user, session, isAdmin: isSupportAdmin(user.role) };
});
