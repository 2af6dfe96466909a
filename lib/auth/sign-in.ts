import crypto from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { minimumLevelFor, needsChallenge, realFactorWhere, stricterLevel } from "@/lib/policy";
import { trustedComputerMethod } from "@/lib/policy/project";
import type { RequestContext } from "@/lib/http/request-context";
import { sendLoginCode } from "@/lib/mfa/login-code";
import { redeemTrustedComputer, type TrustCookie } from "@/lib/mfa/trusted-computers";
import { notifyUser } from "@/lib/email/notify";
import { rememberBrowserLocale } from "@/lib/account/locale";
import { afterResponse } from "@/lib/http/after-response";
import { reminderDue, remindIfHardToRecover } from "@/lib/mfa/recovery-reminder";
import { checkPassword } from "./password-check";
import { createSession, PASSWORD_ONLY, type PendingStep, type SignInVerification } from "./sessions";

/** `trust`: this browser's trusted-computer cookie was used and swapped; the caller sets the new value. */
export type SignInResult =
  | { ok: true; userId: string; sessionId: string; trust?: TrustCookie }
  | { ok: false; code: "invalid_credentials" | "throttled" };

/** Device cookies are stored only as a SHA-256, like every other bearer token. */
export const hashDevice = (deviceId: string | null | undefined) =>
  deviceId && /^[\w-]{20,100}$/.test(deviceId) ? crypto.createHash("sha256").update(deviceId).digest("hex") : null;

/**
 * Checks a password (lib/auth/password-check.ts: claimed, throttled, counted) and opens a
 * server-side session: signed in, or pending its second step. `deviceId` names the browser
 * (a cookie of its own), so a sign-in from a browser never seen before can be emailed.
 * `trustToken` is the browser's trusted-computer cookie: at level "once per computer" a live
 * one stands in for the challenge and is swapped for the `trust` returned.
 */
export async function signInWithPassword(
  input: { email: string; password: string; deviceId?: string | null; trustToken?: string | null; returnTo?: string | null },
  context: RequestContext,
  now = new Date(),
): Promise<SignInResult> {
  const check = await checkPassword({ email: input.email, password: input.password, purpose: "sign_in" }, context, now);
  if (!check.ok) return check;
  const { user } = check;
  const deviceHash = hashDevice(input.deviceId);

  const { session, trust } = await db.$transaction(async (tx) => {
    const next = await nextSignInStep(tx, user, { trustToken: input.trustToken, context, now });
    const { step, verification, trust } = next;
    const created = await createSession(tx, user.id, context, step, now, deviceHash, verification, input.returnTo ?? null);
    await recordAudit(tx, {
      // The password alone is not a sign-in when a second step follows.
      type: step ? "auth.password_verified" : "auth.sign_in",
      actorId: user.id,
      metadata: { sessionId: created.id, method: "password", ...(step ? { next: step } : {}), ...(trust ? { trustedComputerId: trust.id } : {}) },
      context,
    });
    return { session: created, trust };
  });
  if (session.pendingStep === "email_code") {
    // A throttled send is not fatal: the challenge page says so and offers to send again.
    await sendLoginCode(user.id, session.id, context).catch((error) => {
      if (!(error instanceof AppError)) throw error;
    });
  }
  if (!session.pendingStep) await signInCompleted(user, session, context);
  return { ok: true, userId: user.id, sessionId: session.id, ...(trust ? { trust: { value: trust.value, expiresAt: trust.expiresAt } } : {}) };
}

type NextStep = { step: PendingStep | null; verification: SignInVerification; trust: Awaited<ReturnType<typeof redeemTrustedComputer>> };

/**
 * What a correct password leads to. With a real second factor, the person's level decides
 * (lib/policy/levels.ts): "every login" always challenges and ignores trust; "once per
 * computer" lets a live trust of this browser stand in (swapped in this transaction); at
 * "disabled" the password is enough, though not for sudo (and never for support staff, whose
 * minimum is once per computer). Without one: support's temporary access code after a reset
 * by support, else an emailed code when email login verification is on, else straight in.
 */
