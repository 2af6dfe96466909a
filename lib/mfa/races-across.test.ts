/**
 * Races the winning statement (lib/mfa/verify-second-factor.ts) must settle: one code sent to
 * sign-in and sudo challenges at once, and several right proofs for one pending sign-in. On
 * PostgreSQL (TEST_DATABASE_URL, as in CI) they really run at once; on PGlite they serialise.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context, createUser, enrolTotp, openSession, STEP_MS } from "@/test/factories";
import { findLiveSession } from "@/lib/auth/sessions";
import { generateTotp } from "@/lib/mfa/totp";
import { verifySecondFactor } from "@/lib/mfa/verify-second-factor";

const T0 = new Date(Math.floor(Date.UTC(2026, 10, 22, 9) / STEP_MS) * STEP_MS + 5_000);
const NOW = new Date(T0.getTime() + STEP_MS);

describe("one proof, many challenges; many proofs, one challenge", { timeout: 120_000 }, () => {
  it("one TOTP code raced across sign-in and sudo challenges: exactly one success", async () => {
    const user = await createUser();
    const { secret } = await enrolTotp(user.id, T0);
    const pending = await Promise.all(Array.from({ length: 10 }, () => openSession(user.id, "two_factor", NOW)));
    const signedIn = await Promise.all(Array.from({ length: 10 }, () => openSession(user.id, null, NOW)));
    const code = generateTotp(secret, NOW);
    const results = await Promise.all([
      ...pending.map((s) => verifySecondFactor({ userId: user.id, sessionId: s.id, method: "totp", code, purpose: "sign_in" }, context, NOW)),
      ...signedIn.map((s) => verifySecondFactor({ userId: user.id, sessionId: s.id, method: "totp", code, purpose: "sudo" }, context, NOW)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const u = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect([u.twoFactorFailures, u.twoFactorFailureStreak]).toEqual([0, 0]);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: { in: ["auth.sign_in", "sudo.granted"] } } })).toBe(1);
  });

  it("two valid proofs (TOTP now, TOTP next step, recovery code) on ONE pending sign-in: one new session, recovery code kept unless it won", async () => {
    for (let round = 0; round < 5; round++) {
      const user = await createUser();
      const { secret, recoveryCodes } = await enrolTotp(user.id, T0);
      const pending = await openSession(user.id, "two_factor", NOW);
      const v = (method: "totp" | "recovery_code", code: string) =>
        verifySecondFactor({ userId: user.id, sessionId: pending.id, method, code, purpose: "sign_in" }, context, NOW);
      const results = await Promise.all([
        v("totp", generateTotp(secret, NOW)),
        v("totp", generateTotp(secret, new Date(NOW.getTime() + STEP_MS))),
        v("recovery_code", recoveryCodes[0]!),
        v("totp", generateTotp(secret, NOW)),
      ]);
      const wins = results.filter((r) => r.ok);
      expect(wins).toHaveLength(1);
      expect(await db.session.count({ where: { userId: user.id, pendingStep: null, revokedAt: null } })).toBe(1);
      const usedRecovery = await db.recoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } });
      expect(usedRecovery).toBe(wins[0]!.ok && wins[0]!.method === "recovery_code" ? 1 : 0);
      const u = await db.user.findUniqueOrThrow({ where: { id: user.id } });
      expect([u.twoFactorFailures, u.twoFactorFailureStreak]).toEqual([0, 0]);
    }
  });

  it("the joined user is the same row as a direct read (relationJoins)", async () => {
    const user = await createUser();
    const odd = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 7));
    await db.user.update({ where: { id: user.id }, data: { twoFactorLockedUntil: odd, twoFactorSuspendedAt: new Date(odd.getTime() + 120), locale: "ja", lastFactorType: "totp" } });
    const session = await openSession(user.id, null, NOW);
    const live = await findLiveSession(session.id, NOW);
    const { passwordHash: _omit, ...direct } = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(live!.user).toEqual(direct);
  });
});
