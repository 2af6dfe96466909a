import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { verifySudoPassword } from "@/lib/auth/sudo";
import { context, createUser, enrolTotp, openSession, PASSWORD, STEP_MS } from "@/test/factories";
import { generateTotp } from "./totp";
import { verifySecondFactor, type FactorMethod } from "./verify-second-factor";

/**
 * Rule 4 under attack: a burst of parallel requests checks no more codes or passwords than the
 * limits allow, because each check is claimed in the database before it runs. On PostgreSQL
 * (TEST_DATABASE_URL, as in CI) the requests really run at once over a pool of connections;
 * on PGlite they interleave on one. "Checked" is counted from the audit log: every code or
 * password that was actually compared and found wrong writes exactly one failure event.
 */
const T0 = new Date(Math.floor(Date.UTC(2026, 10, 25, 9) / STEP_MS) * STEP_MS + 5_000);
const NOW = new Date(T0.getTime() + STEP_MS);
const BURST = 200;

const wrongTotp = (secret: string, i: number) => {
  const code = String(i).padStart(6, "0");
  return code === generateTotp(secret, NOW) ? "999999" : code;
};
const checkedCodes = (userId: string) => db.auditEvent.count({ where: { subjectId: userId, type: "two_factor.challenge_failed" } });
const verify = (userId: string, sessionId: string, method: FactorMethod, code: string, purpose: "sign_in" | "sudo" = "sign_in") =>
  verifySecondFactor({ userId, sessionId, method, code, purpose }, context, NOW);

describe("bursts at the sign-in challenge", { timeout: 120_000 }, () => {
  it(`${BURST} wrong authenticator codes at one challenge: at most 5 are checked, then the right code is refused`, async () => {
    const user = await createUser();
    const { secret } = await enrolTotp(user.id, T0);
    const session = await openSession(user.id, "two_factor", NOW);

    const results = await Promise.all(Array.from({ length: BURST }, (_, i) => verify(user.id, session.id, "totp", wrongTotp(secret, i))));

    expect(results.every((result) => !result.ok)).toBe(true);
    expect(await checkedCodes(user.id)).toBe(5);
    expect(await verify(user.id, session.id, "totp", generateTotp(secret, NOW))).toMatchObject({ ok: false });
    expect(await db.session.count({ where: { userId: user.id, pendingStep: null, revokedAt: null } })).toBe(0);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "session.revoked" } })).toBe(1);
  });

  it(`${BURST} wrong codes over 10 pending sign-ins: at most 10 checked, one lock, one lock email`, async () => {
    const user = await createUser();
    const { secret } = await enrolTotp(user.id, T0);
    const sessions = await Promise.all(Array.from({ length: 10 }, () => openSession(user.id, "two_factor", NOW)));

    await Promise.all(Array.from({ length: BURST }, (_, i) => verify(user.id, sessions[i % 10]!.id, "totp", wrongTotp(secret, i))));

    expect(await checkedCodes(user.id)).toBe(10);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "two_factor.locked" } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { to: user.email, subject: { contains: "paused" } } })).toBe(1);
    const fresh = await openSession(user.id, "two_factor", NOW);
    expect(await verify(user.id, fresh.id, "totp", generateTotp(secret, NOW))).toMatchObject({ ok: false, code: "locked" });
  });

  it(`${BURST} wrong recovery codes at one challenge: at most 5 checked, then the right one is refused`, async () => {
    const user = await createUser();
    const { recoveryCodes } = await enrolTotp(user.id, T0);
    const session = await openSession(user.id, "two_factor", NOW);
    // Real selectors with wrong secrets: each would cost a full argon2 check.
    const guesses = Array.from({ length: BURST }, (_, i) => `${recoveryCodes[i % 16]!.slice(0, 5)}-aaaaa-${String(i).padStart(5, "b")}`);

    await Promise.all(guesses.map((guess) => verify(user.id, session.id, "recovery_code", guess)));

    expect(await checkedCodes(user.id)).toBe(5);
    expect(await verify(user.id, session.id, "recovery_code", recoveryCodes[0]!)).toMatchObject({ ok: false });
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(0);
  });

  it("100 racing uses of one valid code on one challenge: one success, the winner stays signed in, nothing counted", async () => {
    const user = await createUser();
    const { secret } = await enrolTotp(user.id, T0);
    const session = await openSession(user.id, "two_factor", NOW);
    const code = generateTotp(secret, NOW);

    const results = await Promise.all(Array.from({ length: 100 }, () => verify(user.id, session.id, "totp", code)));

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.code === "invalid_code")).toHaveLength(0);
    expect(await db.session.count({ where: { userId: user.id, pendingStep: null, revokedAt: null } })).toBe(1);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: { in: ["session.revoked", "two_factor.locked", "two_factor.challenge_failed"] } } })).toBe(0);
    expect(await db.outboxMessage.count({ where: { to: user.email, subject: { contains: "paused" } } })).toBe(0);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ twoFactorFailures: 0, twoFactorFailureStreak: 0, twoFactorLockedUntil: null });
  });

  it("100 racing uses of one valid code over 100 pending sign-ins: one success, no lock", async () => {
    const user = await createUser();
    const { secret } = await enrolTotp(user.id, T0);
    const sessions = await Promise.all(Array.from({ length: 100 }, () => openSession(user.id, "two_factor", NOW)));
    const code = generateTotp(secret, NOW);

    const results = await Promise.all(sessions.map((session) => verify(user.id, session.id, "totp", code)));

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await db.session.count({ where: { userId: user.id, pendingStep: null, revokedAt: null } })).toBe(1);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: { in: ["session.revoked", "two_factor.locked", "two_factor.challenge_failed"] } } })).toBe(0);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ twoFactorFailures: 0, twoFactorLockedUntil: null });
  });
});

