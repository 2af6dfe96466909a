import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { requireSudo } from "@/lib/policy";
import { context, createUser, enrolTotp, openSession } from "@/test/factories";
import { enrolPhone, lastPhoneCode } from "@/test/phone";
import { sendChallengeCode } from "./phone-codes";
import { verifySecondFactor } from "./verify-second-factor";

/**
 * Rule 6: "SMS is not enough for sudo when a stronger factor exists". The sudo prompt
 * refuses a text for a person with an authenticator app, but a sign-in passed with a text gives the
 * new session verifiedAt = now (lib/auth/sessions.ts upgradeSessionSql), and requireSudo only looks
 * at verifiedAt: a SIM-swapper with the password signs in with "Try another way" → text and is in
 * sudo mode at once (turn 2FA off, add a key, change the password) without the app.
 */
describe("a sign-in passed by SMS beside an authenticator app", { timeout: 60_000 }, () => {
  it("does not put the new session in sudo mode", async () => {
    const t0 = new Date(Date.UTC(2026, 10, 22, 9, 0, 5));
    const user = await createUser();
    await enrolTotp(user.id, t0);
    const { factorId, e164 } = await enrolPhone(user.id, t0);
    const now = new Date(t0.getTime() + 60_000);

    // The sudo prompt refuses the text outright, as rule 6 asks.
    const signedIn = await openSession(user.id, null, now);
    const sudo = await verifySecondFactor({ userId: user.id, sessionId: signedIn.id, method: "sms", code: "123456", factorId, purpose: "sudo" }, context, now);
    expect(sudo).toMatchObject({ ok: false, code: "stronger_factor_required" });

    // But a sign-in through the text grants it anyway.
    const pending = await openSession(user.id, "two_factor", now);
    await sendChallengeCode({ userId: user.id, sessionId: pending.id, factorId, channel: "sms", purpose: "sign_in" }, context, now);
    const code = await lastPhoneCode(e164);
    const passed = await verifySecondFactor({ userId: user.id, sessionId: pending.id, method: "sms", code, factorId, purpose: "sign_in" }, context, now);
    expect(passed.ok).toBe(true);
    const sessionId = passed.ok ? passed.sessionId! : "";
    const row = await db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(row.verifiedMethod).toBe("sms");

    await expect(requireSudo({ userId: user.id, sessionId }, now)).rejects.toMatchObject({ code: "sudo_required" });
  });
});
