import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { notifyUser } from "@/lib/email/notify";
import { renderEmail } from "@/lib/email/render-email";
import { NOT_ME_CHANGE_TTL_MS, NOT_ME_LINK_TTL_MS } from "@/lib/policy/limits";
import { context, createUser, openSession, PASSWORD } from "@/test/factories";
import { hashLinkToken } from "./link-token";
import { findNotMeLink, secureAccount, setPasswordAfterNotMe } from "./not-me";
import { issueNotMeLink } from "./not-me-link";
import { verifyPassword } from "./password";

const NEW_PASSWORD = "an entirely new passphrase for tessera";
const RACERS = 50;

/** The token of the newest "This wasn't me" link emailed to `email`. */
async function emailedLink(email: string) {
  const message = await db.outboxMessage.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
  return message.text.match(/\/not-me\?token=([\w-]{43})/)?.[1];
}

async function personWithLink(overrides: { emailVerified?: boolean } = {}) {
  const user = await createUser(overrides);
  await notifyUser(user.id, { template: "password-changed" });
  return { user, token: (await emailedLink(user.email))! };
}

async function trustComputer(userId: string, now = new Date()) {
  return db.trustedComputer.create({ data: { userId, tokenHash: crypto.randomBytes(16).toString("hex"), expiresAt: new Date(now.getTime() + 30 * 86_400_000) } });
}

const liveSessions = (userId: string) => db.session.count({ where: { userId, revokedAt: null } });
const liveTrust = (userId: string) => db.trustedComputer.count({ where: { userId, revokedAt: null } });
const audits = (userId: string, type: string) => db.auditEvent.findMany({ where: { subjectId: userId, type } });

describe("the \"This wasn't me\" link in security emails", () => {
  it("is in every email notifyUser sends, its own token stored only as a SHA-256, valid for 7 days", async () => {
    const before = new Date();
    const { user, token } = await personWithLink();

    const stored = await db.verificationToken.findFirstOrThrow({ where: { userId: user.id, purpose: "not_me" } });
    expect(stored.tokenHash).toBe(hashLinkToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.email).toBe(user.email);
    expect(stored.expiresAt.getTime() - before.getTime()).toBeGreaterThanOrEqual(NOT_ME_LINK_TTL_MS);
    const message = await db.outboxMessage.findFirstOrThrow({ where: { to: user.email } });
    expect(message.text).toContain("This wasn't me");
    // One way to act: the general advice gives way to the link.
    expect(message.text).not.toContain("Sign in now, change your password");
  });

  it("each email carries a link of its own, to the address it goes to, in the recipient's language", async () => {
    const user = await createUser();
    await db.user.update({ where: { id: user.id }, data: { locale: "ja" } });
    await notifyUser(user.id, { template: "email-change-requested", props: { newEmail: "new@example.test" } }, "old@example.test");
    await notifyUser(user.id, { template: "password-changed" });

    const links = await db.verificationToken.findMany({ where: { userId: user.id, purpose: "not_me" }, orderBy: { createdAt: "asc" } });
    expect(links.map((link) => link.email).sort()).toEqual(["old@example.test", user.email].sort());
    const message = await db.outboxMessage.findFirstOrThrow({ where: { to: user.email } });
    expect(message.text).toContain("身に覚えがありません");
  });

  it("is not in emails that are not security notices (a sign-in code, a reset link)", async () => {
    const code = await renderEmail({ template: "login-code", to: "ada@example.test", props: { code: "123456" } });
    expect(code.text).not.toContain("/not-me");
    expect(code.text).toContain("/security");
  });

  it("opens only while it is live: unknown, malformed, another kind of token, expired at 7 days, or used", async () => {
    const { user, token } = await personWithLink();
    const issuedAt = (await db.verificationToken.findFirstOrThrow({ where: { userId: user.id, purpose: "not_me" } })).createdAt;

    await expect(findNotMeLink("not a token")).rejects.toMatchObject({ code: "token_invalid" });
    await expect(findNotMeLink(crypto.randomBytes(32).toString("base64url"))).rejects.toMatchObject({ code: "token_invalid" });
    await db.verificationToken.updateMany({ where: { tokenHash: hashLinkToken(token) }, data: { purpose: "password-reset" } });
    await expect(findNotMeLink(token)).rejects.toMatchObject({ code: "token_invalid" });
    await db.verificationToken.updateMany({ where: { tokenHash: hashLinkToken(token) }, data: { purpose: "not_me" } });
    expect(await findNotMeLink(token, new Date(issuedAt.getTime() + NOT_ME_LINK_TTL_MS - 1))).toMatchObject({ userId: user.id, email: user.email });
    await expect(findNotMeLink(token, new Date(issuedAt.getTime() + NOT_ME_LINK_TTL_MS))).rejects.toMatchObject({ code: "token_expired" });
    await db.verificationToken.updateMany({ where: { tokenHash: hashLinkToken(token) }, data: { usedAt: new Date() } });
    await expect(findNotMeLink(token)).rejects.toMatchObject({ code: "token_invalid" });
  });
});

