import { db, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { sendEmail } from "@/lib/email";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { notifyUser } from "@/lib/email/notify";
import { hasSecondFactor, PASSWORD_RESET_TTL_MS } from "@/lib/policy";
import { verifyFailure } from "@/lib/mfa/challenge";
import { verifySecondFactor, type FactorMethod } from "@/lib/mfa/verify-second-factor";
import { normalizeEmail } from "./email";
import { claimEmailSend } from "./email-throttle";
import { hashLinkToken, isLinkToken, newLinkToken } from "./link-token";
import { hashPassword } from "./password";
import { revokeAllTrustedComputers } from "@/lib/mfa/trusted-computers";
import { clearThrottle } from "./throttle";

const PURPOSE = "password-reset";

/**
 * "Forgot password?": the same answer for every address. For an address with an account a
 * single-use link (only its SHA-256 stored, valid 30 minutes; earlier links stop working) is
 * prepared; the email itself is returned as `deliver`, for the caller to send after answering,
 * so the answer takes the same time whether or not the address has an account. Sends are
 * limited per address (and account) like every email a person can cause, for known and
 * unknown addresses alike.
 */
export async function requestPasswordReset(input: { email: string }, context: RequestContext, now = new Date()) {
  const email = normalizeEmail(input.email);
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true } });
  const token = newLinkToken();
  await db.$transaction(async (tx) => {
    await claimEmailSend(tx, { kind: "password-reset", address: email, userId: user?.id }, now);
    if (!user) return;
    await tx.verificationToken.updateMany({ where: { userId: user.id, purpose: PURPOSE, usedAt: null }, data: { expiresAt: now } });
    await tx.verificationToken.create({
      data: { userId: user.id, purpose: PURPOSE, email: user.email, tokenHash: hashLinkToken(token), expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS) },
    });
    await recordAudit(tx, { type: "password.reset_requested", subjectId: user.id, context });
  });
  const link = `${getEnv().APP_URL}/reset-password?token=${token}`;
  return { deliver: user ? () => sendEmail({ to: user.email, template: "password-reset", props: { name: user.name, link } }).then(() => undefined) : async () => {} };
}

/** A live reset token and what its page must ask: the new password, and the second factor when 2FA is on. */
export async function findPasswordReset(token: string, now = new Date()) {
  if (!isLinkToken(token)) throw new AppError("token_invalid");
  const record = await db.verificationToken.findUnique({ where: { tokenHash: hashLinkToken(token) } });
  if (!record || record.purpose !== PURPOSE || record.usedAt) throw new AppError("token_invalid");
  if (record.expiresAt <= now) throw new AppError("token_expired");
  const needsSecondFactor = await hasSecondFactor(record.userId);
  return { tokenId: record.id, userId: record.userId, email: record.email, needsSecondFactor };
}


/**
 * Sets the new password from a reset link. With 2FA on, the link alone is not enough: the
 * second factor (or a recovery code) is checked through the one verification path, with this
 * token as its challenge (5 wrong codes use it up; the person's limits apply), and the new
 * password is written in the same transaction that claims the code. Every session and trusted computer ends,
 * sign-in throttles on the address are lifted, and the person is told.
 */
export async function resetPassword(
  input: { token: string; password: string; method?: FactorMethod; code?: string },
  context: RequestContext,
  now = new Date(),
): Promise<void> {
  const reset = await findPasswordReset(input.token, now);
  // Hashed only by the request that gets to apply it, so refused guesses cost no argon2.
  const apply = async (tx: Tx) => applyReset(tx, reset, await hashPassword(input.password), context, now);

  if (reset.needsSecondFactor) {
    if (!input.method || !input.code) throw new AppError("invalid_code");
    const result = await verifySecondFactor(
      { method: input.method, code: input.code, userId: reset.userId, tokenId: reset.tokenId, purpose: "password_reset", onSuccess: apply },
      context,
      now,
    );
    if (!result.ok) throw verifyFailure(result, "password_reset");
  } else if (!(await db.$transaction(apply))) {
    throw new AppError("token_invalid");
  }
  await notifyUser(reset.userId, { template: "password-changed" });
}

async function applyReset(tx: Tx, reset: { tokenId: string; userId: string; email: string; needsSecondFactor: boolean }, passwordHash: string, context: RequestContext, now: Date) {
  const { count } = await tx.verificationToken.updateMany({ where: { id: reset.tokenId, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (count !== 1) return false;
  // Rows in the order every claim locks them: tokens and sessions, throttles, then the person.
  await tx.verificationToken.updateMany({ where: { userId: reset.userId, purpose: PURPOSE, usedAt: null }, data: { expiresAt: now } });
  const { count: ended } = await tx.session.updateMany({ where: { userId: reset.userId, revokedAt: null }, data: { revokedAt: now } });
  await revokeAllTrustedComputers(tx, reset.userId, now, { reason: "password_reset", context });
  await clearThrottle(tx, reset.email);
  await tx.user.update({
    where: { id: reset.userId },
    data: {
      passwordHash,
      passwordFailureStreak: 0,
      passwordResetRequiredAt: null,
      // A new password from the link meets support's Require password change (lib/support/password-change.ts).
      passwordChangeRequiredAt: null,
      // Without an authenticator the only second step is the emailed code, and this link just
      // proved the mailbox: it lifts a suspension that 100 wrong emailed codes caused.
      ...(reset.needsSecondFactor ? {} : { twoFactorSuspendedAt: null, twoFactorFailureStreak: 0, twoFactorFailures: 0, twoFactorLockedUntil: null }),
    },
  });
  // The link proves the address too; setting the password here also ends any password a
  // stranger chose by signing up with this address first.
  await tx.user.updateMany({ where: { id: reset.userId, email: reset.email, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
  await recordAudit(tx, { type: "password.reset", actorId: reset.userId, metadata: { sessionsEnded: ended }, context });
  return true;
}
