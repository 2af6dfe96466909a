import { db } from "@/lib/db";
import { notifyUser } from "@/lib/email/notify";
import { RECOVERY_REMINDER_INTERVAL_MS } from "@/lib/policy/limits";
import { loadRecoveryReadiness } from "./readiness";

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
  const since = new Date(now.getTime() - RECOVERY_REMINDER_INTERVAL_MS);
  // Most sign-ins stop here, having written nothing.
  if (loaded.reminderAt && loaded.reminderAt > since) return false;
  const claimed = await db.$queryRaw<unknown[]>`
    UPDATE "User" SET "recoveryReminderAt" = ${now}::timestamp(3)
    WHERE "id" = ${userId} AND ("recoveryReminderAt" IS NULL OR "recoveryReminderAt" <= ${since}::timestamp(3))
    RETURNING 1`;
  if (claimed.length !== 1) return false;
  const findings = loaded.findings.map(({ code, step, count }) => ({ code, step, ...(count === undefined ? {} : { count }) }));
  await notifyUser(userId, { template: "recovery-reminder", props: { findings } });
  return true;
}
