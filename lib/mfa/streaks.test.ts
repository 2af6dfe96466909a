import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { checkPassword } from "@/lib/auth/password-check";
import { context, createUser, enrolTotp, openSession, PASSWORD, STEP_MS } from "@/test/factories";
import { TWO_FACTOR_STREAK_LIMIT } from "@/lib/policy";
import { generateTotp } from "./totp";
import { verifySecondFactor, type FactorMethod } from "./verify-second-factor";

/**
 * No endless guessing (NIST SP 800-63B-4 §3.2.2): a lock resets the per-window count, but the
 * streak of failures in a row only resets on a success. At 100 the second factor is suspended
 * until a recovery code restores it; at 100 wrong passwords the password must be reset.
 */
const T0 = new Date(Math.floor(Date.UTC(2026, 10, 25, 11) / STEP_MS) * STEP_MS + 5_000);
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;

async function attempt(userId: string, method: FactorMethod, code: string, now: Date) {
  const session = await openSession(userId, "two_factor", now);
  return verifySecondFactor({ userId, sessionId: session.id, method, code, purpose: "sign_in" }, context, now);
}

describe("the streak of wrong codes", { timeout: 60_000 }, () => {
  it("carries across lock windows: a lock resets the window's count, not the streak", async () => {
    const user = await createUser();
    await enrolTotp(user.id, T0);
    for (let i = 0; i < 10; i++) await attempt(user.id, "totp", "000000", at(STEP_MS));
    const locked = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(locked).toMatchObject({ twoFactorFailures: 10, twoFactorFailureStreak: 10, twoFactorLockedUntil: at(STEP_MS + 15 * MINUTE) });
    await attempt(user.id, "totp", "000000", at(16 * MINUTE));
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ twoFactorFailures: 1, twoFactorFailureStreak: 11 });
  });

  it(`the ${TWO_FACTOR_STREAK_LIMIT}th wrong code in a row suspends the factor until a recovery code restores it`, async () => {
    const user = await createUser();
    const { secret, recoveryCodes } = await enrolTotp(user.id, T0);
    await db.user.update({ where: { id: user.id }, data: { twoFactorFailureStreak: TWO_FACTOR_STREAK_LIMIT - 1 } });
    const now = at(STEP_MS);

    expect(await attempt(user.id, "totp", "000000", now)).toMatchObject({ ok: false, code: "invalid_code" });
    const suspended = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(suspended.twoFactorSuspendedAt).toEqual(now);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "two_factor.suspended" } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { to: user.email, subject: { contains: "suspended" } } })).toBe(1);

    // The right authenticator code is not even checked now.
    expect(await attempt(user.id, "totp", generateTotp(secret, now), now)).toEqual({ ok: false, code: "factor_suspended" });
    // A recovery code still works, and restores the authenticator.
    expect(await attempt(user.id, "recovery_code", recoveryCodes[0]!, now)).toMatchObject({ ok: true });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ twoFactorSuspendedAt: null, twoFactorFailureStreak: 0 });
    const later = at(3 * STEP_MS);
    expect(await attempt(user.id, "totp", generateTotp(secret, later), later)).toMatchObject({ ok: true });
  });
});

describe("the password window slides", { timeout: 60_000 }, () => {
  it("no 15 minutes ever see more than 5 checks for one email, wherever the window's edge falls", async () => {
    const user = await createUser();
    const check = (now: Date) => checkPassword({ email: user.email, password: "wrong", purpose: "sign_in" }, { ip: null, userAgent: "window" }, now);
    for (let i = 0; i < 4; i++) expect(await check(T0)).toEqual({ ok: false, code: "invalid_credentials" });
    expect(await check(at(14 * MINUTE))).toEqual({ ok: false, code: "invalid_credentials" });
    expect(await check(at(14 * MINUTE + 1))).toEqual({ ok: false, code: "throttled" });
    // Just past T0's 15 minutes its 4 checks leave the window; the one at 14 minutes stays.
    const later = at(15 * MINUTE + 1);
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await check(later));
    expect(results.map((result) => (result.ok ? "ok" : result.code))).toEqual([...Array(4).fill("invalid_credentials"), "throttled", "throttled"]);
    expect(await db.outboxMessage.count({ where: { to: user.email, subject: { contains: "paused" } } })).toBe(1);
  });
});

describe("the streak of wrong passwords", { timeout: 60_000 }, () => {
  it("the 100th wrong password in a row requires a reset: the right one no longer signs in, and the person is told", async () => {
    const user = await createUser();
    await db.user.update({ where: { id: user.id }, data: { passwordFailureStreak: 99 } });
    const check = (password: string, now: Date) => checkPassword({ email: user.email, password, purpose: "sign_in" }, { ip: null, userAgent: "streak" }, now);

    expect(await check("wrong", T0)).toEqual({ ok: false, code: "invalid_credentials" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordResetRequiredAt).toEqual(T0);
    expect(await db.outboxMessage.count({ where: { to: user.email, subject: { contains: "reset" } } })).toBe(1);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "password.reset_required" } })).toBe(1);
    // Long after the throttle window, the right password still does not sign in.
    expect(await check(PASSWORD, at(60 * MINUTE))).toEqual({ ok: false, code: "throttled" });
  });

  it("a success resets the streak", async () => {
    const user = await createUser();
    await db.user.update({ where: { id: user.id }, data: { passwordFailureStreak: 98 } });
    const check = (password: string) => checkPassword({ email: user.email, password, purpose: "sign_in" }, { ip: null, userAgent: "streak" }, T0);
    expect(await check(PASSWORD)).toMatchObject({ ok: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordFailureStreak).toBe(0);
  });
});
