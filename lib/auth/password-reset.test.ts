import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context, createUser, enrolTotp, openSession, PASSWORD, STEP_MS } from "@/test/factories";
import { generateTotp } from "@/lib/mfa/totp";
import { trustComputer } from "@/lib/mfa/trusted-computers";
import { claimEmailSend } from "./email-throttle";
import { checkPassword } from "./password-check";
import { findPasswordReset, requestPasswordReset, resetPassword } from "./password-reset";

const NEW_PASSWORD = "a brand new passphrase for tessera";
const T0 = new Date(Math.floor(Date.UTC(2026, 10, 25, 14) / STEP_MS) * STEP_MS + 5_000);
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;

/** Asks for a link and reads it back out of the outbox, as the person would. */
async function linkFor(email: string, now = T0) {
  const { deliver } = await requestPasswordReset({ email }, context, now);
  await deliver();
  const message = await db.outboxMessage.findFirstOrThrow({ where: { to: email, subject: { contains: "Reset" } }, orderBy: { createdAt: "desc" } });
  return message.text.match(/reset-password\?token=([\w-]{43})/)![1]!;
}

const signsIn = async (email: string, password: string, now = T0) =>
  (await checkPassword({ email, password, purpose: "sign_in" }, { ip: null, userAgent: "reset test" }, now)).ok;

describe("asking for a reset link", { timeout: 60_000 }, () => {
  it("answers alike for an address with and without an account, and emails only the account", async () => {
    const user = await createUser();
    const known = await requestPasswordReset({ email: user.email }, context, T0);
    const unknown = await requestPasswordReset({ email: `nobody-${user.id}@example.test` }, context, T0);
    expect(Object.keys(known)).toEqual(Object.keys(unknown));
    await known.deliver();
    await unknown.deliver();
    expect(await db.outboxMessage.count({ where: { to: user.email } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { to: { startsWith: "nobody-" } } })).toBe(0);
    const [token] = await db.verificationToken.findMany({ where: { userId: user.id, purpose: "password-reset" } });
    expect(token!.expiresAt.getTime() - T0.getTime()).toBe(30 * MINUTE);
    // Only a hash is stored.
    expect(token!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("sends one per minute and five per hour per address, known or not", async () => {
    const user = await createUser();
    await requestPasswordReset({ email: user.email }, context, T0);
    await expect(requestPasswordReset({ email: user.email }, context, at(30_000))).rejects.toMatchObject({ code: "email_throttled" });
    for (let i = 1; i < 5; i++) await requestPasswordReset({ email: user.email }, context, at(i * 2 * MINUTE));
    await expect(requestPasswordReset({ email: user.email }, context, at(20 * MINUTE))).rejects.toMatchObject({ code: "email_throttled" });
    const stranger = `nobody-${user.id}@example.test`;
    await requestPasswordReset({ email: stranger }, context, T0);
    await expect(requestPasswordReset({ email: stranger }, context, at(30_000))).rejects.toMatchObject({ code: "email_throttled" });
  });
});

describe("the shared email limits", { timeout: 60_000 }, () => {
  it("a reset link right after another kind of email goes out; five emails an hour of any kind is the cap", async () => {
    const user = await createUser();
    await db.$transaction((tx) => claimEmailSend(tx, { kind: "verify-email", address: user.email, userId: user.id }, T0));
    await requestPasswordReset({ email: user.email }, context, at(1_000));
    for (let i = 1; i <= 3; i++) await db.$transaction((tx) => claimEmailSend(tx, { kind: "email-change", address: user.email, userId: user.id }, at(i * 2 * MINUTE)));
    await expect(requestPasswordReset({ email: user.email }, context, at(10 * MINUTE))).rejects.toMatchObject({ code: "email_throttled" });
  });
});

describe("resetting without two-factor authentication", { timeout: 60_000 }, () => {
  it("sets the new password once, ends every session, lifts the sign-in block, and tells the person", async () => {
    const user = await createUser();
    const session = await openSession(user.id, null, T0);
    const trusted = await trustComputer(user.id, "totp", context, T0);
    for (let i = 0; i < 5; i++) await signsIn(user.email, `wrong ${i}`);
    expect(await signsIn(user.email, PASSWORD)).toBe(false);
    const token = await linkFor(user.email);

    await expect(resetPassword({ token, password: NEW_PASSWORD }, context, at(MINUTE))).resolves.toBeUndefined();

    expect(await signsIn(user.email, NEW_PASSWORD, at(MINUTE))).toBe(true);
    expect(await signsIn(user.email, PASSWORD, at(MINUTE))).toBe(false);
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).toEqual(at(MINUTE));
    expect((await db.trustedComputer.findUniqueOrThrow({ where: { id: trusted.id } })).revokedAt).toEqual(at(MINUTE));
    expect(await db.auditEvent.count({ where: { actorId: user.id, type: "password.reset" } })).toBe(1);
    const [revoked] = await db.auditEvent.findMany({ where: { actorId: user.id, type: "trusted_computer.revoked" } });
    expect(revoked?.metadata).toEqual({ count: 1, reason: "password_reset" });
    expect(await db.outboxMessage.count({ where: { to: user.email, subject: { contains: "password was changed" } } })).toBe(1);
    await expect(resetPassword({ token, password: "yet another long passphrase" }, context, at(2 * MINUTE))).rejects.toMatchObject({ code: "token_invalid" });
  });

  it("refuses a link after 30 minutes, and an older link once a newer one was sent", async () => {
    const user = await createUser();
    const first = await linkFor(user.email);
    const second = await linkFor(user.email, at(2 * MINUTE));
    await expect(findPasswordReset(first, at(3 * MINUTE))).rejects.toMatchObject({ code: "token_expired" });
    await expect(findPasswordReset(second, at(32 * MINUTE + 1))).rejects.toMatchObject({ code: "token_expired" });
    await expect(findPasswordReset("not-a-token")).rejects.toMatchObject({ code: "token_invalid" });
  });

  it("lifts a suspension of emailed codes (no authenticator): the link proved the mailbox", async () => {
    const user = await createUser();
    await db.user.update({ where: { id: user.id }, data: { emailLoginVerification: true, twoFactorSuspendedAt: T0, twoFactorFailureStreak: 100 } });
    const token = await linkFor(user.email);
    await resetPassword({ token, password: NEW_PASSWORD }, context, at(MINUTE));
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ twoFactorSuspendedAt: null, twoFactorFailureStreak: 0 });
  });

  it("lifts a reset required after 100 wrong passwords", async () => {
    const user = await createUser();
    await db.user.update({ where: { id: user.id }, data: { passwordResetRequiredAt: T0, passwordFailureStreak: 100 } });
    const token = await linkFor(user.email);
    await resetPassword({ token, password: NEW_PASSWORD }, context, at(MINUTE));
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ passwordResetRequiredAt: null, passwordFailureStreak: 0 });
    expect(await signsIn(user.email, NEW_PASSWORD, at(MINUTE))).toBe(true);
  });
});

