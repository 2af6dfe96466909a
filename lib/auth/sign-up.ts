import { z } from "zod";
import { isPlainText } from "@/lib/validation/plain-text";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { sendEmail, type EmailMessage } from "@/lib/email";
import { AppError } from "@/lib/errors";
import { NAME_MAX } from "@/lib/policy";
import type { RequestContext } from "@/lib/http/request-context";
import { emailSchema, normalizeEmail } from "./email";
import { claimEmailSend } from "./email-throttle";
import { issueVerificationLink } from "./email-verification";
import { hashPassword, newPasswordSchema } from "./password";

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "validation.enterName").max(NAME_MAX, "validation.nameTooLong").refine(isPlainText, "validation.textInvalid"),
  email: emailSchema,
  password: newPasswordSchema,
});

export type SignUpInput = z.infer<typeof signUpSchema>;

/**
 * Handles a sign-up without telling the caller whether the address already has an account
 * (DESIGN.md rule 10): it resolves the same way for both, and both pay for a password hash,
 * a short transaction and one email. A new address gets an account and a verification link;
 * an existing one gets a "someone tried to sign up" email and its account is left untouched.
 * The person is not signed in: they sign in after opening the link.
 */
export async function registerAccount(raw: SignUpInput, context: RequestContext): Promise<void> {
  const input = { ...raw, email: normalizeEmail(raw.email) };
  const passwordHash = await hashPassword(input.password);
  let email: EmailMessage | null;
  try {
    email = await db.$transaction((tx) => createOrNotice(tx, input, passwordHash, context));
  } catch (error) {
    // Two sign-ups racing for one new address: the unique index picks the winner, and the
    // loser is treated as what it now is, a sign-up for an existing address.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    email = await db.$transaction((tx) => createOrNotice(tx, input, passwordHash, context));
  }
  if (!email) return;
  try {
    await sendEmail(email);
  } catch (error) {
    // Logged, not shown: an error here would differ between the two kinds of address.
    console.error(`Could not send the ${email.template} email after a sign-up:`, error);
  }
}

type NewAccount = { name: string; email: string };

/** The email to send once the transaction commits, or null when the send limit says no. */
async function createOrNotice(tx: Tx, input: NewAccount, passwordHash: string, context: RequestContext): Promise<EmailMessage | null> {
  const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true, name: true } });
  if (existing) {
    await recordAudit(tx, { type: "account.sign_up_attempted", subjectId: existing.id, context });
    const allowed = await withinSendLimit(claimEmailSend(tx, { kind: "sign-up-existing", address: input.email, userId: existing.id }).then(() => true));
    return allowed ? { to: input.email, template: "sign-up-attempted", props: { name: existing.name } } : null;
  }
  const user = await tx.user.create({ data: { name: input.name, email: input.email, passwordHash, browserLocale: context.locale ?? null }, select: { id: true } });
  await recordAudit(tx, { type: "account.created", actorId: user.id, context });
  const link = await withinSendLimit(issueVerificationLink(tx, { id: user.id, email: input.email }, context));
  // Over the limit the account still exists; its owner can ask for a new link after signing in.
  return link ? { to: input.email, template: "verify-email", props: { name: input.name, link } } : null;
}

/**
 * A throttled send is not an error here: saying so would tell a stranger that the address
 * was used before. claimEmailSend refuses before it writes, so the transaction stays usable.
 */
async function withinSendLimit<T>(claim: Promise<T>): Promise<T | null> {
  try {
    return await claim;
  } catch (error) {
    if (error instanceof AppError && error.code === "email_throttled") return null;
    throw error;
  }
}
