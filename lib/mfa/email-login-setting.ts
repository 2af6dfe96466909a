import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";

/** Email login verification (RustDesk): a code by email at each sign-in. Not a second factor. */
export async function setEmailLoginVerification(userId: string, enabled: boolean, context: RequestContext) {
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { emailVerifiedAt: true, emailLoginVerification: true } });
    if (enabled && !user.emailVerifiedAt) throw new AppError("email_not_verified");
    if (user.emailLoginVerification === enabled) return;
    await tx.user.update({ where: { id: userId }, data: { emailLoginVerification: enabled } });
    await recordAudit(tx, { type: enabled ? "email_verification.enabled" : "email_verification.disabled", actorId: userId, context });
  });
}
