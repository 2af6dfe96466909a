import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context, createUser, PASSWORD, sudoActor } from "@/test/factories";
import { confirmEmailChange, pendingEmailChange, requestEmailChange } from "./email-change";
import { signInWithPassword } from "./sign-in";

const CONFIRM_SUBJECT = "Confirm your new email address for Tessera";
const REQUESTED_SUBJECT = "A change of your Tessera email address was requested";
const CHANGED_SUBJECT = "Your Tessera email address was changed";

const newAddress = () => `new-${Math.random().toString(36).slice(2)}@example.test`;
const subjectsTo = async (to: string) => (await db.outboxMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" } })).map((m) => m.subject);
const rejectsWith = (promise: Promise<unknown>, code: string) => expect(promise).rejects.toMatchObject({ name: "AppError", code });
/** The send limit is one a minute: age the recorded sends instead of waiting. */
const letAMinutePass = () => db.$executeRaw`UPDATE "EmailSend" SET "createdAt" = "createdAt" - interval '61 seconds'`;

async function linkTokenSentTo(to: string) {
  const email = await db.outboxMessage.findFirstOrThrow({ where: { to, subject: CONFIRM_SUBJECT }, orderBy: { createdAt: "desc" } });
  return email.text.match(/\/confirm-email-change\?token=([A-Za-z0-9_-]{43})/)![1]!;
}

describe("changing the email address", { timeout: 60_000 }, () => {
  it("a request changes nothing yet: the link goes to the new address, the old one is told", async () => {
    const user = await createUser();
    const to = newAddress();

    await requestEmailChange(await sudoActor(user.id), to, context);

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ email: user.email, emailVerifiedAt: user.emailVerifiedAt });
    expect(await subjectsTo(to)).toEqual([CONFIRM_SUBJECT]);
    expect(await subjectsTo(user.email)).toEqual([REQUESTED_SUBJECT]);
    expect(await pendingEmailChange(user.id)).toMatchObject({ email: to });
    const token = await linkTokenSentTo(to);
    const stored = await db.verificationToken.findFirstOrThrow({ where: { userId: user.id, purpose: "email-change" } });
    expect(stored.email).toBe(to);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await db.auditEvent.count({ where: { actorId: user.id, type: "email.change_requested" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { actorId: user.id, type: "email.changed" } })).toBe(0);
  });

  it("until the link is opened, the old address signs in and receives the sign-in codes", async () => {
    const user = await createUser();
    await db.user.update({ where: { id: user.id }, data: { emailLoginVerification: true } });
    const to = newAddress();
    await requestEmailChange(await sudoActor(user.id), to, context);

    expect(await signInWithPassword({ email: to, password: PASSWORD }, context)).toMatchObject({ ok: false });
    expect(await signInWithPassword({ email: user.email, password: PASSWORD }, context)).toMatchObject({ ok: true });

    const session = await db.session.findFirstOrThrow({ where: { userId: user.id }, orderBy: { createdAt: "desc" } });
    expect(session.pendingStep).toBe("email_code");
    expect(await db.oneTimeCode.count({ where: { userId: user.id } })).toBe(1);
    expect(await subjectsTo(user.email)).toEqual([REQUESTED_SUBJECT, "Your Tessera sign-in code"]);
    expect(await subjectsTo(to)).toEqual([CONFIRM_SUBJECT]);
  });

  it("the link makes the new address the verified one, works once, and tells the old address", async () => {
    const user = await createUser();
    const to = newAddress();
    await requestEmailChange(await sudoActor(user.id), to, context);
    const token = await linkTokenSentTo(to);

    expect(await confirmEmailChange(token, context)).toEqual({ userId: user.id });

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.email).toBe(to);
    expect(after.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await pendingEmailChange(user.id)).toBeNull();
    expect(await subjectsTo(user.email)).toEqual([REQUESTED_SUBJECT, CHANGED_SUBJECT]);
    const events = await db.auditEvent.findMany({ where: { actorId: user.id, type: "email.changed" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ metadata: { from: user.email, to }, ip: context.ip });
    await rejectsWith(confirmEmailChange(token, context), "token_invalid");
  });

  it("refuses an address another account took in the meantime, and changes nothing", async () => {
    const user = await createUser();
    const to = newAddress();
    await requestEmailChange(await sudoActor(user.id), to, context);
    const token = await linkTokenSentTo(to);
    await createUser({ email: to });

    await rejectsWith(confirmEmailChange(token, context), "email_change_taken");

    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
    expect(await db.auditEvent.count({ where: { actorId: user.id, type: "email.changed" } })).toBe(0);
  });

  it("a taken address is requested like a free one (the request does not tell who has an account)", async () => {
    const user = await createUser();
    const other = await createUser();

    await expect(requestEmailChange(await sudoActor(user.id), other.email, context)).resolves.toBeUndefined();
    await rejectsWith(confirmEmailChange(await linkTokenSentTo(other.email), context), "email_change_taken");
  });

  it("a newer request ends the older link; an expired link is token_expired", async () => {
    const user = await createUser();
    const first = newAddress();
    await requestEmailChange(await sudoActor(user.id), first, context);
    const older = await linkTokenSentTo(first);
    await letAMinutePass();
    const second = newAddress();
    await requestEmailChange(await sudoActor(user.id), second, context);

    await rejectsWith(confirmEmailChange(older, context), "token_expired");
    await db.verificationToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    await rejectsWith(confirmEmailChange(await linkTokenSentTo(second), context), "token_expired");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
  });

  it("is throttled: a second request within a minute sends nothing", async () => {
    const user = await createUser();
    await requestEmailChange(await sudoActor(user.id), newAddress(), context);
    const to = newAddress();

    await rejectsWith(requestEmailChange(await sudoActor(user.id), to, context), "email_throttled");

    expect(await subjectsTo(to)).toEqual([]);
    expect(await db.verificationToken.count({ where: { userId: user.id, purpose: "email-change" } })).toBe(1);
  });

  it("asking for the current address is email_unchanged", async () => {
    const user = await createUser();
    await rejectsWith(requestEmailChange(await sudoActor(user.id), user.email, context), "email_unchanged");
  });

  it("10 concurrent uses of one link: exactly one change", async () => {
    const user = await createUser();
    const to = newAddress();
    await requestEmailChange(await sudoActor(user.id), to, context);
    const token = await linkTokenSentTo(to);

    const results = await Promise.allSettled(Array.from({ length: 10 }, () => confirmEmailChange(token, context)));

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { actorId: user.id, type: "email.changed" } })).toBe(1);
  });
});
