import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context, createUser, enrolTotp, openSession } from "@/test/factories";
import { enrolPhone, lastPhoneCode, outboxCount } from "@/test/phone";
import { sendLoginCode } from "./login-code";
import { sendChallengeCode } from "./phone-codes";
import { verifySecondFactor } from "./verify-second-factor";

/**
 * Codes by text and call at the sign-in and sudo challenges (rules 3, 4 and 6). On PostgreSQL
 * (TEST_DATABASE_URL, as in CI) the racing requests really run at once over a pool of
 * connections; on PGlite they interleave on one.
 */
const T0 = new Date(Date.UTC(2026, 6, 1, 9));
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const RACERS = 50;
const otherThan = (code: string) => (code === "000000" ? "111111" : "000000");
const rejectsWith = (promise: Promise<unknown>, code: string) => expect(promise).rejects.toMatchObject({ name: "AppError", code });

/** A person with a verified number (enrolled at T0, which used a send) and a sign-in waiting for its second step. */
async function signingIn(options: { number?: string; channel?: "sms" | "voice" } = {}) {
  const user = await createUser();
  const phone = await enrolPhone(user.id, T0, options);
  const session = await openSession(user.id, "two_factor", at(60));
  return { user, phone, session };
}

type Person = Awaited<ReturnType<typeof signingIn>>;

/** The person signed in (a session not in sudo mode) with their number as their only factor. */
async function signedInPerson(options: { withTotp?: boolean } = {}) {
  const user = await createUser();
  if (options.withTotp) await enrolTotp(user.id, T0);
  const phone = await enrolPhone(user.id, T0, { number: "+49 151 23456789", channel: "voice", fallback: options.withTotp });
  const session = await openSession(user.id, null, at(60));
  await db.session.update({ where: { id: session.id }, data: { verifiedAt: null } });
  return { user, phone, session };
}


const send = ({ user, phone, session }: Person, now: Date, channel: "sms" | "voice" = "sms", purpose: "sign_in" | "sudo" = "sign_in") =>
  sendChallengeCode({ userId: user.id, sessionId: session.id, factorId: phone.factorId, channel, purpose }, context, now);

const verify = ({ user, phone, session }: Person, code: string, now: Date, method: "sms" | "voice" = "sms", purpose: "sign_in" | "sudo" = "sign_in") =>
  verifySecondFactor({ userId: user.id, sessionId: session.id, method, code, factorId: phone.factorId, purpose }, context, now);

const signedIn = (userId: string) => db.session.count({ where: { userId, pendingStep: null, revokedAt: null } });

