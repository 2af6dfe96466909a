import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { sendEmail } from "@/lib/email";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ADDRESS_LINK_TTL_MS, requireSudo, type Actor } from "@/lib/policy";
import type { RequestContext } from "@/lib/http/request-context";
import { notifyUser } from "@/lib/email/notify";
import { claimEmailSend } from "./email-throttle";
import { hashLinkToken, isLinkToken, newLinkToken } from "./link-token";

const PURPOSE = "email-change";

/**
 * Asks to move the account to a new address (in sudo mode). Nothing changes yet:
 * the old address keeps signing in and receiving codes until the link sent to the new one is
 * opened, so a typo cannot lock anyone out. The old address is told a change was requested.
 * Whether the new address already has an account is not said here (that would tell who has
 * one); confirming checks it.
 */
export async function requestEmailChange(actor: Actor, newEmail: string, context: RequestContext): Promise<void> {
  const { userId } = actor;
  await requireSudo(actor);
  const token = newLinkToken();
  const user = await db.$transaction(async (tx) => {
    const current = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } });
    if (current.email === newEmail) throw new AppError("email_unchanged");
    await claimEmailSend(tx, { kind: "email-change", address: newEmail, userId });
    // One pending change at a time: a new request ends the links of older ones.
    await tx.verificationToken.updateMany({ where: { userId, purpose: PURPOSE, usedAt: null }, data: { expiresAt: new Date() } });
    await tx.verificationToken.create({
      data: { userId, purpose: PURPOSE, email: newEmail, tokenHash: hashLinkToken(token), expiresAt: new Date(Date.now() + ADDRESS_LINK_TTL_MS) },
    });
    await recordAudit(tx, { type: "email.change_requested", actorId: userId, metadata: { from: current.email, to: newEmail }, context });
    return current;
  });
  const link = `${getEnv().APP_URL}/confirm-email-change?token=${token}`;
  await sendEmail({ to: newEmail, template: "confirm-email-change", props: { name: user.name, link } });
  await notifyUser(userId, { template: "email-change-requested", props: { newEmail } }, user.email);
}

/** The address waiting for its link, for the Account page; null when none is pending. */
export async function pendingEmailChange(userId: string, now = new Date()) {
  return db.verificationToken.findFirst({
    where: { userId, purpose: PURPOSE, usedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { email: true, expiresAt: true },
  });
}

/**
 * Opens the link: the token works once, the address must still be free, and it becomes the
 * account's verified address. The old address is told the change happened.
 */
export async function confirmEmailChange(token: string, context: RequestContext): Promise<{ userId: string }> {
  if (!isLinkToken(token)) throw new AppError("token_invalid");
  const now = new Date();
  let changed: { userId: string; from: string; to: string };
  try {
    changed = await db.$transaction(async (tx) => {
      const record = await tx.verificationToken.findUnique({ where: { tokenHash: hashLinkToken(token) } });
      if (!record || record.purpose !== PURPOSE || record.usedAt) throw new AppError("token_invalid");
      if (record.expiresAt <= now) throw new AppError("token_expired");
      const { count } = await tx.verificationToken.updateMany({ where: { id: record.id, usedAt: null }, data: { usedAt: now } });
      if (count !== 1) throw new AppError("token_invalid");
      const owner = await tx.user.findUnique({ where: { email: record.email }, select: { id: true } });
      if (owner) throw new AppError(owner.id === record.userId ? "token_invalid" : "email_change_taken");
      const before = await tx.user.findUniqueOrThrow({ where: { id: record.userId }, select: { email: true } });
      // Links sent to the old address (verification, other changes) prove nothing any more. Tokens
      // before the person's row: the order every code claim locks them in (lib/mfa/attempts.ts).
      await tx.verificationToken.updateMany({ where: { userId: record.userId, usedAt: null }, data: { expiresAt: now } });
      await tx.user.update({ where: { id: record.userId }, data: { email: record.email, emailVerifiedAt: now } });
      await recordAudit(tx, { type: "email.changed", actorId: record.userId, metadata: { from: before.email, to: record.email }, context });
      return { userId: record.userId, from: before.email, to: record.email };
    });
  } catch (error) {
    // Another account took the address between the check and the update: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("email_change_taken");
    throw error;
  }
  await notifyUser(changed.userId, { template: "email-changed", props: { newEmail: changed.to } }, changed.from);
  return { userId: changed.userId };
}
