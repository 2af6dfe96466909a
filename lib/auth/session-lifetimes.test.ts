import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { generateTotp } from "@/lib/mfa/totp";
import { verifySecondFactor } from "@/lib/mfa/verify-second-factor";
import { context, createUser, enrolTotp, openSession, STEP_MS } from "@/test/factories";
import { findLiveSession, listSessions } from "./sessions";

/**
 * NIST SP 800-63B-4 §2.2.3: a session verified with a second factor ends after 1 hour unused and
 * 24 hours overall; a password-only session lasts at most 30 days (lib/policy sessionLifetime).
 */
const T0 = new Date(Math.floor(Date.UTC(2026, 10, 26, 8) / STEP_MS) * STEP_MS + 5_000);
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A sign-in whose authenticator code passed at `now`: the new session's id. */
async function signedInWithFactor(now: Date) {
  const user = await createUser();
  const { secret } = await enrolTotp(user.id, new Date(now.getTime() - STEP_MS));
  const pending = await openSession(user.id, "two_factor", now);
  const result = await verifySecondFactor({ userId: user.id, sessionId: pending.id, method: "totp", code: generateTotp(secret, now), purpose: "sign_in" }, context, now);
  if (!result.ok) throw new Error(`challenge failed: ${result.code}`);
  return { user, sessionId: result.sessionId! };
}

describe("a password-only session", { timeout: 60_000 }, () => {
  it("has no idle limit and ends after 30 days", async () => {
    const user = await createUser();
    const session = await openSession(user.id, null, T0);
    expect(session).toMatchObject({ idleUntil: null, expiresAt: at(30 * DAY) });
    expect(await findLiveSession(session.id, at(30 * DAY - 1))).not.toBeNull();
    expect(await findLiveSession(session.id, at(30 * DAY))).toBeNull();
  });
});

describe("a session verified with a second factor", { timeout: 60_000 }, () => {
  it("is upgraded in one statement with a 24-hour end and a 1-hour idle limit", async () => {
    const { sessionId } = await signedInWithFactor(T0);
    expect(await db.session.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ expiresAt: at(DAY), idleUntil: at(HOUR), factorVerifiedAt: T0 });
  });

  it("ends after 1 hour unused", async () => {
    const { sessionId } = await signedInWithFactor(T0);
    expect(await findLiveSession(sessionId, at(HOUR - 1))).not.toBeNull();
    const { user } = await db.session.findUniqueOrThrow({ where: { id: sessionId }, include: { user: true } });
    expect(await findLiveSession(sessionId, at(2 * HOUR))).toBeNull();
    expect((await listSessions(user.id, at(2 * HOUR))).map((row) => row.id)).not.toContain(sessionId);
  });

  it("use moves the idle limit forward (at most every 5 minutes), but never past 24 hours overall", async () => {
    const { sessionId } = await signedInWithFactor(T0);

    // Used every 50 minutes: each use moves the idle end to an hour after it.
    let now = T0;
    while (now.getTime() + 50 * MINUTE < T0.getTime() + DAY) {
      now = new Date(now.getTime() + 50 * MINUTE);
      const live = await findLiveSession(sessionId, now);
      expect(live, `used at ${now.toISOString()}`).not.toBeNull();
      expect(live!.idleUntil).toEqual(new Date(now.getTime() + HOUR));
    }
    expect(await findLiveSession(sessionId, at(DAY - 1))).not.toBeNull();
    expect(await findLiveSession(sessionId, at(DAY))).toBeNull();
  });

  it("a use within 5 minutes of the last one writes nothing", async () => {
    const { sessionId } = await signedInWithFactor(T0);
    await findLiveSession(sessionId, at(4 * MINUTE));
    expect(await db.session.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ lastSeenAt: T0, idleUntil: at(HOUR) });
  });
});
