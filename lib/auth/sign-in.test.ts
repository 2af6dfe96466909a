import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { RequestContext } from "@/lib/http/request-context";
import { emailKeyHash } from "@/lib/crypto/secret-box";
import { verifySecondFactor } from "@/lib/mfa/verify-second-factor";
import { passSignInChallenge } from "@/lib/mfa/challenge";
import { generateTotp } from "@/lib/mfa/totp";
import type { PendingSession } from "./session";
import { findLiveSession } from "./sessions";
import { context, createUser, enrolTotp, PASSWORD } from "@/test/factories";
import { signInWithPassword } from "./sign-in";

// Throttling counts per IP too, so each test signs in from its own address (TEST-NET-1).
let lastHost = 0;
const newAddress = (): RequestContext => ({ ip: `192.0.2.${++lastHost}`, userAgent: "vitest sign-in" });

const signIn = (email: string, password: string, from: RequestContext) => signInWithPassword({ email, password }, from);

async function failTimes(times: number, email: string, from: RequestContext) {
  for (let i = 0; i < times; i++) expect(await signIn(email, `wrong ${i}`, from)).toEqual({ ok: false, code: "invalid_credentials" });
}

const sessionOf = (result: Awaited<ReturnType<typeof signInWithPassword>>) => {
  if (!result.ok) throw new Error(`sign-in failed: ${result.code}`);
  return db.session.findUniqueOrThrow({ where: { id: result.sessionId } });
};
const signInEvents = (where: object) => db.auditEvent.findMany({ where: { type: "auth.sign_in", ...where } });

describe("signInWithPassword", { timeout: 60_000 }, () => {
  it("the right password opens a verified session and records the sign-in", async () => {
    const user = await createUser();
    const from = newAddress();

    const result = await signIn(user.email, PASSWORD, from);

    expect(result).toEqual({ ok: true, userId: user.id, sessionId: expect.any(String) });
    const session = await sessionOf(result);
    expect(session).toMatchObject({ userId: user.id, ip: from.ip, userAgent: from.userAgent, pendingStep: null, pendingUntil: null, revokedAt: null });
    expect(session.verifiedAt).toEqual(session.createdAt);
    const events = await signInEvents({ actorId: user.id });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: "success", ip: from.ip, userAgent: from.userAgent, metadata: { sessionId: session.id, method: "password" } });
  });

  it("a wrong password and an unknown email get the same answer; the unknown email is recorded only as a keyed hash", async () => {
    const user = await createUser();
    const from = newAddress();
    const unknown = `nobody-${lastHost}@example.test`;

    const wrongPassword = await signIn(user.email, "not the password", from);
    const unknownEmail = await signIn(unknown, PASSWORD, from);

    expect(wrongPassword).toEqual({ ok: false, code: "invalid_credentials" });
    expect(unknownEmail).toEqual(wrongPassword);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    const failures = await signInEvents({ outcome: "failure", ip: from.ip });
    expect(failures.map(({ subjectId, metadata }) => ({ subjectId, metadata }))).toEqual(
      expect.arrayContaining([
        { subjectId: user.id, metadata: { email: user.email, reason: "invalid_credentials", method: "password" } },
        { subjectId: null, metadata: { emailHash: emailKeyHash(unknown), reason: "invalid_credentials", method: "password" } },
      ]),
    );
    expect(failures).toHaveLength(2);
    // What was typed into the email field never lands in a throttle key either.
    expect(await db.authThrottle.count({ where: { key: { contains: "nobody" } } })).toBe(0);
  });

  it("the email is case-insensitive and trimmed", async () => {
    const user = await createUser({ email: `alice-${lastHost}@example.test` });
    const result = await signIn(`  ${user.email.toUpperCase()} `, PASSWORD, newAddress());
    expect(result).toMatchObject({ ok: true, userId: user.id });
  });
});

