import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { fileRecoveryRequestAction } from "@/lib/actions/auth/recovery-request";
import { testBackend } from "@/test/db";
import { context, createUser, enrolTotp } from "@/test/factories";
import { redirectTarget } from "@/test/request";
import { fakeRequest, resetFakeRequest, signInAs } from "@/test/request-session";
import { fileRecoveryRequest } from "./recovery-request";
import { RECOVERY_REQUESTS_PER_DAY } from "./recovery-request-schema";

vi.mock("next/headers", () => import("@/test/request-session").then((module) => module.nextHeaders()));
vi.mock("@/lib/auth/session", () => import("@/test/request-session").then((module) => module.sessionModule()));

beforeEach(resetFakeRequest);

const MESSAGE = "I lost my phone with the authenticator app and my printed recovery codes in a move.";
const DAY_MS = 86_400_000;

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

/** A person with an authenticator whose sign-in passed the password and waits for the app. */
async function pendingPerson(locale?: "ja" | "de") {
  const user = await createUser();
  await enrolTotp(user.id);
  if (locale) await db.user.update({ where: { id: user.id }, data: { locale } });
  // Only the emails of the request count below, not the one about turning the app on.
  await db.outboxMessage.deleteMany({ where: { to: user.email } });
  const session = await signInAs(user.id, { pending: true });
  return { user, session };
}

/** Runs the action as the form posts it; a redirect comes back as its target. */
async function submit(fields: Record<string, string>) {
  try {
    return { state: await fileRecoveryRequestAction(form(fields)), redirectedTo: null };
  } catch (error) {
    const target = redirectTarget(error);
    if (!target) throw error;
    return { state: null, redirectedTo: target };
  }
}

const cases = (userId: string) => db.supportCase.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
const events = (userId: string, type: string) => db.auditEvent.findMany({ where: { subjectId: userId, type } });
const emailsTo = (to: string) => db.outboxMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" } });

