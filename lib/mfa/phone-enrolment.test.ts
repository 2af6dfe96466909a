import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context, createUser, enrolTotp, openSession, sudoActor } from "@/test/factories";
import { enrolPhone, lastPhoneCode, outboxCount, phone } from "@/test/phone";
import { removeFactor } from "./factor-changes";
import { openPhone } from "./phone-factors";
import { sendEnrolmentCode, startPhoneEnrolment, verifyPhoneEnrolment } from "./phone-enrolment";
import { makePrimaryPhone } from "./phone-roles";

const T0 = new Date(Date.UTC(2026, 5, 1, 10));
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const JP = phone("+81 90-1234-5678");
const DE = phone("+49 151 23456789");
const US = phone("+1 (415) 555-2671");
const otherThan = (code: string) => (code === "000000" ? "111111" : "000000");
const rejectsWith = (promise: Promise<unknown>, code: string) => expect(promise).rejects.toMatchObject({ name: "AppError", code });

/** A person who started adding `number` at T0 from a session in sudo mode. */
async function started(number = JP, options: { channel?: "sms" | "voice"; fallback?: boolean } = {}) {
  const user = await createUser();
  const actor = await sudoActor(user.id, T0);
  const enrolment = await startPhoneEnrolment(actor, { phone: number, channel: options.channel ?? "sms", fallback: options.fallback ?? false }, context, T0);
  return { user, actor, enrolment };
}

describe("adding a number", { timeout: 60_000 }, () => {
  it("keeps it pending, sealed and masked, and texts it a code in the person's language", async () => {
    const { user, enrolment } = await started();
    expect(enrolment).toMatchObject({ phone: "+81 90 1234 5678", channel: "sms", fallback: false, refusal: null, sent: { retryAt: at(30) } });
    const factor = await db.twoFactorFactor.findUniqueOrThrow({ where: { id: enrolment.factorId } });
    expect(factor).toMatchObject({ userId: user.id, type: "sms", status: "pending", phoneHint: "78", fallback: false });
    expect(factor.phoneEncrypted).not.toContain("9012345678");
    expect(openPhone(factor)).toBe("+819012345678");
    // Sealed for this row only.
    expect(() => openPhone({ ...factor, id: crypto.randomUUID() })).toThrow();
    const message = await db.outboxMessage.findFirstOrThrow({ where: { to: JP.e164 } });
    expect(message).toMatchObject({ channel: "sms", subject: "Text message" });
    expect(message.text).toMatch(/^Your Tessera code is \d{6}\. It expires in 10 minutes\. Never share it\.\n\n@localhost:\d+ #\d{6}$/);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "phone.added" } })).toBe(1);
    expect(await db.auditEvent.findFirst({ where: { subjectId: user.id, type: "phone.code_sent" } })).toMatchObject({
      metadata: { channel: "sms", purpose: "phone_verify", factorId: enrolment.factorId, number: "78" },
    });
  });

  it("calls instead when asked, reading the code in the person's language", async () => {
    const user = await createUser();
    await db.user.update({ where: { id: user.id }, data: { locale: "de" } });
    const actor = await sudoActor(user.id, T0);
    await startPhoneEnrolment(actor, { phone: DE, channel: "voice", fallback: false }, context, T0);
    const call = await db.outboxMessage.findFirstOrThrow({ where: { to: DE.e164 } });
    expect(call).toMatchObject({ channel: "voice", subject: "Anruf" });
    expect(call.text).toMatch(/^Hallo, hier ist Tessera\. Ihr Bestätigungscode lautet: (\d \d \d \d \d \d)\nNoch einmal, Ihr Code lautet: \1\n/);
    expect(call.html).toContain('<Say voice="Polly.Vicki" language="de-DE">');
  });

  it("verifies it with the code: active, a factor added, Every login, recovery codes once", async () => {
    const { user, actor, enrolment } = await started(US);
    const result = await verifyPhoneEnrolment(actor, { factorId: enrolment.factorId, code: await lastPhoneCode(US.e164) }, context, at(5));
    expect(result.recoveryCodes).toHaveLength(16);
    expect(result).toMatchObject({ fallback: false, hint: "71" });
    expect(await db.twoFactorFactor.findUniqueOrThrow({ where: { id: enrolment.factorId } })).toMatchObject({ status: "active", confirmedAt: at(5) });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ twoFactorLevel: "every_login", preferredFactorId: enrolment.factorId, lastFactorType: "sms" });
    expect(await db.auditEvent.findFirst({ where: { subjectId: user.id, type: "two_factor.enabled" } })).toMatchObject({ metadata: { factor: "sms", factorId: enrolment.factorId, number: "71" } });
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(16);
    // The code worked once.
    await rejectsWith(verifyPhoneEnrolment(actor, { factorId: enrolment.factorId, code: await lastPhoneCode(US.e164) }, context, at(6)), "enrolment_expired");
  });

  it("needs sudo to start and to send again", async () => {
    const user = await createUser();
    const session = await openSession(user.id, null, T0);
    await db.session.update({ where: { id: session.id }, data: { verifiedAt: null } });
    const actor = { userId: user.id, sessionId: session.id };
    const number = phone("+81 80-2222-3344");
    await rejectsWith(startPhoneEnrolment(actor, { phone: number, channel: "sms", fallback: false }, context, T0), "sudo_required");
    expect(await db.twoFactorFactor.count({ where: { userId: user.id } })).toBe(0);
    expect(await outboxCount(number.e164)).toBe(0);

    const { actor: starter, enrolment } = await started(phone("+81 80-2222-3355"));
    // 16 minutes later the sudo window of the session that started is over.
    await rejectsWith(sendEnrolmentCode(starter, { factorId: enrolment.factorId, channel: "sms" }, context, at(16 * 60)), "sudo_required");
  });

  it("takes the code only from the session that asked for it", async () => {
    const { user, enrolment } = await started();
    const elsewhere = await sudoActor(user.id, T0);
    await rejectsWith(verifyPhoneEnrolment(elsewhere, { factorId: enrolment.factorId, code: await lastPhoneCode(JP.e164) }, context, at(5)), "invalid_code");
  });

  it("refuses a code after 10 minutes, and the pending number after 30", async () => {
    const { actor, enrolment } = await started();
    const code = await lastPhoneCode(JP.e164);
    await rejectsWith(verifyPhoneEnrolment(actor, { factorId: enrolment.factorId, code }, context, at(601)), "invalid_code");
    const later = await sudoActor(actor.userId, at(1801));
    await rejectsWith(sendEnrolmentCode(later, { factorId: enrolment.factorId, channel: "sms" }, context, at(1801)), "enrolment_expired");
  });
});

