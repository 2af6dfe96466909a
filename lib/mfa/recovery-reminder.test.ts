import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { RECOVERY_REMINDER_INTERVAL_MS } from "@/lib/policy/limits";
import { context, createUser, enrolTotp, openSession, STEP_MS } from "@/test/factories";
import type { PendingSession } from "@/lib/auth/session";
import { findLiveSession } from "@/lib/auth/sessions";
import { passSignInChallenge } from "./challenge";
import { remindIfHardToRecover } from "./recovery-reminder";

const T0 = new Date(Math.floor(Date.UTC(2026, 10, 27, 9) / STEP_MS) * STEP_MS + 5_000);
// A month after 2FA was turned on: the first reminder is not sent sooner (reminderDue).
const NOW = new Date(T0.getTime() + RECOVERY_REMINDER_INTERVAL_MS + STEP_MS);
const SUBJECT = "Make sure you can get back into your Tessera account";
const RACERS = 50;

/** A person with an authenticator app and `codesLeft` unused recovery codes. */
async function personWith(codesLeft: number, options: { emailVerified?: boolean } = {}) {
  const user = await createUser(options);
  await enrolTotp(user.id, T0);
  const codes = await db.recoveryCode.findMany({ where: { userId: user.id }, select: { id: true } });
  await db.recoveryCode.updateMany({ where: { id: { in: codes.slice(codesLeft).map((code) => code.id) } }, data: { usedAt: T0 } });
  return { user };
}

const reminders = (email: string) => db.outboxMessage.findMany({ where: { to: email, subject: SUBJECT } });
const reminderAt = async (userId: string) => (await db.user.findUniqueOrThrow({ where: { id: userId } })).recoveryReminderAt;

describe("the monthly recovery reminder", { timeout: 60_000 }, () => {
  it("goes to a person whose readiness is poor, saying what to fix, without a \"This wasn't me\" link", async () => {
    const { user } = await personWith(2);
    const links = () => db.verificationToken.count({ where: { userId: user.id, purpose: "not_me" } });
    const linksBefore = await links();

    expect(await remindIfHardToRecover(user.id, NOW)).toBe(true);

    const [email] = await reminders(user.email);
    expect(email?.text).toContain("Add a security key");
    expect(email?.text).toContain("only 2 are left");
    expect(email?.text).toContain("/security#recovery-readiness");
    expect(email?.text).not.toContain("/not-me?token=");
    expect(await reminderAt(user.id)).toEqual(NOW);
    expect(await links()).toBe(linksBefore);
  });

  it("goes at most once in 30 days, and again on the 30th day while readiness stays poor", async () => {
    const { user } = await personWith(0);
    const later = (ms: number) => new Date(NOW.getTime() + ms);

    expect(await remindIfHardToRecover(user.id, NOW)).toBe(true);
    expect(await remindIfHardToRecover(user.id, later(60_000))).toBe(false);
    expect(await remindIfHardToRecover(user.id, later(RECOVERY_REMINDER_INTERVAL_MS - 1))).toBe(false);
    expect(await remindIfHardToRecover(user.id, later(RECOVERY_REMINDER_INTERVAL_MS))).toBe(true);

    expect(await reminders(user.email)).toHaveLength(2);
    expect(await reminderAt(user.id)).toEqual(later(RECOVERY_REMINDER_INTERVAL_MS));
  });

  it("is not sent, and nothing is written, while readiness is fair or good, without 2FA, or to an unverified address", async () => {
    const fair = await personWith(16);
    const unverified = await personWith(0, { emailVerified: false });
    const without = await createUser();

    for (const user of [fair.user, unverified.user, without]) {
      expect(await remindIfHardToRecover(user.id, NOW)).toBe(false);
      expect(await reminderAt(user.id)).toBeNull();
      expect(await reminders(user.email)).toHaveLength(0);
    }
  });

  it(`${RACERS} racing triggers send exactly one email`, async () => {
    const { user } = await personWith(1);

    const results = await Promise.all(Array.from({ length: RACERS }, () => remindIfHardToRecover(user.id, NOW)));

    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await reminders(user.email)).toHaveLength(1);
    expect(await reminderAt(user.id)).toEqual(NOW);
  });

  it("a completed sign-in asks for it", async () => {
    // Signing in with one of the last 4 recovery codes leaves 3: poor. Real time, as a sign-in
    // runs, with 2FA on for a month.
    const user = await createUser();
    const { recoveryCodes } = await enrolTotp(user.id, new Date(Date.now() - RECOVERY_REMINDER_INTERVAL_MS - 60_000));
    const [kept, ...rest] = recoveryCodes.slice(0, 4);
    await db.recoveryCode.updateMany({ where: { userId: user.id, selector: { notIn: [kept!, ...rest].map((code) => code.split("-")[0]!) } }, data: { usedAt: new Date() } });
    const pending = await findLiveSession((await openSession(user.id, "two_factor")).id);

    const passed = await passSignInChallenge(pending as PendingSession, { method: "recovery_code", code: kept! }, context);

    expect(passed.recoveryRemaining).toBe(3);
    expect(await reminders(user.email)).toHaveLength(1);
  });

  it("is not sent in 2FA's first month: a setup just made gets the security page's card, not an email", async () => {
    const { user } = await personWith(0);
    expect(await remindIfHardToRecover(user.id, new Date(T0.getTime() + RECOVERY_REMINDER_INTERVAL_MS - 1))).toBe(false);
    expect(await reminders(user.email)).toHaveLength(0);
    expect(await reminderAt(user.id)).toBeNull();
  });
});
