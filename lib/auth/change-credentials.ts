import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { notifyUser } from "@/lib/mfa/notify";
import { emailSchema } from "./email";
import { sendVerificationEmail } from "./email-verification";
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
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    const count = await endOtherSessions(tx, userId, currentSessionId);
    await recordAudit(tx, { type: "password.changed", actorId: userId, metadata: { otherSessionsSignedOut: count }, context });
    return count;
  });
  await notifyUser(userId, { template: "password-changed" });
  return signedOut;
}

/**
 * New email address (sudo checked by the caller). It starts unverified, so email login
 * verification pauses until the new address is confirmed; the old address is told.
 */
export async function changeEmail(userId: string, email: string, context: RequestContext) {
  const before = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } });
  if (before.email === email) return;
  try {
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: userId }, data: { email, emailVerifiedAt: null } });
      await recordAudit(tx, { type: "email.changed", actorId: userId, metadata: { from: before.email, to: email }, context });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("email_taken");
    throw error;
  }
  await notifyUser(userId, { template: "email-changed", props: { newEmail: email } }, before.email);
  await sendVerificationEmail({ id: userId, email, name: before.name }, context);
}