describe("bursts of passwords", { timeout: 120_000 }, () => {
  const checkedPasswords = (userId: string, type: string) => db.auditEvent.count({ where: { subjectId: userId, type, outcome: "failure", metadata: { path: ["reason"], equals: "invalid_credentials" } } });

  it("60 wrong passwords for one email at once: at most 5 checked, then the right one is refused", async () => {
    const user = await createUser();
    const from = { ip: "198.51.100.7", userAgent: "burst" };

    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => signInWithPassword({ email: user.email, password: `wrong ${i}` }, from)));

    expect(results.every((result) => !result.ok)).toBe(true);
    expect(await checkedPasswords(user.id, "auth.sign_in")).toBe(5);
    expect(await signInWithPassword({ email: user.email, password: PASSWORD }, context)).toEqual({ ok: false, code: "throttled" });
    expect(await db.outboxMessage.count({ where: { to: user.email, subject: { contains: "paused" } } })).toBe(1);
  });

  it("60 wrong passwords at the sudo prompt at once: at most 5 checked, and the session lives on", async () => {
    const user = await createUser();
    const session = await openSession(user.id, null, T0);

    const refusals = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => verifySudoPassword({ userId: user.id, sessionId: session.id, password: `wrong ${i}` }, context, NOW)));
    expect(refusals.every((result) => result.status === "rejected")).toBe(true);

    expect(await checkedPasswords(user.id, "sudo.failed")).toBe(5);
    await expect(verifySudoPassword({ userId: user.id, sessionId: session.id, password: PASSWORD }, context, NOW)).rejects.toMatchObject({ name: "AppError", code: "sudo_throttled" });
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).toBeNull();
  });

  it("wrong sudo codes at once: at most 5 checked per session, and the session is never ended", async () => {
    const user = await createUser();
    const { secret } = await enrolTotp(user.id, T0);
    const session = await openSession(user.id, null, T0);

    await Promise.all(Array.from({ length: 50 }, (_, i) => verify(user.id, session.id, "totp", wrongTotp(secret, i), "sudo")));

    expect(await checkedCodes(user.id)).toBe(5);
    expect(await verify(user.id, session.id, "totp", generateTotp(secret, NOW), "sudo")).toMatchObject({ ok: false, code: "challenge_over" });
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).toBeNull();
  });
});
