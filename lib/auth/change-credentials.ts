import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/http/request-context";
import { notifyUser } from "@/lib/email/notify";
import { emailSchema } from "./email";
import { hashPassword, newPasswordSchema } from "./password";
import { endOtherSessions } from "./sessions";

export const changePasswordSchema = z
  .object({ password: newPasswordSchema, confirmPassword: z.string() })
  .refine((value) => value.password === value.confirmPassword, { message: "The passwords do not match.", path: ["confirmPassword"] });

export const changeEmailSchema = z.object({ email: emailSchema });

/** New password (sudo checked by the caller). Every other session is signed out with it. */
export async function changePassword(userId: string, currentSessionId: string, password: string, context: RequestContext) {
  const passwordHash = await hashPassword(password);
  const signedOut = await db.$transaction(async (tx) => {
    // Sessions before the person's row: the order every code claim locks them in (lib/mfa/attempts.ts).
    const count = await endOtherSessions(tx, userId, currentSessionId);
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await recordAudit(tx, { type: "password.changed", actorId: userId, metadata: { otherSessionsSignedOut: count }, context });
    return count;
  });
  await notifyUser(userId, { template: "password-changed" });
  return signedOut;
}
