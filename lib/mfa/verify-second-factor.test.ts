import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { context, createUser, enrolTotp, openSession, STEP_MS } from "@/test/factories";
import { generateTotp } from "./totp";
import { factorFor } from "./factors";
import { verifySecondFactor } from "./verify-second-factor";

// A fixed clock in the middle of a time step, so ±1 step is exact.
const T0 = new Date(Math.floor(Date.UTC(2026, 10, 22, 12) / STEP_MS) * STEP_MS + 10_000);
const at = (ms: number) => new Date(T0.getTime() + ms);

async function enrolled() {
  const user = await createUser();
  const { secret, recoveryCodes } = await enrolTotp(user.id, T0);
  return { user, secret, recoveryCodes };
}

const signIn = (userId: string, sessionId: string, method: "totp" | "recovery_code", code: string, now: Date) =>
  verifySecondFactor({ userId, sessionId, method, code, purpose: "sign_in" }, context, now);

describe("the sign-in challenge", () => {
  it("accepts the authenticator code once and opens a session with a new id", async () => {
    const { user, secret } = await enrolled();
    const session = await openSession(user.id, "two_factor", at(STEP_MS));
    const code = generateTotp(secret, at(STEP_MS));

    const result = await signIn(user.id, session.id, "totp", code, at(STEP_MS));
    expect(result).toMatchObject({ ok: true, sessionId: expect.any(String) });
    const sessionId = result.ok ? result.sessionId! : "";
    expect(sessionId).not.toBe(session.id);
    const opened = await db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(opened).toMatchObject({ pendingStep: null, revokedAt: null, previousId: session.id, verifiedAt: at(STEP_MS) });
    // The id a pending cookie carried is dead: session fixation gains nothing.
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).toEqual(at(STEP_MS));
    const [event] = await db.auditEvent.findMany({ where: { subjectId: user.id, type: "auth.sign_in" } });
    expect(event?.metadata).toEqual({ method: "totp", purpose: "sign_in", sessionId, previousSessionId: session.id });

    // The same code again is told apart from a wrong one, and counts for nothing.
    const again = await openSession(user.id, "two_factor", at(STEP_MS));
    expect(await signIn(user.id, again.id, "totp", code, at(STEP_MS))).toEqual({ ok: false, code: "code_used" });
    expect((await db.session.findUniqueOrThrow({ where: { id: again.id } })).challengeFailures).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).twoFactorFailures).toBe(0);
  });

  it("refuses the code used at enrolment and any older step", async () => {
    const { user, secret } = await enrolled();
    const session = await openSession(user.id, "two_factor", T0);
    expect(await signIn(user.id, session.id, "totp", generateTotp(secret, T0), T0)).toMatchObject({ ok: false });
    expect(await signIn(user.id, session.id, "totp", generateTotp(secret, at(-STEP_MS)), T0)).toMatchObject({ ok: false });
  });

  it("accepts one step ahead or behind, never two", async () => {
    const { user, secret } = await enrolled();
    const now = at(4 * STEP_MS);
    const s1 = await openSession(user.id, "two_factor", now);
    expect(await signIn(user.id, s1.id, "totp", generateTotp(secret, at(2 * STEP_MS)), now)).toMatchObject({ ok: false });
    expect(await signIn(user.id, s1.id, "totp", generateTotp(secret, at(3 * STEP_MS)), now)).toMatchObject({ ok: true });
    const s2 = await openSession(user.id, "two_factor", now);
    expect(await signIn(user.id, s2.id, "totp", generateTotp(secret, at(6 * STEP_MS)), now)).toMatchObject({ ok: false });
    expect(await signIn(user.id, s2.id, "totp", generateTotp(secret, at(5 * STEP_MS)), now)).toMatchObject({ ok: true });
  });

  it("expires 10 minutes after the password", async () => {
    const { user, secret } = await enrolled();
    const session = await openSession(user.id, "two_factor", at(STEP_MS));
    const late = at(STEP_MS + 10 * 60_000 + 1);
    expect(await signIn(user.id, session.id, "totp", generateTotp(secret, late), late)).toEqual({ ok: false, code: "sign_in_expired" });
    const justInTime = at(STEP_MS + 10 * 60_000 - 1);
    expect(await signIn(user.id, session.id, "totp", generateTotp(secret, justInTime), justInTime)).toMatchObject({ ok: true });
  });

  it("ends the challenge after 5 wrong codes", async () => {
    const { user, secret } = await enrolled();
    const now = at(STEP_MS);
    const session = await openSession(user.id, "two_factor", now);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await signIn(user.id, session.id, "totp", "000000", now));
    expect(results.slice(0, 4).every((result) => !result.ok && result.code === "invalid_code")).toBe(true);
    expect(results[4]).toEqual({ ok: false, code: "challenge_over" });
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).not.toBeNull();
    // Even the right code cannot revive it.
    expect(await signIn(user.id, session.id, "totp", generateTotp(secret, now), now)).toEqual({ ok: false, code: "sign_in_expired" });
  });

  it("locks 2FA for 15 minutes after 10 failures in a row across challenges, and emails the person", async () => {
    const { user, secret } = await enrolled();
    const now = at(STEP_MS);
    let last;
    for (let i = 0; i < 10; i++) {
      const session = await openSession(user.id, "two_factor", now);
      last = await signIn(user.id, session.id, i % 2 ? "recovery_code" : "totp", i % 2 ? "aaaaa-bbbbb-ccccc" : "000000", now);
    }
    expect(last).toMatchObject({ ok: false, code: "locked" });
    const locked = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(locked.twoFactorLockedUntil).toEqual(at(STEP_MS + 15 * 60_000));
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "two_factor.locked" } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { to: user.email, subject: { contains: "paused" } } })).toBe(1);

    const during = at(STEP_MS + 15 * 60_000 - 1);
    const s = await openSession(user.id, "two_factor", during);
    expect(await signIn(user.id, s.id, "totp", generateTotp(secret, during), during)).toMatchObject({ ok: false, code: "locked" });
    const after = at(STEP_MS + 15 * 60_000);
    const s2 = await openSession(user.id, "two_factor", after);
    expect(await signIn(user.id, s2.id, "totp", generateTotp(secret, after), after)).toMatchObject({ ok: true });
  });

  it("a wrong code changes nothing but the failure counts", async () => {
    const { user, secret } = await enrolled();
    const now = at(STEP_MS);
    const session = await openSession(user.id, "two_factor", now);
    const snapshot = async () => ({
      factors: await db.twoFactorFactor.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } }),
      codes: await db.recoveryCode.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } }),
      user: await db.user.findUniqueOrThrow({ where: { id: user.id } }),
      session: await db.session.findUniqueOrThrow({ where: { id: session.id } }),
    });
    const before = await snapshot();
    await signIn(user.id, session.id, "totp", "123456" === generateTotp(secret, now) ? "654321" : "123456", now);
    await signIn(user.id, session.id, "recovery_code", "22222-33333-44444", now);
    const after = await snapshot();
    expect(after.factors).toEqual(before.factors);
    expect(after.codes).toEqual(before.codes);
    const counts = { twoFactorFailures: 0, twoFactorFailureStreak: 0, updatedAt: null };
    expect({ ...after.user, ...counts }).toEqual({ ...before.user, ...counts });
    expect(after.user.twoFactorFailures).toBe(before.user.twoFactorFailures + 2);
    expect(after.user.twoFactorFailureStreak).toBe(before.user.twoFactorFailureStreak + 2);
    expect({ ...after.session, challengeFailures: 0 }).toEqual({ ...before.session, challengeFailures: 0 });
    expect(after.session.challengeFailures).toBe(2);
  });

  it("takes a recovery code once, in any case and spacing, and says how many remain", async () => {
    const { user, recoveryCodes } = await enrolled();
    const now = at(STEP_MS);
    const first = await openSession(user.id, "two_factor", now);
    const typed = recoveryCodes[0]!.toUpperCase().replace(/-/g, " ");
    expect(await signIn(user.id, first.id, "recovery_code", typed, now)).toEqual({
      ok: true,
      method: "recovery_code",
      recoveryRemaining: 15,
      sessionId: expect.any(String),
    });
    expect(await db.outboxMessage.count({ where: { to: user.email, subject: { contains: "recovery code" } } })).toBe(1);
    const second = await openSession(user.id, "two_factor", now);
    expect(await signIn(user.id, second.id, "recovery_code", recoveryCodes[0]!, now)).toEqual({ ok: false, code: "code_used" });
    const events = await db.auditEvent.findMany({ where: { subjectId: user.id, type: "recovery_code.used" } });
    expect(events.map((event) => event.metadata)).toEqual([{ remaining: 15, purpose: "sign_in" }]);
  });
});

