import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context, createUser, enrolTotp, openSession, STEP_MS } from "@/test/factories";
import { generateTotp } from "./totp";
import { verifySecondFactor } from "./verify-second-factor";

/**
 * Rule 1 and 2: a code is accepted once, also when requests race. On PostgreSQL
 * (TEST_DATABASE_URL, as in CI) these run truly concurrently over a connection pool; on PGlite
 * they are interleaved by one connection, which still checks the logic.
 */
const T0 = new Date(Math.floor(Date.UTC(2026, 10, 22, 9) / STEP_MS) * STEP_MS + 5_000);
const NOW = new Date(T0.getTime() + STEP_MS);
const RACERS = 20;

async function race(userId: string, method: "totp" | "recovery_code", code: string) {
  const sessions = await Promise.all(Array.from({ length: RACERS }, () => openSession(userId, "two_factor", NOW)));
  return Promise.all(
    sessions.map((session) => verifySecondFactor({ userId, sessionId: session.id, method, code, purpose: "sign_in" }, context, NOW)),
  );
}

describe("racing the same code", { timeout: 60_000 }, () => {
  it(`${RACERS} concurrent uses of one authenticator code: exactly one succeeds`, async () => {
    const user = await createUser();
    const { secret } = await enrolTotp(user.id, T0);
    const results = await race(user.id, "totp", generateTotp(secret, NOW));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await db.session.count({ where: { userId: user.id, pendingStep: null, revokedAt: null } })).toBe(1);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "auth.sign_in" } })).toBe(1);
  });

  it(`${RACERS} concurrent uses of one recovery code: exactly one succeeds`, async () => {
    const user = await createUser();
    const { recoveryCodes } = await enrolTotp(user.id, T0);
    const results = await race(user.id, "recovery_code", recoveryCodes[3]!);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(1);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "recovery_code.used" } })).toBe(1);
  });

  it("concurrent wrong codes are all counted", async () => {
    const user = await createUser();
    await enrolTotp(user.id, T0);
    const sessions = await Promise.all(Array.from({ length: 8 }, () => openSession(user.id, "two_factor", NOW)));
    await Promise.all(
      sessions.map((session) =>
        verifySecondFactor({ userId: user.id, sessionId: session.id, method: "totp", code: "000000", purpose: "sign_in" }, context, NOW),
      ),
    );
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.twoFactorFailures).toBe(8);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "two_factor.challenge_failed" } })).toBe(8);
  });
});