describe("a code by text at sign-in", { timeout: 60_000 }, () => {
  it("passes the challenge once, bound to this sign-in and this number", async () => {
    const person = await signingIn();
    await expect(send(person, at(60))).resolves.toEqual({ retryAt: at(90) });
    const code = await lastPhoneCode(person.phone.e164);
    const row = await db.oneTimeCode.findFirstOrThrow({ where: { userId: person.user.id, purpose: "sign_in" } });
    expect(row).toMatchObject({ sessionId: person.session.id, factorId: person.phone.factorId, channel: "sms", expiresAt: at(660), usedAt: null });
    expect(row.codeHash).not.toContain(code);

    // Another pending sign-in of the same person, or another number, cannot use it.
    const other = await openSession(person.user.id, "two_factor", at(60));
    expect(await verify({ ...person, session: other }, code, at(61))).toMatchObject({ ok: false, code: "invalid_code" });
    expect(await verify({ ...person, phone: { ...person.phone, factorId: crypto.randomUUID() } }, code, at(61))).toMatchObject({ ok: false, code: "invalid_code" });

    expect(await verify(person, code, at(62))).toMatchObject({ ok: true, method: "sms" });
    expect(await db.oneTimeCode.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ usedAt: at(62) });
    expect(await db.auditEvent.findFirst({ where: { subjectId: person.user.id, type: "auth.sign_in" } })).toMatchObject({ metadata: { method: "sms" } });
  });

  it("works only while it is the newest: asking again retires the earlier code", async () => {
    const person = await signingIn();
    await send(person, at(60));
    const first = await lastPhoneCode(person.phone.e164);
    await send(person, at(90), "voice");
    const second = await lastPhoneCode(person.phone.e164);
    if (first !== second) expect(await verify(person, first, at(91))).toMatchObject({ ok: false, code: "invalid_code" });
    // "Call me instead" for a texting number: the call's code passes as method "voice".
    expect(await verify(person, second, at(92), "voice")).toMatchObject({ ok: true, method: "voice" });
  });

  it("stops working when the number is removed meanwhile", async () => {
    const person = await signingIn();
    await send(person, at(60));
    const code = await lastPhoneCode(person.phone.e164);
    await db.twoFactorFactor.delete({ where: { id: person.phone.factorId } });
    expect(await verify(person, code, at(61))).toMatchObject({ ok: false });
    expect(await signedIn(person.user.id)).toBe(0);
  });

  it(`${RACERS} racing uses of one text code: exactly one succeeds`, async () => {
    const person = await signingIn();
    await send(person, at(60));
    const code = await lastPhoneCode(person.phone.e164);
    const results = await Promise.all(Array.from({ length: RACERS }, () => verify(person, code, at(61))));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await signedIn(person.user.id)).toBe(1);
    expect(await db.auditEvent.count({ where: { subjectId: person.user.id, type: "auth.sign_in" } })).toBe(1);
    // A lost race is not a wrong code: nothing was counted against the person.
    expect(await db.auditEvent.count({ where: { subjectId: person.user.id, type: "two_factor.challenge_failed" } })).toBe(0);
  });

  it("resending does not reset the failure count: the fifth wrong code ends the sign-in, even after a new code", async () => {
    const person = await signingIn();
    await send(person, at(60));
    const first = await lastPhoneCode(person.phone.e164);
    for (let i = 0; i < 4; i++) expect(await verify(person, otherThan(first), at(61 + i))).toMatchObject({ ok: false, code: "invalid_code" });
    await send(person, at(100), "voice");
    const second = await lastPhoneCode(person.phone.e164);
    expect(await verify(person, otherThan(second), at(101), "voice")).toMatchObject({ ok: false, code: "challenge_over" });
    expect(await verify(person, second, at(102), "voice")).toMatchObject({ ok: false, code: "sign_in_expired" });
    expect(await signedIn(person.user.id)).toBe(0);
    expect(await db.auditEvent.count({ where: { subjectId: person.user.id, type: "two_factor.challenge_failed" } })).toBe(5);
  });
});

describe("a code by call for sudo", { timeout: 60_000 }, () => {
  it(`${RACERS} racing uses of one call code: exactly one grants sudo`, async () => {
    const person = await signedInPerson();
    await send(person, at(60), "voice", "sudo");
    const code = await lastPhoneCode(person.phone.e164);
    const results = await Promise.all(Array.from({ length: RACERS }, () => verify(person, code, at(61), "voice", "sudo")));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await db.session.findUniqueOrThrow({ where: { id: person.session.id } })).toMatchObject({ verifiedAt: at(61), verifiedMethod: "voice" });
    expect(await db.auditEvent.count({ where: { subjectId: person.user.id, type: "sudo.granted" } })).toBe(1);
  });

  it("resending does not reset the failure count at the sudo prompt", async () => {
    const person = await signedInPerson();
    await send(person, at(60), "voice", "sudo");
    const first = await lastPhoneCode(person.phone.e164);
    for (let i = 0; i < 4; i++) expect(await verify(person, otherThan(first), at(61 + i), "voice", "sudo")).toMatchObject({ ok: false, code: "invalid_code" });
    await send(person, at(100), "voice", "sudo");
    const second = await lastPhoneCode(person.phone.e164);
    expect(await verify(person, otherThan(second), at(101), "voice", "sudo")).toMatchObject({ ok: false, code: "challenge_over" });
    expect(await verify(person, second, at(102), "voice", "sudo")).toMatchObject({ ok: false, code: "challenge_over" });
    expect(await db.session.findUniqueOrThrow({ where: { id: person.session.id } })).toMatchObject({ verifiedAt: null });
  });

  it("lasts 10 minutes", async () => {
    const person = await signedInPerson();
    await send(person, at(60), "voice", "sudo");
    const code = await lastPhoneCode(person.phone.e164);
    expect(await verify(person, code, at(661), "voice", "sudo")).toMatchObject({ ok: false, code: "invalid_code" });
  });

  it("is neither sent nor accepted when an authenticator app could answer (rule 6)", async () => {
    const person = await signedInPerson({ withTotp: true });
    await rejectsWith(send(person, at(60), "voice", "sudo"), "stronger_factor_required");
    expect(await db.oneTimeCode.count({ where: { userId: person.user.id, purpose: "sudo" } })).toBe(0);
    expect(await verify(person, "123456", at(61), "voice", "sudo")).toMatchObject({ ok: false, code: "stronger_factor_required" });
  });

  it("is sent only for a live challenge of the person", async () => {
    const person = await signedInPerson();
    await rejectsWith(send(person, at(60), "sms", "sign_in"), "sign_in_expired");
    const stranger = await createUser();
    await rejectsWith(sendChallengeCode({ userId: stranger.id, sessionId: person.session.id, factorId: person.phone.factorId, channel: "sms", purpose: "sudo" }, context, at(60)), "sign_in_expired");
    const theirs = await openSession(stranger.id, null, at(60));
    await rejectsWith(sendChallengeCode({ userId: stranger.id, sessionId: theirs.id, factorId: person.phone.factorId, channel: "sms", purpose: "sudo" }, context, at(60)), "factor_not_found");
  });
});