describe("sign-in throttling", { timeout: 60_000 }, () => {
  it("5 failures for one email block it, even with the right password, and tell its owner once", async () => {
    const user = await createUser();
    const from = newAddress();
    await failTimes(5, user.email, from);

    expect(await signIn(user.email, PASSWORD, from)).toEqual({ ok: false, code: "throttled" });
    expect(await signIn(user.email, PASSWORD, newAddress())).toEqual({ ok: false, code: "throttled" });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "auth.sign_in_blocked" } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { to: user.email, subject: { contains: "paused" } } })).toBe(1);
  });

  it("4 failures do not block", async () => {
    const user = await createUser();
    const from = newAddress();
    await failTimes(4, user.email, from);
    expect(await signIn(user.email, PASSWORD, from)).toMatchObject({ ok: true });
  });

  it("a blocked email does not affect other emails from the same address", async () => {
    const blocked = await createUser();
    const other = await createUser();
    const from = newAddress();
    await failTimes(5, blocked.email, from);
    expect(await signIn(other.email, PASSWORD, from)).toMatchObject({ ok: true, userId: other.id });
  });

  it("failures older than 15 minutes no longer count", async () => {
    const user = await createUser();
    const from = newAddress();
    await failTimes(4, user.email, from);
    const longAgo = new Date(Date.now() - 15 * 60_000 - 1_000);
    await db.authThrottle.update({ where: { key: `email:${emailKeyHash(user.email)}` }, data: { attempts: Array(4).fill(longAgo) } });
    await failTimes(1, user.email, from);
    expect(await signIn(user.email, PASSWORD, from)).toMatchObject({ ok: true });
  });

  it("a successful sign-in is not counted, and does not reset the count either", async () => {
    const user = await createUser();
    const from = newAddress();
    await failTimes(4, user.email, from);
    expect(await signIn(user.email, PASSWORD, from)).toMatchObject({ ok: true });
    await failTimes(1, user.email, from);
    expect(await signIn(user.email, PASSWORD, from)).toEqual({ ok: false, code: "throttled" });
  });

  it("30 failures from one IP address block it for every email; other addresses still sign in", async () => {
    const user = await createUser();
    const from = newAddress();
    for (let i = 0; i < 29; i++) await failTimes(1, `guess-${i}-${lastHost}@example.test`, from);
    expect(await signIn(user.email, PASSWORD, from)).toMatchObject({ ok: true });

    await failTimes(1, `guess-last-${lastHost}@example.test`, from);

    expect(await signIn(user.email, PASSWORD, from)).toEqual({ ok: false, code: "throttled" });
    expect(await signIn(user.email, PASSWORD, newAddress())).toMatchObject({ ok: true });
  });
});

describe("the step after a correct password", { timeout: 60_000 }, () => {
  const TEN_MINUTES = 10 * 60_000;
  const loginEmails = (to: string) => db.outboxMessage.findMany({ where: { to, subject: "Your Tessera sign-in code" } });

  it("with an active authenticator: a pending two_factor sign-in for 10 minutes, not yet verified", async () => {
    const user = await createUser();
    await enrolTotp(user.id);

    const session = await sessionOf(await signIn(user.email, PASSWORD, newAddress()));

    expect(session).toMatchObject({ pendingStep: "two_factor", verifiedAt: null });
    expect(session.pendingUntil!.getTime() - session.createdAt.getTime()).toBe(TEN_MINUTES);
    // The password step is not a sign-in yet.
    expect(await signInEvents({ actorId: user.id })).toHaveLength(0);
    const [event] = await db.auditEvent.findMany({ where: { actorId: user.id, type: "auth.password_verified" } });
    expect(event?.metadata).toEqual({ sessionId: session.id, method: "password", next: "two_factor" });
  });

  it("with email login verification and a verified email: a pending email_code sign-in and a 6-digit code by email", async () => {
    const user = await createUser();
    await db.user.update({ where: { id: user.id }, data: { emailLoginVerification: true } });

    const session = await sessionOf(await signIn(user.email, PASSWORD, newAddress()));

    expect(session).toMatchObject({ pendingStep: "email_code", verifiedAt: null });
    expect(session.pendingUntil!.getTime() - session.createdAt.getTime()).toBe(TEN_MINUTES);
    const emails = await loginEmails(user.email);
    expect(emails).toHaveLength(1);
    const code = emails[0]!.text.match(/^\d{6}$/m)?.[0];
    expect(code).toBeDefined();
    // It is this sign-in's code: it completes the pending session.
    const verified = await verifySecondFactor({ userId: user.id, sessionId: session.id, method: "email_code", code: code!, purpose: "sign_in" }, context);
    expect(verified).toEqual({ ok: true, method: "email_code", sessionId: expect.any(String) });
  });

  it("with email login verification and TOTP: only the authenticator is asked for", async () => {
    const user = await createUser();
    await db.user.update({ where: { id: user.id }, data: { emailLoginVerification: true } });
    await enrolTotp(user.id);

    const session = await sessionOf(await signIn(user.email, PASSWORD, newAddress()));

    expect(session.pendingStep).toBe("two_factor");
    expect(await loginEmails(user.email)).toHaveLength(0);
    expect(await db.oneTimeCode.count({ where: { userId: user.id } })).toBe(0);
  });

  it("an account whose address is not verified yet does not sign in, and fails like a wrong password", async () => {
    const user = await createUser({ emailVerified: false });
    const from = newAddress();

    expect(await signIn(user.email, PASSWORD, from)).toEqual({ ok: false, code: "invalid_credentials" });
    expect(await signIn(user.email, "not the password", from)).toEqual({ ok: false, code: "invalid_credentials" });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    // Counted like a wrong password, so the throttle answers alike for an address that had an account.
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordFailureStreak).toBe(2);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "auth.sign_in", outcome: "failure" } })).toBe(2);
  });
});