describe("securing the account from the link", { timeout: 120_000 }, () => {
  it("a wrong password changes nothing, is counted like a sign-in, and leaves the link usable", async () => {
    const { user, token } = await personWithLink();
    await openSession(user.id, null);
    await trustComputer(user.id);

    await expect(secureAccount({ token, password: "not the password at all" }, context)).rejects.toMatchObject({ code: "wrong_password" });

    expect(await liveSessions(user.id)).toBe(1);
    expect(await liveTrust(user.id)).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordFailureStreak).toBe(1);
    expect(await audits(user.id, "account.secure_failed")).toMatchObject([{ outcome: "failure" }]);
    expect(await findNotMeLink(token)).toMatchObject({ userId: user.id });
  });

  it("after 5 wrong passwords in 15 minutes even the right one is refused (the sign-in throttle)", async () => {
    const { user, token } = await personWithLink();
    for (let i = 0; i < 5; i++) {
      await expect(secureAccount({ token, password: `wrong password number ${i}` }, context)).rejects.toMatchObject({ code: "wrong_password" });
    }
    await expect(secureAccount({ token, password: PASSWORD }, context)).rejects.toMatchObject({ code: "throttled" });
    expect(await audits(user.id, "account.secured_by_owner")).toHaveLength(0);
  });

  it("the right password ends every session and trusted computer with one audit event, and opens the password step", async () => {
    const { user, token } = await personWithLink();
    const other = await createUser();
    await Promise.all([openSession(user.id, null), openSession(user.id, null), openSession(user.id, "two_factor"), openSession(other.id, null)]);
    await Promise.all([trustComputer(user.id), trustComputer(user.id), trustComputer(other.id)]);

    const secured = await secureAccount({ token, password: PASSWORD }, context);

    expect(secured).toMatchObject({ sessionsEnded: 2, trustedComputersRevoked: 2 });
    expect(await liveSessions(user.id)).toBe(0);
    expect(await liveTrust(user.id)).toBe(0);
    expect(await liveSessions(other.id)).toBe(1);
    expect(await liveTrust(other.id)).toBe(1);
    expect(await audits(user.id, "account.secured_by_owner")).toMatchObject([{ actorId: user.id, metadata: { sessionsEnded: 2, trustedComputersRevoked: 2 } }]);
    const step = await db.verificationToken.findUniqueOrThrow({ where: { tokenHash: hashLinkToken(secured.changeToken) } });
    expect(step).toMatchObject({ userId: user.id, purpose: "not_me_change", usedAt: null });
    // The password is unchanged and the link is not spent until a new password is set.
    expect(await verifyPassword((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, PASSWORD)).toBe(true);
    expect(await findNotMeLink(token)).toMatchObject({ userId: user.id });
    // Support sees it under Cases: one open report, however often the link is used.
    expect(await db.supportCase.findMany({ where: { userId: user.id } })).toMatchObject([{ kind: "not_me_report", state: "open", contactEmail: user.email }]);
    await secureAccount({ token, password: PASSWORD }, context);
    expect(await db.supportCase.count({ where: { userId: user.id } })).toBe(1);
    expect(await audits(user.id, "support_case.opened")).toHaveLength(1);
  });

  it("works for an account whose address was never verified: the link came to that mailbox", async () => {
    const { user, token } = await personWithLink({ emailVerified: false });
    await expect(secureAccount({ token, password: PASSWORD }, context)).resolves.toMatchObject({ sessionsEnded: 0 });
    expect(await audits(user.id, "account.secured_by_owner")).toHaveLength(1);
  });
});

