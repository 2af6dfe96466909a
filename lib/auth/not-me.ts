import { revokeAllTrustedComputers } from "@/lib/mfa/trusted-computers";
import { db, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { openSupportCase } from "@/lib/support/cases";
import { notifyUser } from "@/lib/email/notify";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { NOT_ME_CHANGE_TTL_MS } from "@/lib/policy/limits";
import { hashLinkToken, isLinkToken, newLinkToken } from "./link-token";
import { NOT_ME_PURPOSE } from "./not-me-link";
import { hashPassword } from "./password";
import { checkPassword } from "./password-check";
import { endOtherSessions } from "./sessions";
import { clearThrottle } from "./throttle";

/** The password step a "This wasn't me" link opens once the current password was right. */
export const NOT_ME_CHANGE_PURPOSE = "not_me_change";

/** The case's text (support reads the event and its context; the person wrote nothing). */
const NOT_ME_CASE_MESSAGE = "This wasn't me: the person secured their account from a security email's link.";

/** No session has this id: endOtherSessions then ends every one of the person's sessions. */
const NO_CURRENT_SESSION = "";

export type NotMeLink = { tokenId: string; userId: string; email: string; passwordResetRequired: boolean };

/**
 * The live "This wasn't me" link (lib/auth/not-me-link.ts): whose account, at its current
 * address. Opening the page changes nothing, so a mail scanner that follows links does no harm.
 */
export async function findNotMeLink(token: string, now = new Date()): Promise<NotMeLink> {
  if (!isLinkToken(token)) throw new AppError("token_invalid");
  const record = await db.verificationToken.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: { id: true, userId: true, purpose: true, usedAt: true, expiresAt: true, user: { select: { email: true, passwordResetRequiredAt: true } } },
    relationLoadStrategy: "join",
  });
  if (!record || record.purpose !== NOT_ME_PURPOSE || record.usedAt) throw new AppError("token_invalid");
  if (record.expiresAt <= now) throw new AppError("token_expired");
  return { tokenId: record.id, userId: record.userId, email: record.user.email, passwordResetRequired: !!record.user.passwordResetRequiredAt };
}

/**
 * Ends every session and every trusted computer of the person, in the caller's transaction:
 * sessions first, the order every claim locks rows in (lib/mfa/attempts.ts). Returns how many.
 */
async function endEverything(tx: Tx, userId: string, now: Date, context?: RequestContext) {
  const sessionsEnded = await endOtherSessions(tx, userId, NO_CURRENT_SESSION, now);
  const trustedComputersRevoked = await revokeAllTrustedComputers(tx, userId, now, { reason: "not_me", context });
  return { sessionsEnded, trustedComputersRevoked };
}

/**
 * "This wasn't me", first step: the account's current password (the one claimed, throttled
 * check, counted like a sign-in), then in one transaction every session and trusted computer
 * ends, the audit event is written, and the password step opens: a token of its own for this
 * browser (30 minutes; only its hash is kept), and a support case is opened (not_me_report). The link itself stays usable until a new
 * password is set or it expires, so a wrong password or a closed tab costs nothing but time.
 */
export async function secureAccount(input: { token: string; password: string }, context: RequestContext, now = new Date()) {
  const link = await findNotMeLink(input.token, now);
  const check = await checkPassword({ email: link.email, password: input.password, purpose: "not_me" }, context, now);
  if (!check.ok) throw new AppError(check.code === "throttled" ? "throttled" : "wrong_password");
  if (check.user.id !== link.userId) throw new AppError("token_invalid");

  const changeToken = newLinkToken();
  const ended = await db.$transaction(async (tx) => {
    // Earlier password steps close; the link must still be live (another tab may have finished).
    await tx.verificationToken.updateMany({ where: { userId: link.userId, purpose: NOT_ME_CHANGE_PURPOSE, usedAt: null }, data: { expiresAt: now } });
    if (!(await tx.verificationToken.count({ where: { id: link.tokenId, usedAt: null, expiresAt: { gt: now } } }))) throw new AppError("token_invalid");
    await tx.verificationToken.create({
      data: { userId: link.userId, purpose: NOT_ME_CHANGE_PURPOSE, email: link.email, tokenHash: hashLinkToken(changeToken), expiresAt: new Date(now.getTime() + NOT_ME_CHANGE_TTL_MS), createdAt: now },
    });
    const counts = await endEverything(tx, link.userId, now, context);
    await recordAudit(tx, { type: "account.secured_by_owner", actorId: link.userId, metadata: counts, context });
    // Support sees the report under Cases; one open report per person is enough (the link can be
    // opened again until the new password is set). The person's row, locked last like every
    // claim does, queues parallel tabs here so the second one sees the first one's case.
    await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${link.userId} FOR NO KEY UPDATE`;
    if (!(await tx.supportCase.count({ where: { userId: link.userId, kind: "not_me_report", state: "open" } }))) {
      await openSupportCase(tx, { kind: "not_me_report", userId: link.userId, contactEmail: link.email, message: NOT_ME_CASE_MESSAGE, context });
    }
    return counts;
  });
  return { changeToken, ...ended };
}

/** Whether `changeToken` opens the password step for the link's person now. */
export async function hasPasswordStep(link: Pick<NotMeLink, "userId">, changeToken: string | undefined, now = new Date()): Promise<boolean> {
  if (!changeToken || !isLinkToken(changeToken)) return false;
  const step = await db.verificationToken.findUnique({ where: { tokenHash: hashLinkToken(changeToken) }, select: { userId: true, purpose: true, usedAt: true, expiresAt: true } });
  return !!step && step.userId === link.userId && step.purpose === NOT_ME_CHANGE_PURPOSE && !step.usedAt && step.expiresAt > now;
}

/**
 * "This wasn't me", second step: the new password (the rules of lib/policy/password.ts, checked
 * by the caller's schema). The password step and the link are both spent in the transaction
 * that writes it; sessions and trusted computers end once more (any made in between), the
 * address's sign-in throttle is lifted, and the person is told.
 */
export async function setPasswordAfterNotMe(input: { token: string; changeToken: string | undefined; password: string }, context: RequestContext, now = new Date()) {
  const link = await findNotMeLink(input.token, now);
  // Checked before hashing, so requests without the step cost no argon2.
  if (!(await hasPasswordStep(link, input.changeToken, now))) throw new AppError("not_me_step_expired");
  const passwordHash = await hashPassword(input.password);

  await db.$transaction(async (tx) => {
    const step = await tx.verificationToken.updateMany({
      where: { tokenHash: hashLinkToken(input.changeToken!), userId: link.userId, purpose: NOT_ME_CHANGE_PURPOSE, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (step.count !== 1) throw new AppError("not_me_step_expired");
    const spent = await tx.verificationToken.updateMany({ where: { id: link.tokenId, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (spent.count !== 1) throw new AppError("token_invalid");
    const counts = await endEverything(tx, link.userId, now, context);
    await clearThrottle(tx, link.email);
    await tx.user.update({ where: { id: link.userId }, data: { passwordHash, passwordFailureStreak: 0, passwordChangeRequiredAt: null } });
    await recordAudit(tx, { type: "password.changed", actorId: link.userId, metadata: { via: "not_me", ...counts }, context });
  });
  await notifyUser(link.userId, { template: "password-changed" });
}
