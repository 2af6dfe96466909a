import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context } from "@/test/factories";
import { verifyPassword } from "./password";
import { createAccount, signUpSchema } from "./sign-up";

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
    ["7 characters", "zq8#Lm2"],
    ["129 characters", "x7!".repeat(43)],
    ["common: password123", "password123"],
    ["common: qwertyuiop", "qwertyuiop"],
    ["common in another case: Password123", "Password123"],
  ])("rejects a password of %s", (_label, password) => {
    expect(rejectedFields({ password })).toEqual(["password"]);
  });

  it.each([
    ["8 characters", "zq8#Lm2!"],
    ["128 characters", "x7!y".repeat(32)],
  ])("accepts a password of %s", (_label, password) => {
    expect(rejectedFields({ password })).toEqual([]);
  });
});

describe("createAccount", { timeout: 60_000 }, () => {
  it("creates the user with an argon2id password hash and records account.created", async () => {
    const input = newAccount();

    const user = await createAccount(input, context);

    expect(user).toEqual({ id: expect.any(String), email: input.email, name: input.name });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain(input.password);
    expect(await verifyPassword(stored.passwordHash, input.password)).toBe(true);
    expect(stored.emailVerifiedAt).toBeNull();
    const events = await db.auditEvent.findMany({ where: { actorId: user.id, type: "account.created" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: "success", ip: context.ip, userAgent: context.userAgent });
  });

  it("refuses an address that is taken, in any case, with email_taken", async () => {
    const first = newAccount();
    await createAccount(first, context);
    const shouted = signUpSchema.parse({ ...GOOD, email: ` ${first.email.toUpperCase()} ` });

    await expect(createAccount(shouted, context)).rejects.toMatchObject({ name: "AppError", code: "email_taken" });
    expect(await db.user.count({ where: { email: first.email } })).toBe(1);
  });

  it("5 concurrent sign-ups for one address: exactly one account, the others email_taken", async () => {
    const input = newAccount();

    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => createAccount({ ...input, name: `Racer ${i}` }, context)));

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toMatchObject({ name: "AppError", code: "email_taken" });
    }
    const winner = await db.user.findUniqueOrThrow({ where: { email: input.email } });
    expect(await db.user.count({ where: { email: input.email } })).toBe(1);
    expect(await db.auditEvent.count({ where: { actorId: winner.id, type: "account.created" } })).toBe(1);
  });
});
