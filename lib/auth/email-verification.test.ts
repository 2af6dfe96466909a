import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context, createUser } from "@/test/factories";
import { sendVerificationEmail, verifyEmailToken } from "./email-verification";

const SUBJECT = "Confirm your email address for Tessera";
const LINK = /\/verify-email\?token=([A-Za-z0-9_-]+)/;

async function unverifiedUser() {
  return createUser({ emailVerified: false });
}

/** Sends the verification email and returns the token from the link in its newest copy. */
async function sendAndReadToken(user: { id: string; email: string; name: string }) {
  await sendVerificationEmail(user, context);
  const email = await db.outboxMessage.findFirstOrThrow({ where: { to: user.email, subject: SUBJECT }, orderBy: { createdAt: "desc" } });
  const token = email.text.match(LINK)?.[1];
  if (!token) throw new Error(`no verification link in: ${email.text}`);
  return token;
}

/** The send limit is one a minute: age the recorded sends instead of waiting. */
const letAMinutePass = () => db.$executeRaw`UPDATE "EmailSend" SET "createdAt" = "createdAt" - interval '61 seconds'`;

const rejectsWith = (promise: Promise<unknown>, code: string) => expect(promise).rejects.toMatchObject({ name: "AppError", code });
const verifiedAt = async (userId: string) => (await db.user.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt;

describe("email verification", { timeout: 30_000 }, () => {
  it("emails a link to /verify-email with a token", async () => {
    const user = await unverifiedUser();
    await sendVerificationEmail(user, context);

    const emails = await db.outboxMessage.findMany({ where: { to: user.email, subject: SUBJECT } });
    expect(emails).toHaveLength(1);
    expect(emails[0]!.text).toMatch(/http:\/\/localhost:3000\/verify-email\?token=[A-Za-z0-9_-]{43}\b/);
  });

  it("stores only a hash of the token", async () => {
    const user = await unverifiedUser();
    const token = await sendAndReadToken(user);
    const [row] = await db.verificationToken.findMany({ where: { userId: user.id } });
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("the link verifies the address and records email.verified", async () => {
    const user = await unverifiedUser();
    const token = await sendAndReadToken(user);

    expect(await verifyEmailToken(token, context)).toEqual({ userId: user.id });

    expect(await verifiedAt(user.id)).toBeInstanceOf(Date);
    const events = await db.auditEvent.findMany({ where: { actorId: user.id, type: "email.verified" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: "success", ip: context.ip, metadata: { email: user.email } });
  });

  it("works once: a second use is token_invalid", async () => {
    const user = await unverifiedUser();
    const token = await sendAndReadToken(user);
    await verifyEmailToken(token, context);
    await rejectsWith(verifyEmailToken(token, context), "token_invalid");
  });

  it("an older link stops working when a new one is sent", async () => {
    const user = await unverifiedUser();
    const older = await sendAndReadToken(user);
    await letAMinutePass();
    const newer = await sendAndReadToken(user);
    expect(newer).not.toBe(older);

    await expect(verifyEmailToken(older, context)).rejects.toMatchObject({ name: "AppError", code: expect.stringMatching(/^token_(expired|invalid)$/) });
    expect(await verifiedAt(user.id)).toBeNull();
    expect(await verifyEmailToken(newer, context)).toEqual({ userId: user.id });
  });

  it("an expired link is token_expired and verifies nothing", async () => {
    const user = await unverifiedUser();
    const token = await sendAndReadToken(user);
    await db.verificationToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });

    await rejectsWith(verifyEmailToken(token, context), "token_expired");
    expect(await verifiedAt(user.id)).toBeNull();
  });

  it.each([
    ["empty", ""],
    ["too short", "abc"],
    ["one character too long", "a".repeat(44)],
    ["outside base64url", `${"a".repeat(42)}!`],
    ["with a path", `${"a".repeat(40)}/..`],
    ["well-formed but unknown", "A".repeat(43)],
  ])("a %s token is token_invalid", async (_label, token) => {
    await rejectsWith(verifyEmailToken(token, context), "token_invalid");
  });

  it("does not verify the new address after the email changed", async () => {
    const user = await unverifiedUser();
    const token = await sendAndReadToken(user);
    await db.user.update({ where: { id: user.id }, data: { email: `changed-${user.email}` } });

    await rejectsWith(verifyEmailToken(token, context), "token_invalid");
    expect(await verifiedAt(user.id)).toBeNull();
    expect(await db.auditEvent.count({ where: { actorId: user.id, type: "email.verified" } })).toBe(0);
  });

  it("10 concurrent uses of one link: exactly one succeeds", async () => {
    const user = await unverifiedUser();
    const token = await sendAndReadToken(user);

    const results = await Promise.allSettled(Array.from({ length: 10 }, () => verifyEmailToken(token, context)));

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toMatchObject({ name: "AppError", code: "token_invalid" });
    }
    expect(await db.auditEvent.count({ where: { actorId: user.id, type: "email.verified" } })).toBe(1);
  });

  it("a second link within a minute is email_throttled: no email, no new token", async () => {
    const user = await unverifiedUser();
    await sendVerificationEmail(user, context);

    await rejectsWith(sendVerificationEmail(user, context), "email_throttled");

    expect(await db.outboxMessage.count({ where: { to: user.email, subject: SUBJECT } })).toBe(1);
    expect(await db.verificationToken.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { actorId: user.id, type: "email.verification_sent" } })).toBe(1);
  });

  it("at most 5 links an hour, even a minute apart", async () => {
    const user = await unverifiedUser();
    for (let i = 0; i < 5; i++) {
      await sendVerificationEmail(user, context);
      await letAMinutePass();
    }
    await rejectsWith(sendVerificationEmail(user, context), "email_throttled");
    expect(await db.outboxMessage.count({ where: { to: user.email, subject: SUBJECT } })).toBe(5);
  });

  it("the limit is per address too: another account at the same address is held back", async () => {
    const user = await unverifiedUser();
    await sendVerificationEmail(user, context);
    // Same address, different account id: only the address key can refuse it.
    await rejectsWith(sendVerificationEmail({ ...user, id: (await unverifiedUser()).id }, context), "email_throttled");
  });

  // On PostgreSQL (TEST_DATABASE_URL) these run truly in parallel; on PGlite they serialise
  // and the limit must hold just the same.
  it("50 resends at once: exactly one email, every other one email_throttled", async () => {
    const user = await unverifiedUser();

    const results = await Promise.allSettled(Array.from({ length: 50 }, () => sendVerificationEmail(user, context)));

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toMatchObject({ name: "AppError", code: "email_throttled" });
    }
    expect(await db.outboxMessage.count({ where: { to: user.email, subject: SUBJECT } })).toBe(1);
    expect(await db.verificationToken.count({ where: { userId: user.id } })).toBe(1);
  });
});
