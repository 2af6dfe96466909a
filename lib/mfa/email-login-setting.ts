import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { notifyUser } from "@/lib/email/notify";
import { requireSudo, type Actor } from "@/lib/policy";

/** Email login verification (RustDesk): a code by email at each sign-in. Not a second factor. */
export async function setEmailLoginVerification(actor: Actor, enabled: boolean, context: RequestContext) {
  const { userId } = actor;
  // Turning it on is free; turning it off weakens the account, so it needs sudo.
  if (!enabled) await requireSudo(actor);
  const changed = await db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { emailVerifiedAt: true, emailLoginVerification: true } });
    if (enabled && !user.emailVerifiedAt) throw new AppError("email_not_verified");
    if (user.emailLoginVerification === enabled) return false;
    await tx.user.update({ where: { id: userId }, data: { emailLoginVerification: enabled } });
    await recordAudit(tx, { type: enabled ? "email_verification.enabled" : "email_verification.disabled", actorId: userId, context });
    return true;
  });
  // Turning it off weakens sign-in, so the owner hears of it (turning it on does not need a warning).
  if (changed && !enabled) await notifyUser(userId, { template: "email-login-disabled" });
}