describe("resetting with two-factor authentication on", { timeout: 60_000 }, () => {
  it("the link alone changes nothing; the authenticator code completes it", async () => {
    const user = await createUser();
    const { secret } = await enrolTotp(user.id, T0);
    const trusted = await trustComputer(user.id, "totp", context, T0);
    const token = await linkFor(user.email);
    const now = at(STEP_MS);
    expect((await findPasswordReset(token, now)).needsSecondFactor).toBe(true);

    await expect(resetPassword({ token, password: NEW_PASSWORD }, context, now)).rejects.toMatchObject({ name: "AppError", code: "invalid_code" });
    await expect(resetPassword({ token, password: NEW_PASSWORD, method: "totp", code: "000000" }, context, now)).rejects.toMatchObject({ code: "invalid_code" });
    expect(await signsIn(user.email, PASSWORD, now)).toBe(true);
    expect((await db.trustedComputer.findUniqueOrThrow({ where: { id: trusted.id } })).revokedAt).toBeNull();

    await expect(resetPassword({ token, password: NEW_PASSWORD, method: "totp", code: generateTotp(secret, now) }, context, now)).resolves.toBeUndefined();
    expect(await signsIn(user.email, NEW_PASSWORD, now)).toBe(true);
    expect((await db.trustedComputer.findUniqueOrThrow({ where: { id: trusted.id } })).revokedAt).toEqual(now);
  });

  it("five wrong codes use the link up, and count toward the person's lock", async () => {
    const user = await createUser();
    const { secret } = await enrolTotp(user.id, T0);
    const token = await linkFor(user.email);
    const now = at(STEP_MS);
    for (let i = 0; i < 5; i++) await resetPassword({ token, password: NEW_PASSWORD, method: "totp", code: "000000" }, context, now).catch(() => {});
    await expect(resetPassword({ token, password: NEW_PASSWORD, method: "totp", code: generateTotp(secret, now) }, context, now)).rejects.toMatchObject({
      code: "token_expired",
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).twoFactorFailures).toBe(5);
    expect(await signsIn(user.email, PASSWORD, now)).toBe(true);
  });

  it("a recovery code works instead, once", async () => {
    const user = await createUser();
    const { recoveryCodes } = await enrolTotp(user.id, T0);
    const token = await linkFor(user.email);
    await expect(resetPassword({ token, password: NEW_PASSWORD, method: "recovery_code", code: recoveryCodes[2]! }, context, at(MINUTE))).resolves.toBeUndefined();
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(1);
  });
});
