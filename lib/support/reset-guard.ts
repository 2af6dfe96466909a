import { db } from "@/lib/db";
import { isSupportAdmin } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { requireSudo, type Actor } from "@/lib/policy";
import { requireSupportAccess } from "./support-access";

/**
 * What every support admin's change to someone's account checks, in the domain whoever calls
 * it: support access (staff with a second factor), the support_admin role, sudo mode, and a
 * person who is not the admin themselves (nobody resets their own protection through support).
 */
export async function requireSupportAdminOver(actor: Actor, personId: string, now = new Date()): Promise<void> {
  await requireSupportAccess(actor.userId);
  const admin = await db.user.findUnique({ where: { id: actor.userId }, select: { role: true } });
  if (!admin || !isSupportAdmin(admin.role)) throw new AppError("support_admin_required");
  if (personId === actor.userId) throw new AppError("support_own_account");
  await requireSudo(actor, now);
}

/**
 * The case a reset or a password change is done for (`?case=` from a case page) must be about
 * that person: otherwise the events would name another person's case, and its trail would miss them.
 */
export async function requireCaseOf(personId: string, caseId: string | null | undefined): Promise<void> {
  if (!caseId) return;
  if (!(await db.supportCase.count({ where: { id: caseId, userId: personId } }))) throw new AppError("not_found");
}
