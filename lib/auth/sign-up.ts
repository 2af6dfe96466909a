import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { emailSchema, normalizeEmail } from "./email";
import { hashPassword, newPasswordSchema } from "./password";

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  email: emailSchema,
  password: newPasswordSchema,
});

export type SignUpInput = z.infer<typeof signUpSchema>;

export async function createAccount(raw: SignUpInput, context: RequestContext) {
  const input = { ...raw, email: normalizeEmail(raw.email) };
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new AppError("email_taken");
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { name: input.name, email: input.email, passwordHash },
        select: { id: true, email: true, name: true },
      });
      await recordAudit(tx, { type: "account.created", actorId: user.id, context });
      return user;
    });
  } catch (error) {
    // Two sign-ups racing for one address: the unique index decides, the loser is told plainly.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("email_taken");
    }
    throw error;
  }
}
