import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context, createUser, openSession } from "@/test/factories";
import { sendLoginCode } from "./login-code";
import { verifySecondFactor } from "./verify-second-factor";

const T0 = new Date(Date.UTC(2026, 5, 1, 10));
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const at = (ms: number) => new Date(T0.getTime() + ms);

/** A person mid-sign-in, waiting for an emailed code (the session was opened at T0). */
async function signingIn() {
  const user = await createUser();
  const session = await openSession(user.id, "email_code", T0);
  return { user, session };
}

type SigningIn = Awaited<ReturnType<typeof signingIn>>;

/** Sends a code at `now` and returns the one in the email that send produced. */
async function sendAndRead({ user, session }: SigningIn, now: Date): Promise<string> {
  const seen = new Set((await db.outboxMessage.findMany({ where: { to: user.email }, select: { id: true } })).map((m) => m.id));
  await sendLoginCode(user.id, session.id, context, now);
  const fresh = (await db.outboxMessage.findMany({ where: { to: user.email } })).filter((m) => !seen.has(m.id));
  expect(fresh).toHaveLength(1);
  const code = fresh[0]!.text.match(/^\d{6}$/m)?.[0];
  if (!code) throw new Error(`no 6-digit code in: ${fresh[0]!.text}`);
  return code;
}

const verify = ({ user, session }: SigningIn, code: string, now: Date) =>
  verifySecondFactor({ userId: user.id, sessionId: session.id, method: "email_code", code, purpose: "sign_in" }, context, now);

const otherThan = (code: string) => (code === "000000" ? "111111" : "000000");
const rejectsWith = (promise: Promise<unknown>, code: string) => expect(promise).rejects.toMatchObject({ name: "AppError", code });

describe("sendLoginCode", { timeout: 30_000 }, () => {
  it("stores the code only as an HMAC", async () => {
    const person = await signingIn();
    const code = await sendAndRead(person, T0);

    const rows = await db.$queryRaw<{ json: string }[]>`SELECT row_to_json(c)::text AS json FROM "OneTimeCode" c WHERE "userId" = ${person.user.id}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.json).not.toContain(code);
    const row = await db.oneTimeCode.findFirstOrThrow({ where: { userId: person.user.id } });
    expect(row.codeHash).toMatch(/^[A-Za-z0-9_-]{43}$/); // a SHA-256 digest, base64url
    expect(row).toMatchObject({ sessionId: person.session.id, purpose: "sign_in", channel: "email", usedAt: null });
  });

  it("expires 10 minutes after it is sent", async () => {
    const person = await signingIn();
    await sendAndRead(person, at(MINUTE));
    const row = await db.oneTimeCode.findFirstOrThrow({ where: { userId: person.user.id } });
    expect(row.expiresAt).toEqual(at(11 * MINUTE));
  });

  it("refuses a second send within 30 seconds", async () => {
    const person = await signingIn();
    await sendAndRead(person, T0);

    await rejectsWith(sendLoginCode(person.user.id, person.session.id, context, at(30 * SECOND - 1)), "send_throttled");
    await sendAndRead(person, at(30 * SECOND));

    expect(await db.oneTimeCode.count({ where: { userId: person.user.id } })).toBe(2);
    expect(await db.auditEvent.count({ where: { actorId: person.user.id, type: "login_code.throttled", outcome: "failure" } })).toBe(1);
  });

  it("refuses a 6th send within an hour, even 30 seconds apart", async () => {
    const person = await signingIn();
    for (let i = 0; i < 5; i++) await sendAndRead(person, at(i * 30 * SECOND));

    await rejectsWith(sendLoginCode(person.user.id, person.session.id, context, at(5 * 30 * SECOND)), "send_throttled");
    await rejectsWith(sendLoginCode(person.user.id, person.session.id, context, at(59 * MINUTE)), "send_throttled");
    // Once the first send is over an hour old, there is room again.
    await sendAndRead(person, at(60 * MINUTE + SECOND));
  });

  it("5 concurrent sends at the same instant: exactly one goes out", async () => {
    const { user, session } = await signingIn();

    const results = await Promise.allSettled(Array.from({ length: 5 }, () => sendLoginCode(user.id, session.id, context, T0)));

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toMatchObject({ name: "AppError", code: "send_throttled" });
    }
    expect(await db.oneTimeCode.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { to: user.email } })).toBe(1);
  });
});

describe("an emailed code at the sign-in challenge", { timeout: 30_000 }, () => {
  it("the right code passes, once", async () => {
    const person = await signingIn();
    const code = await sendAndRead(person, T0);

    const result = await verify(person, code, at(MINUTE));
    expect(result).toEqual({ ok: true, method: "email_code", sessionId: expect.any(String) });
    const opened = await db.session.findUniqueOrThrow({ where: { id: result.ok ? result.sessionId! : "" } });
    expect(opened).toMatchObject({ pendingStep: null, verifiedAt: at(MINUTE), previousId: person.session.id });

    // Put the session back in its challenge: the used code must still be refused, as used.
    await db.session.update({ where: { id: person.session.id }, data: { pendingStep: "email_code", pendingUntil: at(10 * MINUTE), revokedAt: null } });
    expect(await verify(person, code, at(2 * MINUTE))).toMatchObject({ ok: false, code: "code_used" });
  });

  it("sending a new code invalidates the previous one", async () => {
    const person = await signingIn();
    const first = await sendAndRead(person, T0);
    const second = await sendAndRead(person, at(30 * SECOND));

    // One time in a million the two random codes are equal; then there is nothing to refuse.
    if (first !== second) expect(await verify(person, first, at(MINUTE))).toMatchObject({ ok: false, code: "invalid_code" });
    expect(await db.oneTimeCode.count({ where: { userId: person.user.id, expiresAt: { gt: at(MINUTE) } } })).toBe(1);
    expect(await verify(person, second, at(MINUTE))).toMatchObject({ ok: true });
  });

  it("a code is refused 10 minutes after it was sent", async () => {
    // The sign-in itself is given an hour, so only the code's own lifetime is under test.
    const late = await signingIn();
    await db.session.update({ where: { id: late.session.id }, data: { pendingUntil: at(60 * MINUTE) } });
    const lateCode = await sendAndRead(late, T0);
    expect(await verify(late, lateCode, at(10 * MINUTE))).toMatchObject({ ok: false, code: "invalid_code" });

    const justInTime = await signingIn();
    await db.session.update({ where: { id: justInTime.session.id }, data: { pendingUntil: at(60 * MINUTE) } });
    const code = await sendAndRead(justInTime, T0);
    expect(await verify(justInTime, code, at(10 * MINUTE - 1))).toMatchObject({ ok: true });
  });

  it("a resend does not reset the challenge's failure count", async () => {
    const person = await signingIn();
    const first = await sendAndRead(person, T0);
    for (let i = 0; i < 2; i++) expect(await verify(person, otherThan(first), at(10 * SECOND))).toMatchObject({ ok: false, code: "invalid_code" });

    const second = await sendAndRead(person, at(30 * SECOND));

    expect((await db.session.findUniqueOrThrow({ where: { id: person.session.id } })).challengeFailures).toBe(2);
    for (let i = 0; i < 2; i++) expect(await verify(person, otherThan(second), at(40 * SECOND))).toMatchObject({ ok: false, code: "invalid_code" });
    expect(await verify(person, otherThan(second), at(40 * SECOND))).toEqual({ ok: false, code: "challenge_over" });
    // The challenge is over: even the right code no longer helps.
    expect(await verify(person, second, at(41 * SECOND))).toMatchObject({ ok: false });
  });
});
