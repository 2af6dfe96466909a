import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { confirmSudo } from "@/lib/auth/sudo";
import { PASSWORD, context, createUser, enrolTotp, openSession, STEP_MS, sudoActor } from "@/test/factories";
import { disableTwoFactor } from "./disable";
import { regenerateRecoveryCodes } from "./recovery-set";
import { sendLoginCode } from "./login-code";
import { generateTotp } from "./totp";
import { startTotpEnrolment } from "./totp-enrolment";
import { verifySecondFactor } from "./verify-second-factor";

const T0 = new Date(Math.floor(Date.UTC(2026, 10, 25, 12) / STEP_MS) * STEP_MS + 10_000);
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;

describe("the session records how and when it was verified", () => {
  it("a password-only sign-in: verified by password, no second factor", async () => {
    const user = await createUser();
    const session = await openSession(user.id, null, T0);
    expect(session).toMatchObject({ verifiedAt: T0, verifiedMethod: "password", factorVerifiedAt: null, factorMethod: null });
  });

  it("an authenticator at sign-in: the new session names the method and the time", async () => {
    const user = await createUser();
    const { secret } = await enrolTotp(user.id, T0);
    const pending = await openSession(user.id, "two_factor", at(STEP_MS));
    const result = await verifySecondFactor({ userId: user.id, sessionId: pending.id, purpose: "sign_in", method: "totp", code: generateTotp(secret, at(STEP_MS)) }, context, at(STEP_MS));
    const session = await db.session.findUniqueOrThrow({ where: { id: result.ok ? result.sessionId! : "" } });
    expect(session).toMatchObject({ verifiedAt: at(STEP_MS), verifiedMethod: "totp", factorVerifiedAt: at(STEP_MS), factorMethod: "totp" });
  });

  it("an emailed code is recorded as the way in, never as a second factor", async () => {
    const user = await createUser();
    await db.user.update({ where: { id: user.id }, data: { emailLoginVerification: true } });
    const pending = await openSession(user.id, "email_code", T0);
    await sendLoginCode(user.id, pending.id, context, T0);
    const sent = await db.outboxMessage.findFirstOrThrow({ where: { to: user.email }, orderBy: { createdAt: "desc" } });
    const code = /\b(\d{6})\b/.exec(sent.text)![1]!;
    const result = await verifySecondFactor({ userId: user.id, sessionId: pending.id, purpose: "sign_in", method: "email_code", code }, context, T0);
    const session = await db.session.findUniqueOrThrow({ where: { id: result.ok ? result.sessionId! : "" } });
    expect(session).toMatchObject({ verifiedMethod: "email_code", factorVerifiedAt: null, factorMethod: null });
  });

  it("sudo by recovery code renews both the verification and the factor record", async () => {
    const user = await createUser();
    const { recoveryCodes } = await enrolTotp(user.id, T0);
    const session = await openSession(user.id, null, T0);
    await confirmSudo(session, { method: "recovery_code", code: recoveryCodes[0]! }, context);
    const after = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(after).toMatchObject({ verifiedMethod: "recovery_code", factorMethod: "recovery_code" });
    expect(after.factorVerifiedAt).not.toBeNull();
  });
});

describe("sudo holds in the domain, whoever calls", () => {
  it("a password is refused for sudo once a real factor exists, and names the method to use", async () => {
    const user = await createUser();
    await enrolTotp(user.id, T0);
    const session = await openSession(user.id, null, T0);
    await expect(confirmSudo(session, { method: "password", password: PASSWORD }, context)).rejects.toMatchObject({ code: "sudo_required", details: { sudo: "two_factor" } });
  });

  it("turning 2FA off, new recovery codes and a new authenticator need a session verified in the last 15 minutes", async () => {
    const user = await createUser();
    await enrolTotp(user.id, T0);
    const stale = await sudoActor(user.id, new Date(Date.now() - 16 * MINUTE));
    await expect(disableTwoFactor(stale, context)).rejects.toMatchObject({ name: "AppError", code: "sudo_required" });
    await expect(regenerateRecoveryCodes(stale, context)).rejects.toMatchObject({ code: "sudo_required" });
    await expect(startTotpEnrolment(stale)).rejects.toMatchObject({ code: "sudo_required" });
    // Another person's session does not lend its sudo.
    const other = await createUser();
    const borrowed = { userId: user.id, sessionId: (await sudoActor(other.id)).sessionId };
    await expect(disableTwoFactor(borrowed, context)).rejects.toMatchObject({ code: "sudo_required" });
    expect(await db.twoFactorFactor.count({ where: { userId: user.id, status: "active" } })).toBe(1);

    await disableTwoFactor(await sudoActor(user.id), context);
    expect(await db.twoFactorFactor.count({ where: { userId: user.id } })).toBe(0);
  });
});