describe("filing a recovery request", { timeout: 120_000 }, () => {
  it("opens a case from a pending sign-in, audited with its id, and leaves the sign-in pending", async () => {
    const { user, session } = await pendingPerson();
    const result = await submit({ contactEmail: "  Backup@Example.test ", message: `${MESSAGE}\r\nCall me on Monday.` });

    expect(result.redirectedTo).toBe("/sign-in/verify/recovery-request/filed");
    const [filed] = await cases(user.id);
    expect(filed).toMatchObject({ kind: "recovery_request", state: "open", contactEmail: "backup@example.test", message: `${MESSAGE}\nCall me on Monday.`, userAgent: "vitest" });
    const [opened] = await events(user.id, "support_case.opened");
    expect(opened).toMatchObject({ actorId: user.id, metadata: { caseId: filed!.id, kind: "recovery_request" } });
    const after = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(after).toMatchObject({ pendingStep: "two_factor", revokedAt: null, factorVerifiedAt: null });
  });

  it("is refused without a pending sign-in: signed out, fully signed in, or waiting for an email code", async () => {
    const user = await createUser();
    await enrolTotp(user.id);
    const fields = { contactEmail: user.email, message: MESSAGE };

    expect((await submit(fields)).state).toMatchObject({ code: "sign_in_expired" });
    await signInAs(user.id);
    expect((await submit(fields)).state).toMatchObject({ code: "sign_in_expired" });
    const emailStep = await db.$transaction((tx) => tx.session.create({ data: { userId: user.id, pendingStep: "email_code", pendingUntil: new Date(Date.now() + 600_000), expiresAt: new Date(Date.now() + 3_600_000) } }));
    fakeRequest.sessionId = emailStep.id;
    expect((await submit(fields)).state).toMatchObject({ code: "forbidden" });

    expect(await cases(user.id)).toEqual([]);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: { startsWith: "support_case." } } })).toBe(0);
  });

  it("refuses bad input with a message per field and writes nothing", async () => {
    const { user } = await pendingPerson();
    const bad: [Record<string, string>, Record<string, string>][] = [
      [{ contactEmail: "not an address", message: MESSAGE }, { contactEmail: "validation.emailInvalid" }],
      [{ contactEmail: "", message: MESSAGE }, { contactEmail: "validation.enterEmail" }],
      [{ contactEmail: user.email, message: "too short" }, { message: "validation.recoveryMessageShort" }],
      [{ contactEmail: user.email, message: "   a b c d e f g h i   " }, { message: "validation.recoveryMessageShort" }],
      [{ contactEmail: user.email, message: "x".repeat(2001) }, { message: "validation.recoveryMessageLong" }],
      [{ contactEmail: user.email, message: `${MESSAGE}\u202E evil` }, { message: "validation.textInvalid" }],
      [{ contactEmail: user.email, message: `${MESSAGE}\u0000` }, { message: "validation.textInvalid" }],
      [{ message: MESSAGE }, { contactEmail: "validation.invalid" }],
    ];
    for (const [fields, expected] of bad) {
      const { state } = await submit(fields);
      expect(state?.code).toBe("invalid_input");
      for (const [field, key] of Object.entries(expected)) expect(state?.fieldErrors?.[field]?.[0]?.key, JSON.stringify(fields).slice(0, 80)).toBe(key);
    }
    // 2,000 characters counted as characters: 2,000 emoji pass, 2,001 do not.
    expect((await submit({ contactEmail: user.email, message: "🔑".repeat(2001) })).state?.fieldErrors?.message?.[0]?.key).toBe("validation.recoveryMessageLong");

    expect(await cases(user.id)).toEqual([]);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: { startsWith: "support_case." } } })).toBe(0);
    expect(await emailsTo(user.email)).toEqual([]);
  });

  it("emails a confirmation to the account's address and to another contact address, in the person's language", async () => {
    const { user } = await pendingPerson("ja");
    await submit({ contactEmail: "other-address@example.test", message: MESSAGE });

    const [toAccount] = await emailsTo(user.email);
    const [toContact] = await emailsTo("other-address@example.test");
    for (const email of [toAccount!, toContact!]) {
      expect(email.subject).toBe("サインインのサポート依頼を受け付けました");
      expect(email.text).toContain("パスワード、リカバリーコード、認証アプリのコードを尋ねることは決してありません");
      expect(email.text).toContain("other-address@example.test");
    }
    // The account's own copy carries its "This wasn't me" link; the unproven address gets advice instead.
    expect(toAccount!.text).toContain("/not-me?token=");
    expect(toContact!.text).not.toContain("/not-me?token=");
    expect(toContact!.text).toContain("/forgot-password");
  });

  it("sends one confirmation when the contact address is the account's", async () => {
    const { user } = await pendingPerson("de");
    await submit({ contactEmail: user.email, message: MESSAGE });
    const sent = await emailsTo(user.email);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toBe("Wir haben Ihre Bitte um Hilfe bei der Anmeldung erhalten");
  });

  it("keeps one request open per person: a second one says when the open one was filed", async () => {
    const { user } = await pendingPerson();
    await submit({ contactEmail: user.email, message: MESSAGE });
    const [open] = await cases(user.id);

    const { state } = await submit({ contactEmail: user.email, message: `${MESSAGE} Again.` });
    expect(state).toMatchObject({ refusal: "already_open", at: open!.createdAt.toISOString(), message: { key: "recoveryRequest.form.alreadyOpen" } });
    expect(await cases(user.id)).toHaveLength(1);
    expect(await events(user.id, "support_case.request_refused")).toMatchObject([{ outcome: "failure", metadata: { reason: "already_open" } }]);
  });

  it(`files exactly one case when ${testBackend() === "postgres" ? "20 submissions race" : "20 submissions queue (PGlite)"}`, async () => {
    const user = await createUser();
    const results = await Promise.all(Array.from({ length: 20 }, () => fileRecoveryRequest(user.id, { contactEmail: user.email, message: MESSAGE }, context)));

    expect(results.filter((result) => result.outcome === "filed")).toHaveLength(1);
    expect(results.filter((result) => result.outcome === "already_open")).toHaveLength(19);
    expect(await cases(user.id)).toHaveLength(1);
    expect(await events(user.id, "support_case.opened")).toHaveLength(1);
    expect(await emailsTo(user.email)).toHaveLength(1);
  });

  it(`allows ${RECOVERY_REQUESTS_PER_DAY} requests in any 24 hours, then says when the next one may be filed`, async () => {
    const user = await createUser();
    const t0 = new Date("2030-03-01T09:00:00Z");
    const file = (at: Date) => fileRecoveryRequest(user.id, { contactEmail: user.email, message: MESSAGE }, context, at);
    for (let index = 0; index < RECOVERY_REQUESTS_PER_DAY; index++) {
      expect(await file(new Date(t0.getTime() + index * 3_600_000))).toMatchObject({ outcome: "filed" });
      // Support refuses each one, so the next is not stopped by the open one.
      await db.supportCase.updateMany({ where: { userId: user.id, state: "open" }, data: { state: "refused" } });
    }
    const later = new Date(t0.getTime() + 5 * 3_600_000);
    expect(await file(later)).toEqual({ outcome: "limit_reached", retryAt: new Date(t0.getTime() + DAY_MS) });
    expect(await cases(user.id)).toHaveLength(RECOVERY_REQUESTS_PER_DAY);
    expect(await events(user.id, "support_case.request_refused")).toMatchObject([{ metadata: { reason: "limit_reached" } }]);
    // Once the first leaves the 24 hours, one more may be filed.
    expect(await file(new Date(t0.getTime() + DAY_MS + 1))).toMatchObject({ outcome: "filed" });
  });
});
