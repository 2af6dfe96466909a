import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { confirmSudo } from "@/lib/auth/sudo";
import { context, createUser, openSession } from "@/test/factories";
import { enrolSecurityKey, strangerKey } from "@/test/webauthn-authenticator";
import { verifySecondFactor } from "../verify-second-factor";
import { securityKeyOptions } from "../webauthn/authentication-options";
import { proofSchema } from ".";

/**
 * A security key at the sign-in challenge and the sudo prompt, with answers made by a software
 * authenticator (test/webauthn-authenticator.ts). On PostgreSQL (TEST_DATABASE_URL, as in CI)
 * the racing requests really run at once; on PGlite they interleave on one connection.
 */
// Now, to the second: confirmSudo reads the clock itself, so a challenge made at T0 + 1 minute
// must still be live when "confirms sudo" answers it (a fixed date stopped working once passed).
const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
const MINUTE = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

type Purpose = "sign_in" | "sudo";
const verify = (userId: string, sessionId: string, answer: AuthenticationResponseJSON | string, purpose: Purpose = "sign_in", now = at(MINUTE)) =>
  verifySecondFactor({ userId, sessionId, method: "webauthn", response: typeof answer === "string" ? answer : JSON.stringify(answer), code: "", purpose }, context, now);

/** A person with a key, a pending sign-in (or a signed-in session for sudo) and the options its browser got. */
async function challenged(options: { passkey?: boolean; purpose?: Purpose } = {}) {
  const user = await createUser();
  const key = await enrolSecurityKey(user.id, T0, { passkey: options.passkey });
  const purpose = options.purpose ?? "sign_in";
  const session = await openSession(user.id, purpose === "sign_in" ? "two_factor" : null, at(MINUTE));
  const request = await securityKeyOptions({ userId: user.id, sessionId: session.id, purpose }, at(MINUTE));
  return { user, key, session, request, authenticator: key.authenticator };
}

const factorRow = (id: string) => db.twoFactorFactor.findUniqueOrThrow({ where: { id } });
const failures = async (userId: string) => (await db.user.findUniqueOrThrow({ where: { id: userId } })).twoFactorFailures;

describe("options for the browser", () => {
  it("list the person's keys and bind a 5-minute challenge to the session and purpose", async () => {
    const { user, key, session, request } = await challenged();
    expect(request).toMatchObject({ rpId: "localhost", userVerification: "preferred", timeout: 5 * MINUTE, allowCredentials: [{ id: key.authenticator.id, type: "public-key", transports: ["usb"] }] });
    expect(await db.webAuthnChallenge.findUniqueOrThrow({ where: { challenge: request.challenge } })).toMatchObject({
      userId: user.id,
      sessionId: session.id,
      purpose: "sign_in",
      expiresAt: at(6 * MINUTE),
      usedAt: null,
    });
    // Asking again replaces the session's challenge: one live at a time.
    const again = await securityKeyOptions({ userId: user.id, sessionId: session.id, purpose: "sign_in" }, at(MINUTE));
    expect(await db.webAuthnChallenge.count({ where: { sessionId: session.id } })).toBe(1);
    expect(again.challenge).not.toBe(request.challenge);
  });

  it("are refused to a person without a key", async () => {
    const user = await createUser();
    const session = await openSession(user.id, null, T0);
    await expect(securityKeyOptions({ userId: user.id, sessionId: session.id, purpose: "sudo" }, T0)).rejects.toMatchObject({ code: "factor_not_found" });
  });
});

