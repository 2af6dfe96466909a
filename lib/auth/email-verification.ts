import { db, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { sendEmail } from "@/lib/email";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ADDRESS_LINK_TTL_MS } from "@/lib/policy";
import type { RequestContext } from "@/lib/http/request-context";
import { claimEmailSend } from "./email-throttle";
import { hashLinkToken, isLinkToken, newLinkToken } from "./link-token";

const PURPOSE = "verify-email";

/**
 * Inside the caller's transaction: claims one send (throws email_throttled), ends older links
 * and stores a new single-use token (hashed). Returns the link to email once the transaction
 * commits, so a refused or rolled-back send leaves no live token behind.
 */
export async function issueVerificationLink(tx: Tx, user: { id: string; email: string }, context: RequestContext): Promise<string> {
  await claimEmailSend(tx, { kind: "verify-email", address: user.email, userId: user.id });
  const token = newLinkToken();
  await tx.verificationToken.updateMany({
    where: { userId: user.id, purpose: PURPOSE, usedAt: null },
    data: { expiresAt: new Date() },
  });
  await tx.verificationToken.create({
    data: {
      userId: user.id,
      purpose: PURPOSE,
      email: user.email,
      tokenHash: hashLinkToken(token),
      expiresAt: new Date(Date.now() + ADDRESS_LINK_TTL_MS),
    },
  });
  await recordAudit(tx, { type: "email.verification_sent", actorId: user.id, metadata: { email: user.email }, context });
  return `${getEnv().APP_URL}/verify-email?token=${token}`;
}

/**
 * Emails a single-use link that proves the person reads this address. Older links stop working.
 * Limited like every email a person can cause (claimEmailSend): email_throttled when too soon.
 */
export async function sendVerificationEmail(user: { id: string; email: string; name: string }, context: RequestContext) {
  const link = await db.$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { id: user.id }, select: { emailVerifiedAt: true } });
    if (current?.emailVerifiedAt) throw new AppError("already_verified");
    return issueVerificationLink(tx, user, context);
  });
  await sendEmail({ to: user.email, template: "verify-email", props: { name: user.name, link } });
}

/** Marks the address verified. The token is consumed atomically: it works once. */
export async function verifyEmailToken(token: string, context: RequestContext): Promise<{ userId: string }> {
  if (!isLinkToken(token)) throw new AppError("token_invalid");
  const now = new Date();
  return db.$transaction(async (tx) => {
    const record = await tx.verificationToken.findUnique({ where: { tokenHash: hashLinkToken(token) } });
    if (!record || record.purpose !== PURPOSE || record.usedAt) throw new AppError("token_invalid");
    if (record.expiresAt <= now) throw new AppError("token_expired");
    const { count } = await tx.verificationToken.updateMany({
      where: { id: record.id, usedAt: null },
      data: { usedAt: now },
    });
    if (count !== 1) throw new AppError("token_invalid");
    // The link proves the address it was sent to; if the account's email changed since, it proves nothing.
    const { count: verified } = await tx.user.updateMany({
      where: { id: record.userId, email: record.email },
      data: { emailVerifiedAt: now },
    });
    if (verified !== 1) throw new AppError("token_invalid");
    await recordAudit(tx, { type: "email.verified", actorId: record.userId, metadata: { email: record.email }, context });
    return { userId: record.userId };
  });
}