describe("wrong codes while verifying a number", { timeout: 120_000 }, () => {
  it("5 at most per pending number, and sending a new code does not reset the count", async () => {
    const { user, actor, enrolment } = await started();
    const first = await lastPhoneCode(JP.e164);
    for (const [i, left] of [[1, 4], [2, 3], [3, 2]] as const) {
      await expect(verifyPhoneEnrolment(actor, { factorId: enrolment.factorId, code: otherThan(first) }, context, at(i))).rejects.toMatchObject({ code: "invalid_code", details: { attemptsLeft: left } });
    }
    await sendEnrolmentCode(actor, { factorId: enrolment.factorId, channel: "voice" }, context, at(40));
    const second = await lastPhoneCode(JP.e164);
    // The first code was retired by the second.
    if (first !== second) await rejectsWith(verifyPhoneEnrolment(actor, { factorId: enrolment.factorId, code: first }, context, at(41)), "invalid_code");
    else await rejectsWith(verifyPhoneEnrolment(actor, { factorId: enrolment.factorId, code: otherThan(second) }, context, at(41)), "invalid_code");
    await rejectsWith(verifyPhoneEnrolment(actor, { factorId: enrolment.factorId, code: otherThan(second) }, context, at(42)), "phone_verify_over");
    // The right code no longer helps: the number must be started again.
    await rejectsWith(verifyPhoneEnrolment(actor, { factorId: enrolment.factorId, code: second }, context, at(43)), "phone_verify_over");
    expect(await db.twoFactorFactor.findUniqueOrThrow({ where: { id: enrolment.factorId } })).toMatchObject({ status: "pending" });
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "phone.verify_failed" } })).toBe(5);
  });

  it("50 racing wrong codes: at most 5 are checked, then the right one is refused", async () => {
    const { user, actor, enrolment } = await started();
    const code = await lastPhoneCode(JP.e164);
    const wrong = (i: number) => (String(i).padStart(6, "0") === code ? "999999" : String(i).padStart(6, "0"));
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => verifyPhoneEnrolment(actor, { factorId: enrolment.factorId, code: wrong(i) }, context, at(5))));
    expect(results.every((result) => result.status === "rejected")).toBe(true);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "phone.verify_failed" } })).toBe(5);
    await rejectsWith(verifyPhoneEnrolment(actor, { factorId: enrolment.factorId, code }, context, at(6)), "phone_verify_over");
  });

  it("50 racing right codes: exactly one verifies the number", async () => {
    const { user, actor, enrolment } = await started();
    const code = await lastPhoneCode(JP.e164);
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => verifyPhoneEnrolment(actor, { factorId: enrolment.factorId, code }, context, at(5))));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "two_factor.enabled" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "phone.verify_failed" } })).toBe(0);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(16);
  });
});