describe("a challenge that ends while its right code is being checked", () => {
  // The pending sign-in is cancelled (or runs out) after the attempt was claimed and while the
  // factor compares the code: the moment between the two statements.
  async function endedDuringCheck(method: "totp" | "recovery_code") {
    const { user, secret, recoveryCodes } = await enrolled();
    const session = await openSession(user.id, "two_factor", at(STEP_MS));
    const factor = factorFor(method);
    const match = factor.match;
    const spy = vi.spyOn(factor, "match").mockImplementation(async (input) => {
      const found = await match(input as never);
      await db.session.update({ where: { id: session.id }, data: { revokedAt: at(STEP_MS) } });
      return found;
    });
    const code = method === "totp" ? generateTotp(secret, at(STEP_MS)) : recoveryCodes[0]!;
    try {
      return { user, result: await signIn(user.id, session.id, method, code, at(STEP_MS)) };
    } finally {
      spy.mockRestore();
    }
  }

  it.each(["totp", "recovery_code"] as const)("%s: the sign-in is refused as ended, nothing is opened, audited or counted", async (method) => {
    const { user, result } = await endedDuringCheck(method);
    expect(result).toEqual({ ok: false, code: "sign_in_expired" });
    expect(await db.session.count({ where: { userId: user.id, pendingStep: null, revokedAt: null } })).toBe(0);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "auth.sign_in" } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).twoFactorFailures).toBe(0);
    // Nothing was claimed: the recovery code is still there to be used.
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(0);
  });
});