async function nextSignInStep(
  tx: Tx,
  user: { id: string; emailLoginVerification: boolean; emailVerifiedAt: Date | null },
  input: { trustToken?: string | null; context: RequestContext; now: Date },
): Promise<NextStep> {
  const { twoFactorLevel, role, twoFactorResetAt, _count } = await tx.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { twoFactorLevel: true, role: true, twoFactorResetAt: true, _count: { select: { factors: { where: realFactorWhere(user.id) } } } },
  });
  // Support reset the person's 2FA (lib/support/reset.ts): the password alone is not enough, only
  // the temporary access code support gave them, until they enrol a new factor.
  if (twoFactorResetAt && _count.factors === 0) return { step: "temporary_code", verification: PASSWORD_ONLY, trust: null };
  if (_count.factors > 0) {
    const level = stricterLevel(twoFactorLevel, minimumLevelFor(role));
    const trust = level === "once_per_computer" ? await redeemTrustedComputer(tx, user.id, input.trustToken, input.context, input.now) : null;
    if (needsChallenge(level, !!trust)) return { step: "two_factor", verification: PASSWORD_ONLY, trust: null };
    // Which factor earned the trust decides whether it meets Secure methods only (lib/policy/project.ts).
    const verification: SignInVerification = trust ? { method: trustedComputerMethod(trust.method), factor: true, sudo: false } : { method: "password", factor: false, sudo: false };
    return { step: null, verification, trust };
  }
  // Email login verification is not used once an authenticator is on (RustDesk), and needs a verified address.
  return { step: user.emailLoginVerification && user.emailVerifiedAt ? "email_code" : null, verification: PASSWORD_ONLY, trust: null };
}

/**
 * What follows a completed sign-in (the password alone, or its second step), once the answer
 * has gone out and never failing it: the browser's language is remembered for the emails that
 * others cause (only now: a stranger with the password alone must not choose the owner's
 * language), then a new browser is announced. Failures are logged. `user` is the row the caller
 * already read, so an unchanged language costs no write; `knownBrowser`, when the caller's own
 * statement already found an earlier session from this browser (the second step's, in
 * lib/mfa/verify-second-factor.ts), means there is no new browser to announce or look up.
 * Last, the monthly reminder while the account is hard to recover (lib/mfa/recovery-reminder.ts:
 * one read, and a write only when it is due), on its own guard.
 */
export async function signInCompleted(
  user: { id: string; browserLocale: string | null; twoFactorChangedAt: Date | null; recoveryReminderAt: Date | null },
  session: { id: string; previousId?: string | null; deviceHash: string | null; createdAt: Date },
  context: RequestContext,
  knownBrowser = false,
): Promise<void> {
  const localeChanged = !!context.locale && context.locale !== user.browserLocale;
  const remind = reminderDue(user, new Date());
  if (knownBrowser && !localeChanged && !remind) return;
  await afterResponse(async () => {
    try {
      if (localeChanged) await rememberBrowserLocale(user.id, context.locale!);
      if (!knownBrowser) await notifyIfNewBrowser(user.id, session, context);
    } catch (error) {
      console.error("After a sign-in, the language or the new-browser notice failed:", error);
    }
    if (remind) await remindIfHardToRecover(user.id).catch((error) => console.error("After a sign-in, the recovery reminder failed:", error));
  });
}

/**
 * Emails the person when a completed sign-in comes from a browser that no earlier session of
 * theirs came from (a browser without the device cookie counts as new), except the first ever.
 * A known browser, the usual case, costs one indexed lookup.
 */
async function notifyIfNewBrowser(
  userId: string,
  session: { id: string; previousId?: string | null; deviceHash: string | null; createdAt: Date },
  context: RequestContext,
): Promise<void> {
  const others = { userId, id: { notIn: [session.id, ...(session.previousId ? [session.previousId] : [])] } };
  if (session.deviceHash && (await db.session.findFirst({ where: { ...others, deviceHash: session.deviceHash }, select: { id: true } }))) return;
  // A first sign-in ever is not news to anyone.
  if (!(await db.session.findFirst({ where: others, select: { id: true } }))) return;
  await notifyUser(userId, {
    template: "new-sign-in",
    props: { at: session.createdAt, userAgent: context.userAgent, ip: context.ip },
  });
}