describe("a security key at the sign-in challenge", { timeout: 60_000 }, () => {
  it("a valid answer signs in with a new session id; the counter, last use and backup state are stored", async () => {
    const { user, key, session, request, authenticator } = await challenged();
    const result = await verify(user.id, session.id, authenticator.assert(request));
    expect(result).toMatchObject({ ok: true, method: "webauthn", sessionId: expect.any(String) });
    expect(await factorRow(key.factorId)).toMatchObject({ signCount: 1n, lastUsedAt: at(MINUTE), backedUp: false });
    const [event] = await db.auditEvent.findMany({ where: { subjectId: user.id, type: "auth.sign_in" } });
    expect(event?.metadata).toMatchObject({ method: "webauthn", purpose: "sign_in", previousSessionId: session.id });
    expect((await db.webAuthnChallenge.findUniqueOrThrow({ where: { challenge: request.challenge } })).usedAt).toEqual(at(MINUTE));
  });

  it("a replayed answer is refused: at another sign-in, and at the sudo prompt twice", async () => {
    const { user, session, request, authenticator } = await challenged();
    const answer = authenticator.assert(request);
    expect(await verify(user.id, session.id, answer)).toMatchObject({ ok: true });
    // Another pending sign-in: its challenge is not the one signed.
    const next = await openSession(user.id, "two_factor", at(MINUTE));
    await securityKeyOptions({ userId: user.id, sessionId: next.id, purpose: "sign_in" }, at(MINUTE));
    expect(await verify(user.id, next.id, answer)).toMatchObject({ ok: false, code: "invalid_code" });

    const signedIn = await openSession(user.id, null, at(MINUTE));
    const sudo = await securityKeyOptions({ userId: user.id, sessionId: signedIn.id, purpose: "sudo" }, at(MINUTE));
    const sudoAnswer = authenticator.assert(sudo);
    expect(await verify(user.id, signedIn.id, sudoAnswer, "sudo")).toMatchObject({ ok: true });
    // The same answer again: its challenge is used; told apart from a wrong one, and not counted.
    expect(await verify(user.id, signedIn.id, sudoAnswer, "sudo")).toEqual({ ok: false, code: "code_used" });
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "sudo.granted" } })).toBe(1);
  });

  it.each([
    ["another origin", { origin: "https://tessera.example.evil" }],
    ["another RP ID", { rpID: "evil.example" }],
    ["a forged signature", { signWith: strangerKey() }],
  ])("an answer with %s is refused, counted, and uses up the challenge", async (_label, bend) => {
    const { user, key, session, request, authenticator } = await challenged();
    expect(await verify(user.id, session.id, authenticator.assert(request, bend))).toMatchObject({ ok: false, code: "invalid_code" });
    expect(await failures(user.id)).toBe(1);
    expect(await factorRow(key.factorId)).toMatchObject({ signCount: 0n, lastUsedAt: null });
    // The challenge is gone with it: even a right answer to it now fails.
    expect(await verify(user.id, session.id, authenticator.assert(request))).toMatchObject({ ok: false });
    expect(await db.session.count({ where: { userId: user.id, pendingStep: null, revokedAt: null } })).toBe(0);
  });

  it("a counter that does not grow is a cloned key: refused, counted and logged", async () => {
    const { user, key, session, request, authenticator } = await challenged();
    expect(await verify(user.id, session.id, authenticator.assert(request, { counter: 7 }))).toMatchObject({ ok: true });
    for (const counter of [7, 3, 0]) {
      const pending = await openSession(user.id, "two_factor", at(MINUTE));
      const options = await securityKeyOptions({ userId: user.id, sessionId: pending.id, purpose: "sign_in" }, at(MINUTE));
      expect(await verify(user.id, pending.id, authenticator.assert(options, { counter }))).toMatchObject({ ok: false, code: "invalid_code" });
    }
    expect((await factorRow(key.factorId)).signCount).toBe(7n);
    const logged = await db.auditEvent.findMany({ where: { subjectId: user.id, type: "two_factor.webauthn_counter_regression" }, orderBy: { createdAt: "asc" } });
    expect(logged.map((event) => event.metadata)).toEqual(
      [7, 3, 0].map((received) => ({ factorId: key.factorId, name: key.name, stored: "7", received: String(received), purpose: "sign_in" })),
    );
    expect(logged.every((event) => event.outcome === "failure")).toBe(true);
    expect(await failures(user.id)).toBe(3);
  });

  it("a passkey whose counter stays at 0 signs in each time, and its backup state is kept", async () => {
    const { user, key, session, request, authenticator } = await challenged({ passkey: true });
    expect(await verify(user.id, session.id, authenticator.assert(request))).toMatchObject({ ok: true });
    const next = await openSession(user.id, "two_factor", at(2 * MINUTE));
    const options = await securityKeyOptions({ userId: user.id, sessionId: next.id, purpose: "sign_in" }, at(2 * MINUTE));
    expect(await verify(user.id, next.id, authenticator.assert(options), "sign_in", at(2 * MINUTE))).toMatchObject({ ok: true });
    expect(await factorRow(key.factorId)).toMatchObject({ signCount: 0n, backupEligible: true, backedUp: true, lastUsedAt: at(2 * MINUTE) });
  });

  it("an answer whose backup eligibility changed is not the key registered", async () => {
    const { user, session, request, authenticator } = await challenged();
    expect(await verify(user.id, session.id, authenticator.assert(request, { backupEligible: true }))).toMatchObject({ ok: false, code: "invalid_code" });
  });

  it("another person's key does not answer for this person", async () => {
    const { user, session, request } = await challenged();
    const stranger = await createUser();
    const theirs = await enrolSecurityKey(stranger.id, T0);
    expect(await verify(user.id, session.id, theirs.authenticator.assert(request))).toMatchObject({ ok: false, code: "invalid_code" });
    expect(await failures(user.id)).toBe(1);
  });

  it("an expired challenge, or one handed to another session, is refused", async () => {
    const { user, session, request, authenticator } = await challenged();
    expect(await verify(user.id, session.id, authenticator.assert(request), "sign_in", at(6 * MINUTE))).toMatchObject({ ok: false });
    const other = await openSession(user.id, "two_factor", at(MINUTE));
    const fresh = await securityKeyOptions({ userId: user.id, sessionId: session.id, purpose: "sign_in" }, at(MINUTE));
    expect(await verify(user.id, other.id, authenticator.assert(fresh))).toMatchObject({ ok: false, code: "invalid_code" });
  });

  it("an answer to a sign-in challenge does not confirm sudo, nor the other way round", async () => {
    const { user, request, authenticator } = await challenged();
    const signedIn = await openSession(user.id, null, at(MINUTE));
    // Bound to the pending sign-in's session and to "sign_in".
    expect(await verify(user.id, signedIn.id, authenticator.assert(request), "sudo")).toMatchObject({ ok: false, code: "invalid_code" });
    const sudo = await securityKeyOptions({ userId: user.id, sessionId: signedIn.id, purpose: "sudo" }, at(MINUTE));
    expect(await verify(user.id, signedIn.id, authenticator.assert(sudo), "sign_in")).toMatchObject({ ok: false });
  });

  it("malformed answers are wrong answers, never a crash", async () => {
    const { user, session } = await challenged();
    for (const answer of ["", "null", "{", JSON.stringify({ id: "abc", type: "public-key", response: {} }), "x".repeat(20_000)]) {
      const pending = await openSession(user.id, "two_factor", at(MINUTE));
      expect(await verify(user.id, pending.id, answer)).toMatchObject({ ok: false, code: "invalid_code" });
    }
    expect(session.id).toBeTruthy();
    // A form's proof is at most 16 KB and is never empty.
    const schema = proofSchema(["webauthn"]);
    expect(schema.safeParse({ method: "webauthn", response: "x".repeat(16 * 1024 + 1) }).success).toBe(false);
    expect(schema.safeParse({ method: "webauthn", response: "" }).success).toBe(false);
    expect(schema.safeParse({ method: "webauthn", response: "{}" }).data).toEqual({ method: "webauthn", response: "{}", code: "" });
  });
});

