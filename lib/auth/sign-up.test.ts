import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { context } from "@/test/factories";
import { verifyEmailToken } from "./email-verification";
import * as passwordModule from "./password";
import { verifyPassword } from "./password";
import { registerAccount, signUpSchema } from "./sign-up";

const GOOD = { name: "Ada Lovelace", email: "ada@example.test", password: "analytical engine 1843" };

/** The fields signUpSchema complains about for this input (empty when it accepts it). */
function rejectedFields(input: Partial<Record<keyof typeof GOOD, unknown>>) {
  const result = signUpSchema.safeParse({ ...GOOD, ...input });
  return result.success ? [] : [...new Set(result.error.issues.map((issue) => issue.path.join(".")))];
}

let lastAccount = 0;
/** Parsed sign-up input for a new, unique address. */
const newAccount = (overrides: Partial<typeof GOOD> = {}) =>
  signUpSchema.parse({ ...GOOD, email: `person-${++lastAccount}-${Date.now()}@example.test`, ...overrides });

describe("signUpSchema", () => {
  it("accepts a good sign-up and stores the email trimmed and lower-cased", () => {
    expect(signUpSchema.parse({ ...GOOD, name: "  Ada  ", email: "  Ada.Lovelace@Example.TEST " })).toEqual({
      name: "Ada",
      email: "ada.lovelace@example.test",
      password: GOOD.password,
    });
  });

  it.each([
    ["empty", ""],
    ["only spaces", "   "],
    ["101 characters", "n".repeat(101)],
  ])("rejects a name that is %s", (_label, name) => {
    expect(rejectedFields({ name })).toEqual(["name"]);
  });

  it("accepts a name of 100 characters", () => {
    expect(rejectedFields({ name: "n".repeat(100) })).toEqual([]);
  });

  it.each(["", "ada", "ada@", "@example.test", "ada@example", "ada lovelace@example.test", "ada@@example.test", `${"a".repeat(250)}@example.test`])(
    "rejects the email %j",
    (email) => {
      expect(rejectedFields({ email })).toEqual(["email"]);
    },
  );

  it.each([
    ["14 characters", "zq8#Lm2!vX4$pR"],
    ["14 code points in 28 UTF-16 units", "😀".repeat(14)],
    ["129 characters", "x7!".repeat(43)],
    ["common: password123", "password123"],
    ["common: qwertyuiop", "qwertyuiop"],
    ["common in another case: Password123", "Password123"],
  ])("rejects a password of %s", (_label, password) => {
    expect(rejectedFields({ password })).toEqual(["password"]);
  });

  it.each([
    ["15 characters", "zq8#Lm2!vX4$pR7"],
    ["64 emoji (128 UTF-16 units)", "🔐".repeat(64)],
    ["128 characters", "x7!y".repeat(32)],
  ])("accepts a password of %s", (_label, password) => {
    expect(rejectedFields({ password })).toEqual([]);
  });
});

const VERIFY_SUBJECT = "Confirm your email address for Tessera";
const ATTEMPT_SUBJECT = "Someone tried to sign up with your email address";
const emailsTo = (address: string) => db.outboxMessage.findMany({ where: { to: address }, orderBy: { createdAt: "asc" } });
const userRow = (email: string) => db.user.findUniqueOrThrow({ where: { email } });

describe("registerAccount", { timeout: 60_000 }, () => {
  it("creates an unverified user with an argon2id hash, records account.created and emails a link; nobody is signed in", async () => {
    const input = newAccount();

    await expect(registerAccount(input, context)).resolves.toBeUndefined();

    const stored = await userRow(input.email);
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain(input.password);
    expect(await verifyPassword(stored.passwordHash, input.password)).toBe(true);
    expect(stored.emailVerifiedAt).toBeNull();
    const events = await db.auditEvent.findMany({ where: { actorId: stored.id, type: "account.created" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: "success", ip: context.ip, userAgent: context.userAgent });
    expect(await db.session.count({ where: { userId: stored.id } })).toBe(0);
    const emails = await emailsTo(input.email);
    expect(emails.map((email) => email.subject)).toEqual([VERIFY_SUBJECT]);
  });

  it("the link from the email verifies the new account", async () => {
    const input = newAccount();
    await registerAccount(input, context);
    const [email] = await emailsTo(input.email);
    const token = email!.text.match(/\/verify-email\?token=([A-Za-z0-9_-]{43})/)![1]!;

    const { userId } = await verifyEmailToken(token, context);

    expect(userId).toBe((await userRow(input.email)).id);
    expect((await userRow(input.email)).emailVerifiedAt).toBeInstanceOf(Date);
  });

  it("answers an existing address exactly like a new one, emails its owner, and changes nothing", async () => {
    const first = newAccount();
    await registerAccount(first, context);
    const before = await userRow(first.email);
    const again = signUpSchema.parse({ ...GOOD, name: "Mallory", email: ` ${first.email.toUpperCase()} `, password: "a different long password" });
    await db.emailSend.deleteMany({}); // the verification email just sent would hold the next one back a minute

    const outcomes = await Promise.allSettled([registerAccount(newAccount(), context), registerAccount(again, context)]);

    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[1]).toEqual({ status: "fulfilled", value: undefined });
    expect(await userRow(first.email)).toEqual(before);
    expect(await db.user.count({ where: { email: first.email } })).toBe(1);
    const emails = await emailsTo(first.email);
    expect(emails.map((email) => email.subject)).toEqual([VERIFY_SUBJECT, ATTEMPT_SUBJECT]);
    expect(emails[1]!.text).toContain(before.name);
    expect(emails[1]!.text).not.toMatch(/token=/);
    const attempts = await db.auditEvent.findMany({ where: { subjectId: before.id, type: "account.sign_up_attempted" } });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ actorId: null, ip: context.ip });
  });

  it("hashes the password for an existing address too, so both take the same time", async () => {
    const first = newAccount();
    await registerAccount(first, context);
    const hashes = vi.spyOn(passwordModule, "hashPassword");

    await registerAccount(signUpSchema.parse({ ...GOOD, email: first.email }), context);
    await registerAccount(newAccount(), context);

    expect(hashes).toHaveBeenCalledTimes(2);
    hashes.mockRestore();
  });

  it("throttles the someone-tried email: one a minute per address, still the same answer", async () => {
    const first = newAccount();
    await registerAccount(first, context);
    const again = signUpSchema.parse({ ...GOOD, email: first.email });
    await db.emailSend.deleteMany({});

    for (let i = 0; i < 3; i++) await expect(registerAccount(again, context)).resolves.toBeUndefined();

    const attempts = (await emailsTo(first.email)).filter((email) => email.subject === ATTEMPT_SUBJECT);
    expect(attempts).toHaveLength(1);
  });

  it("5 concurrent sign-ups for one new address: one account, the same answer for all, one verification link", async () => {
    const input = newAccount();

    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => registerAccount({ ...input, name: `Racer ${i}` }, context)));

    for (const result of results) expect(result).toEqual({ status: "fulfilled", value: undefined });
    const winner = await userRow(input.email);
    expect(await db.user.count({ where: { email: input.email } })).toBe(1);
    expect(await db.auditEvent.count({ where: { actorId: winner.id, type: "account.created" } })).toBe(1);
    const subjects = (await emailsTo(input.email)).map((email) => email.subject);
    expect(subjects.filter((subject) => subject === VERIFY_SUBJECT)).toHaveLength(1);
  });
});
