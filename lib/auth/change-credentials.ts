import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/http/request-context";
import { notifyUser } from "@/lib/email/notify";
import { requireSudo, type Actor } from "@/lib/policy";
import { emailSchema } from "./email";
import { hashPassword, newPasswordSchema } from "./password";
import { endOtherSessions } from "./sessions";
import { revokeAllTrustedComputers } from "@/lib/mfa/trusted-computers";

export const changePasswordSchema = z
  .object({ password: newPasswordSchema, confirmPassword: z.string() })
  .refine((value) => value.password === value.confirmPassword, { message: "validation.passwordsDiffer", path: ["confirmPassword"] });

export const changeEmailSchema = z.object({ email: emailSchema });

/** New password, in sudo mode. Every other session is signed out with it, and every trusted computer ends. */
export async function changePassword(actor: Actor, password: string, context: RequestContext) {
  const { userId, sessionId: currentSessionId } = actor;
  await requireSudo(actor);
  const passwordHash = await hashPassword(password);
  const signedOut = await db.$transaction(async (tx) => {
    // Sessions before the person's row: the order every code claim locks them in (lib/mfa/attempts.ts).
    const count = await endOtherSessions(tx, userId, currentSessionId);
    await revokeAllTrustedComputers(tx, userId, new Date(), { reason: "password_changed", context });
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await recordAudit(tx, { type: "password.changed", actorId: userId, metadata: { otherSessionsSignedOut: count }, context });
    return count;
  });
  await notifyUser(userId, { template: "password-changed" });
  return signedOut;
}