describe("the new password after securing", { timeout: 120_000 }, () => {
  it("is refused without the password step, with another person's, or once the step's 30 minutes are over", async () => {
    const { user, token } = await personWithLink();
    const stranger = await personWithLink();
    const { changeToken } = await secureAccount({ token, password: PASSWORD }, context);
    const theirs = await secureAccount({ token: stranger.token, password: PASSWORD }, context);
    const openedAt = (await db.verificationToken.findUniqueOrThrow({ where: { tokenHash: hashLinkToken(changeToken) } })).createdAt;

    for (const step of [undefined, "x".repeat(43), theirs.changeToken]) {
      await expect(setPasswordAfterNotMe({ token, changeToken: step, password: NEW_PASSWORD }, context)).rejects.toMatchObject({ code: "not_me_step_expired" });
    }
    await expect(setPasswordAfterNotMe({ token, changeToken, password: NEW_PASSWORD }, context, new Date(openedAt.getTime() + NOT_ME_CHANGE_TTL_MS))).rejects.toMatchObject({
      code: "not_me_step_expired",
    });
    expect(await verifyPassword((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, PASSWORD)).toBe(true);
  });

  it("sets the password, ends what began since, spends the link and the step, and tells the person", async () => {
    const { user, token } = await personWithLink();
    const { changeToken } = await secureAccount({ token, password: PASSWORD }, context);
    await openSession(user.id, null);
    await trustComputer(user.id);

    await setPasswordAfterNotMe({ token, changeToken, password: NEW_PASSWORD }, context);

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(after.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(after.passwordHash, PASSWORD)).toBe(false);
    expect(await liveSessions(user.id)).toBe(0);
    expect(await liveTrust(user.id)).toBe(0);
    expect(await audits(user.id, "password.changed")).toMatchObject([{ metadata: { via: "not_me", sessionsEnded: 1, trustedComputersRevoked: 1 } }]);
    await expect(findNotMeLink(token)).rejects.toMatchObject({ code: "token_invalid" });
    await expect(setPasswordAfterNotMe({ token, changeToken, password: NEW_PASSWORD }, context)).rejects.toMatchObject({ code: "token_invalid" });
    const told = await db.outboxMessage.findFirstOrThrow({ where: { to: user.email }, orderBy: { createdAt: "desc" } });
    expect(told.subject).toBe("Your Tessera password was changed");
    // That email has a link of its own, in case this, too, was not the owner.
    expect(await emailedLink(user.email)).not.toBe(token);
  });

  it(`${RACERS} racing submissions of one step set the password once`, async () => {
    const { user, token } = await personWithLink();
    const { changeToken } = await secureAccount({ token, password: PASSWORD }, context);

    const results = await Promise.allSettled(
      Array.from({ length: RACERS }, (_, i) => setPasswordAfterNotMe({ token, changeToken, password: `${NEW_PASSWORD} ${i}` }, context)),
    );

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    // Every loser is told the step is spent: no deadlock, no unexpected error.
    const refusals = results.flatMap((result) => (result.status === "rejected" ? [(result.reason as { code?: string }).code] : []));
    expect(new Set(refusals)).toEqual(new Set(["not_me_step_expired"]));
    expect(await audits(user.id, "password.changed")).toHaveLength(1);
    expect(await db.outboxMessage.count({ where: { to: user.email, subject: "Your Tessera password was changed" } })).toBe(2);
  });
});

describe("issueNotMeLink", () => {
  it("makes a link on APP_URL that the page accepts", async () => {
    const user = await createUser();
    const link = await issueNotMeLink(user.id, user.email);
    expect(link).toMatch(/^https?:\/\/[^/]+\/not-me\?token=[\w-]{43}$/);
    expect(await findNotMeLink(new URL(link).searchParams.get("token")!)).toMatchObject({ userId: user.id });
  });
});