describe("a security key at the sudo prompt", { timeout: 60_000 }, () => {
  it("confirms sudo", async () => {
    const { user, key, session, request, authenticator } = await challenged({ purpose: "sudo" });
    await db.session.update({ where: { id: session.id }, data: { verifiedAt: null } });
    await confirmSudo(session, { method: "webauthn", response: JSON.stringify(authenticator.assert(request)), code: "" }, context);
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).verifiedMethod).toBe("webauthn");
    expect((await factorRow(key.factorId)).signCount).toBe(1n);
  });
});

describe("racing one valid answer", { timeout: 120_000 }, () => {
  it("50 submissions of one assertion at once: exactly one succeeds, nothing is counted", async () => {
    const { user, key, session, request, authenticator } = await challenged();
    const answer = authenticator.assert(request);
    const results = await Promise.all(Array.from({ length: 50 }, () => verify(user.id, session.id, answer)));

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.code === "invalid_code")).toHaveLength(0);
    expect(await db.session.count({ where: { userId: user.id, pendingStep: null, revokedAt: null } })).toBe(1);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "auth.sign_in" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: { in: ["two_factor.challenge_failed", "session.revoked", "two_factor.webauthn_counter_regression"] } } })).toBe(0);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ twoFactorFailures: 0, twoFactorFailureStreak: 0 });
    expect((await factorRow(key.factorId)).signCount).toBe(1n);
  });

  it("50 submissions of one sudo assertion at once: exactly one succeeds", async () => {
    const { user, session, request, authenticator } = await challenged({ purpose: "sudo" });
    const answer = authenticator.assert(request);
    const results = await Promise.all(Array.from({ length: 50 }, () => verify(user.id, session.id, answer, "sudo")));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "sudo.granted" } })).toBe(1);
    expect(await failures(user.id)).toBe(0);
  });
});