describe("the send throttle (rule 4: one per 30 seconds, 5 an hour, per person)", { timeout: 120_000 }, () => {
  it(`${RACERS} racing sends: one code leaves, the others are refused with when to ask again`, async () => {
    const person = await signingIn();
    const before = await outboxCount(person.phone.e164);
    const results = await Promise.allSettled(Array.from({ length: RACERS }, (_, i) => send(person, at(60), i % 2 ? "voice" : "sms")));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results.filter((result) => result.status === "rejected")) {
      expect(result.reason).toMatchObject({ code: "send_throttled", details: { retryAt: at(90) } });
    }
    expect(await outboxCount(person.phone.e164)).toBe(before + 1);
    expect(await db.oneTimeCode.count({ where: { userId: person.user.id, purpose: "sign_in" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { subjectId: person.user.id, type: "phone.code_throttled" } })).toBe(RACERS - 1);
  });

  it(`${RACERS} racing sends spread over 25 minutes: no more than 5 in the hour leave`, async () => {
    const person = await signedInPerson();
    // The enrolment's code at T0 counts too: at most 4 more fit before T0 + 1 hour.
    const results = await Promise.allSettled(Array.from({ length: RACERS }, (_, i) => send(person, at(30 * (i + 2)), "voice", "sudo")));
    const sent = results.filter((result) => result.status === "fulfilled").length;
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(sent).toBeLessThanOrEqual(4);
    expect(await db.oneTimeCode.count({ where: { userId: person.user.id } })).toBe(sent + 1);
    const times = (await db.oneTimeCode.findMany({ where: { userId: person.user.id }, orderBy: { createdAt: "asc" } })).map((row) => row.createdAt.getTime());
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(30_000);
  });

  it("after 5 sends in an hour, says when the oldest leaves the hour", async () => {
    const person = await signingIn();
    for (const seconds of [60, 90, 120, 150]) await send(person, at(seconds));
    await expect(send(person, at(180))).rejects.toMatchObject({ code: "send_throttled", details: { retryAt: at(3600) } });
  });

  it("is shared with emailed sign-in codes", async () => {
    const user = await createUser();
    const emailSession = await openSession(user.id, "email_code", T0);
    await sendLoginCode(user.id, emailSession.id, context, T0);
    const phone = await enrolPhone(user.id, at(30));
    const session = await openSession(user.id, "two_factor", at(45));
    await rejectsWith(sendChallengeCode({ userId: user.id, sessionId: session.id, factorId: phone.factorId, channel: "sms", purpose: "sign_in" }, context, at(45)), "send_throttled");
    await rejectsWith(sendLoginCode(user.id, emailSession.id, context, at(50)), "send_throttled");
  });
});
