import { db } from "@/lib/db";
import { notifyUser } from "@/lib/email/notify";
import { RECOVERY_REMINDER_INTERVAL_MS } from "@/lib/policy/limits";
import { loadRecoveryReadiness } from "./readiness";

/**
 * Whether a reminder may go now, from the person's row alone (a sign-in already holds it, so
 * most sign-ins decide without a query): 2FA on for a month at least (a setup just made gets the
 * security page's card, not an email the same hour), and no reminder in the last month.
 */
export function reminderDue(user: { twoFactorChangedAt: Date | null; recoveryReminderAt: Date | null }, now: Date): boolean {
  const since = now.getTime() - RECOVERY_REMINDER_INTERVAL_MS;
  return !!user.twoFactorChangedAt && user.twoFactorChangedAt.getTime() <= since && (!user.recoveryReminderAt || user.recoveryReminderAt.getTime() <= since);
}

/**
 * "You could be locked out of your account": emailed while recovery readiness is poor
 * (lib/mfa/readiness.ts), at most once per 30 days per person. There is no scheduler: a completed
 * sign-in asks (lib/auth/sign-in.ts signInCompleted, after the answer has gone out), so people
 * who never sign in are not written to. The month is claimed by one conditional UPDATE before
 * anything is sent, so racing sign-ins send one email, never two. Only a verified address is
 * written to: an unverified one may not be the person's. True when this call sent it.
 */
export async function remindIfHardToRecover(userId: string, now = new Date()): Promise<boolean> {
  const loaded = await loadRecoveryReadiness(userId);
  if (!loaded || loaded.rating !== "poor" || !loaded.input.emailVerified) return false;
  // Most sign-ins stop here, having written nothing.
  if (!reminderDue({ twoFactorChangedAt: loaded.twoFactorChangedAt, recoveryReminderAt: loaded.reminderAt }, now)) return false;
  const since = new Date(now.getTime() - RECOVERY_REMINDER_INTERVAL_MS);
  const claimed = await db.$queryRaw<unknown[]>`
    UPDATE "User" SET "recoveryReminderAt" = ${now}::timestamp(3)
    WHERE "id" = ${userId} AND ("recoveryReminderAt" IS NULL OR "recoveryReminderAt" <= ${since}::timestamp(3))
    RETURNING 1`;
  if (claimed.length !== 1) return false;
  const findings = loaded.findings.map(({ code, step, count }) => ({ code, step, ...(count === undefined ? {} : { count }) }));
  await notifyUser(userId, { template: "recovery-reminder", props: { findings } });
  return true;
}