describe("emails about sign-ins", { timeout: 60_000 }, () => {
  const newSignInEmails = (to: string) => db.outboxMessage.count({ where: { to, subject: "New sign-in to your Tessera account" } });
  const browserA = "a".repeat(32);
  const browserB = "b".repeat(32);

  it("a sign-in from a browser never seen before is emailed; the first sign-in ever and a known browser are not", async () => {
    const user = await createUser();
    const from = newAddress();
    expect(await signInWithPassword({ email: user.email, password: PASSWORD, deviceId: browserA }, from)).toMatchObject({ ok: true });
    expect(await newSignInEmails(user.email)).toBe(0);
    await signInWithPassword({ email: user.email, password: PASSWORD, deviceId: browserA }, from);
    expect(await newSignInEmails(user.email)).toBe(0);
    await signInWithPassword({ email: user.email, password: PASSWORD, deviceId: browserB }, from);
    expect(await newSignInEmails(user.email)).toBe(1);
    // Only a hash of the device cookie is kept.
    expect(await db.session.count({ where: { userId: user.id, deviceHash: browserA } })).toBe(0);
  });

  it("after the second step too: a browser never seen before is emailed, a known one is not", async () => {
    const user = await createUser();
    const { secret } = await enrolTotp(user.id, new Date(Date.now() - 5 * 60_000));
    const from = newAddress();
    const signInWithCode = async (deviceId: string, at: Date) => {
      const pending = await sessionOf(await signInWithPassword({ email: user.email, password: PASSWORD, deviceId }, from));
      const live = await findLiveSession(pending.id);
      return passSignInChallenge(live as PendingSession, { method: "totp", code: generateTotp(secret, at) }, from);
    };
    // Steps already used cannot pass again: each sign-in takes the next one of the window.
    const now = Date.now();
    // (The enrolment's own session came from no known browser, so the first one is news.)
    expect(await signInWithCode(browserA, new Date(now - 30_000))).toMatchObject({ sessionId: expect.any(String) });
    const first = await newSignInEmails(user.email);
    await signInWithCode(browserA, new Date(now));
    expect(await newSignInEmails(user.email)).toBe(first);
    await signInWithCode(browserB, new Date(now + 30_000));
    expect(await newSignInEmails(user.email)).toBe(first + 1);
  });

  it("the first wrong code after a correct password is emailed once per sign-in", async () => {
    const user = await createUser();
    await enrolTotp(user.id);
    const result = await signIn(user.email, PASSWORD, newAddress());
    const sessionId = result.ok ? result.sessionId : "";
    for (let i = 0; i < 3; i++) await verifySecondFactor({ userId: user.id, sessionId, method: "totp", code: "000000", purpose: "sign_in" }, context);
    expect(await db.outboxMessage.count({ where: { to: user.email, subject: { contains: "wrong two-factor code" } } })).toBe(1);
  });
});