describe("one main number and one fallback", { timeout: 60_000 }, () => {
  it("a fallback needs another method first", async () => {
    const user = await createUser();
    const actor = await sudoActor(user.id, T0);
    await rejectsWith(startPhoneEnrolment(actor, { phone: DE, channel: "sms", fallback: true }, context, T0), "fallback_needs_factor");
    await enrolTotp(user.id, T0);
    const enrolment = await startPhoneEnrolment(actor, { phone: DE, channel: "sms", fallback: true }, context, T0);
    const result = await verifyPhoneEnrolment(actor, { factorId: enrolment.factorId, code: await lastPhoneCode(DE.e164) }, context, at(1));
    // The authenticator's recovery codes stay; none are made again.
    expect(result).toMatchObject({ fallback: true, recoveryCodes: null });
  });

  it("adds a fallback beside the main number, refuses the same number twice, and swaps them on request", async () => {
    const user = await createUser();
    const main = await enrolPhone(user.id, T0);
    const actor = await sudoActor(user.id, at(30));
    await rejectsWith(startPhoneEnrolment(actor, { phone: phone("+81 (90) 1234 5678"), channel: "voice", fallback: true }, context, at(30)), "phone_same_number");
    const fallback = await startPhoneEnrolment(actor, { phone: DE, channel: "voice", fallback: true }, context, at(30));
    await verifyPhoneEnrolment(actor, { factorId: fallback.factorId, code: await lastPhoneCode(DE.e164) }, context, at(31));
    const active = await db.twoFactorFactor.findMany({ where: { userId: user.id, status: "active" }, orderBy: { fallback: "asc" } });
    expect(active.map((factor) => [factor.id, factor.type, factor.fallback])).toEqual([
      [main.factorId, "sms", false],
      [fallback.factorId, "voice", true],
    ]);
    // The first number stays preferred.
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ preferredFactorId: main.factorId });

    await makePrimaryPhone(actor, fallback.factorId, context, at(32));
    const swapped = await db.twoFactorFactor.findMany({ where: { userId: user.id, status: "active" }, orderBy: { fallback: "asc" } });
    expect(swapped.map((factor) => [factor.id, factor.fallback])).toEqual([
      [fallback.factorId, false],
      [main.factorId, true],
    ]);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "phone.made_primary" } })).toBe(1);
  });

  it("a new main number replaces the old one only once verified", async () => {
    const user = await createUser();
    const old = await enrolPhone(user.id, T0);
    const actor = await sudoActor(user.id, at(30));
    const next = await startPhoneEnrolment(actor, { phone: US, channel: "sms", fallback: false }, context, at(30));
    expect(await db.twoFactorFactor.findUniqueOrThrow({ where: { id: old.factorId } })).toMatchObject({ status: "active" });
    await verifyPhoneEnrolment(actor, { factorId: next.factorId, code: await lastPhoneCode(US.e164) }, context, at(31));
    expect(await db.twoFactorFactor.findUnique({ where: { id: old.factorId } })).toBeNull();
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ preferredFactorId: next.factorId, twoFactorLevel: "every_login" });
    expect(await db.auditEvent.findFirst({ where: { subjectId: user.id, type: "two_factor.factor_removed" } })).toMatchObject({ metadata: { factorId: old.factorId, replacedBy: next.factorId } });
  });

  it("is removed with removeFactor: the last one only after confirmation, which turns 2FA off", async () => {
    const user = await createUser();
    const { factorId } = await enrolPhone(user.id, T0);
    const actor = await sudoActor(user.id, at(1));
    await rejectsWith(removeFactor(actor, { factorId }, context, at(1)), "last_factor_confirm");
    await expect(removeFactor(actor, { factorId, confirmLast: true }, context, at(2))).resolves.toMatchObject({ twoFactorOff: true, removed: { type: "sms", hint: "78" } });
    expect(await db.twoFactorFactor.count({ where: { userId: user.id } })).toBe(0);
  });
});
