import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decryptSecret, keyFromEnv } from "@/lib/crypto/secret-box";
import { context, createUser, enrolTotp, openSession, STEP_MS, sudoActor } from "@/test/factories";
import { disableTwoFactor } from "./disable";
import { regenerateRecoveryCodes } from "./recovery-set";
import { getTwoFactorStatus } from "./status";
import { generateTotp } from "./totp";
import { confirmTotpEnrolment, startTotpEnrolment, totpAad } from "./totp-enrolment";
import { verifySecondFactor } from "./verify-second-factor";

// A fixed clock in the middle of a time step.
const T0 = new Date(Math.floor(Date.UTC(2026, 6, 1, 9) / STEP_MS) * STEP_MS + 10_000);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const at = (ms: number) => new Date(T0.getTime() + ms);
const steps = (n: number) => at(n * STEP_MS);

/** Starts an enrolment and returns the factor id with the plain secret the person would scan. */
async function startEnrolment(userId: string, now: Date) {
  const started = await startTotpEnrolment(await sudoActor(userId, now), now);
  return { factorId: started.factorId, secret: started.setupKey.replace(/\s+/g, "") };
}

const confirm = (userId: string, factorId: string, code: string, now: Date) => confirmTotpEnrolment(userId, { factorId, code }, context, now);

/** Signs in with a second factor on a fresh pending session. */
async function signInWith(userId: string, method: "totp" | "recovery_code", code: string, now: Date) {
  const session = await openSession(userId, "two_factor", now);
  return verifySecondFactor({ userId, sessionId: session.id, method, code, purpose: "sign_in" }, context, now);
}

const auditTypes = async (userId: string) =>
  (await db.auditEvent.findMany({ where: { actorId: userId }, orderBy: { createdAt: "asc" } })).map((event) => event.type);
const rejectsWith = (promise: Promise<unknown>, code: string) => expect(promise).rejects.toMatchObject({ name: "AppError", code });

describe("TOTP enrolment", { timeout: 60_000 }, () => {
  it("stores the secret encrypted, bound to its factor", async () => {
    const user = await createUser();
    const { factorId, secret } = await startEnrolment(user.id, T0);

    const factor = await db.twoFactorFactor.findUniqueOrThrow({ where: { id: factorId } });
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(factor.status).toBe("pending");
    expect(factor.secretEncrypted).toMatch(/^v1\./);
    expect(factor.secretEncrypted!.toUpperCase()).not.toContain(secret);
    expect(decryptSecret(factor.secretEncrypted!, keyFromEnv(), { aad: totpAad(factorId) })).toBe(secret);
  });

  it("a wrong first code leaves the factor pending and throws invalid_code", async () => {
    const user = await createUser();
    const { factorId, secret } = await startEnrolment(user.id, T0);
    const accepted = [-1, 0, 1].map((n) => generateTotp(secret, steps(n)));
    const wrong = ["000000", "111111", "222222", "333333"].find((code) => !accepted.includes(code))!;

    await rejectsWith(confirm(user.id, factorId, wrong, T0), "invalid_code");

    expect((await db.twoFactorFactor.findUniqueOrThrow({ where: { id: factorId } })).status).toBe("pending");
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect((await getTwoFactorStatus(user.id, T0)).state).toBe("not_enabled");
    expect(await auditTypes(user.id)).toEqual(["two_factor.enrolment_failed"]);
    // The enrolment is still there to finish with the right code.
    expect(await confirm(user.id, factorId, generateTotp(secret, T0), T0)).toMatchObject({ reenrolled: false });
  });

  it("confirming makes the factor active and returns 16 recovery codes, stored only as hashes", async () => {
    const user = await createUser();
    const { factorId, secret } = await startEnrolment(user.id, T0);

    const result = await confirm(user.id, factorId, generateTotp(secret, T0), T0);

    expect(result.reenrolled).toBe(false);
    expect(result.recoveryCodes).toHaveLength(16);
    expect(new Set(result.recoveryCodes).size).toBe(16);
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(16);
    const everything = JSON.stringify(stored);
    for (const code of result.recoveryCodes!) {
      expect(everything).not.toContain(code);
      expect(everything).not.toContain(code.replace(/-/g, "").slice(5)); // the secret part
    }
    for (const row of stored) expect(row.hash).toMatch(/^\$argon2id\$/);
    expect(await db.twoFactorFactor.findUniqueOrThrow({ where: { id: factorId } })).toMatchObject({ status: "active", confirmedAt: T0 });
    // Turning 2FA on asks at every login (the person may pick otherwise afterwards).
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ twoFactorChangedAt: T0, lastFactorType: "totp", twoFactorLevel: "every_login" });
    expect(await auditTypes(user.id)).toEqual(["two_factor.enabled", "two_factor.level_changed", "recovery_codes.generated"]);
  });

  it("an enrolment older than 30 minutes expires", async () => {
    const user = await createUser();
    const { factorId, secret } = await startEnrolment(user.id, T0);
    const late = at(30 * MINUTE + 1_000);

    await rejectsWith(confirm(user.id, factorId, generateTotp(secret, late), late), "enrolment_expired");
    expect((await getTwoFactorStatus(user.id, late)).state).toBe("not_enabled");

    const other = await createUser();
    const inTime = await startEnrolment(other.id, T0);
    const justInTime = at(29 * MINUTE);
    expect(await confirm(other.id, inTime.factorId, generateTotp(inTime.secret, justInTime), justInTime)).toMatchObject({ reenrolled: false });
  });
});

describe("re-enrolling while 2FA is on", { timeout: 60_000 }, () => {
  it("the old authenticator works until the new one is confirmed, then only the new one does", async () => {
    const user = await createUser();
    const old = await enrolTotp(user.id, T0);
    const codesBefore = await db.recoveryCode.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } });

    const next = await startEnrolment(user.id, steps(1));
    expect(await signInWith(user.id, "totp", generateTotp(next.secret, steps(2)), steps(2))).toMatchObject({ ok: false, code: "invalid_code" });
    expect(await signInWith(user.id, "totp", generateTotp(old.secret, steps(2)), steps(2))).toMatchObject({ ok: true });

    expect(await confirm(user.id, next.factorId, generateTotp(next.secret, steps(3)), steps(3))).toEqual({ recoveryCodes: null, reenrolled: true });

    expect(await signInWith(user.id, "totp", generateTotp(old.secret, steps(5)), steps(5))).toMatchObject({ ok: false, code: "invalid_code" });
    expect(await signInWith(user.id, "totp", generateTotp(next.secret, steps(5)), steps(5))).toMatchObject({ ok: true });
    const factors = await db.twoFactorFactor.findMany({ where: { userId: user.id } });
    expect(factors.map(({ id, status }) => ({ id, status }))).toEqual([{ id: next.factorId, status: "active" }]);
    expect(await db.recoveryCode.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } })).toEqual(codesBefore);
    expect(await db.auditEvent.count({ where: { actorId: user.id, type: "two_factor.reenrolled" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { actorId: user.id, type: "recovery_codes.generated" } })).toBe(1);
  });

  it("keeps the level the person picked: only the first factor sets Every login", async () => {
    const user = await createUser();
    await enrolTotp(user.id, T0);
    await db.user.update({ where: { id: user.id }, data: { twoFactorLevel: "once_per_computer" } });
    const next = await startEnrolment(user.id, steps(1));
    await confirm(user.id, next.factorId, generateTotp(next.secret, steps(2)), steps(2));
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ twoFactorLevel: "once_per_computer" });
    expect(await db.auditEvent.count({ where: { actorId: user.id, type: "two_factor.level_changed" } })).toBe(1);
  });
});

describe("getTwoFactorStatus", { timeout: 60_000 }, () => {
  it("is not_enabled without an active factor", async () => {
    const user = await createUser();
    await startEnrolment(user.id, T0);
    expect(await getTwoFactorStatus(user.id, T0)).toMatchObject({ state: "not_enabled", totp: null, recoveryLow: false });
  });

  it("is enabled for 180 days after the last factor change, then expired", async () => {
    const user = await createUser();
    await enrolTotp(user.id, T0);
    expect((await getTwoFactorStatus(user.id, T0)).state).toBe("enabled");
    expect((await getTwoFactorStatus(user.id, at(180 * DAY))).state).toBe("enabled");
    expect((await getTwoFactorStatus(user.id, at(180 * DAY + 1))).state).toBe("expired");
  });

  it("says recovery codes are low at 3 remaining", async () => {
    const user = await createUser();
    await enrolTotp(user.id, T0);
    const useCodes = async (count: number) => {
      const unused = await db.recoveryCode.findMany({ where: { userId: user.id, usedAt: null }, take: count });
      await db.recoveryCode.updateMany({ where: { id: { in: unused.map((code) => code.id) } }, data: { usedAt: T0 } });
    };

    await useCodes(12);
    expect(await getTwoFactorStatus(user.id, T0)).toMatchObject({ recoveryRemaining: 4, recoveryLow: false });
    await useCodes(1);
    expect(await getTwoFactorStatus(user.id, T0)).toMatchObject({ recoveryRemaining: 3, recoveryLow: true });
  });
});

describe("disableTwoFactor", { timeout: 60_000 }, () => {
  it("removes the factors and recovery codes, records two_factor.disabled and emails the person", async () => {
    const user = await createUser();
    await enrolTotp(user.id, T0);
    await startEnrolment(user.id, steps(1)); // a pending re-enrolment goes too

    await disableTwoFactor(await sudoActor(user.id), context);

    expect(await db.twoFactorFactor.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect((await getTwoFactorStatus(user.id, steps(2))).state).toBe("not_enabled");
    expect(await db.auditEvent.count({ where: { actorId: user.id, type: "two_factor.disabled", outcome: "success" } })).toBe(1);
    const notices = await db.outboxMessage.count({ where: { to: user.email, subject: "Two-factor authentication was turned off for your Tessera account" } });
    expect(notices).toBe(1);
  });

  it("refuses when 2FA is not on, and changes nothing", async () => {
    const user = await createUser();
    await rejectsWith(disableTwoFactor(await sudoActor(user.id), context), "two_factor_not_enabled");
    expect(await db.auditEvent.count({ where: { actorId: user.id } })).toBe(0);
    expect(await db.outboxMessage.count({ where: { to: user.email } })).toBe(0);
  });
});

describe("regenerateRecoveryCodes", { timeout: 60_000 }, () => {
  it("replaces the whole set: every old code stops working, the new ones work", async () => {
    const user = await createUser();
    const { recoveryCodes: oldCodes } = await enrolTotp(user.id, T0);

    const newCodes = await regenerateRecoveryCodes(await sudoActor(user.id), context);

    expect(newCodes).toHaveLength(16);
    expect(newCodes.filter((code) => oldCodes.includes(code))).toEqual([]);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(16);
    for (const code of [oldCodes[0]!, oldCodes[15]!]) {
      expect(await signInWith(user.id, "recovery_code", code, steps(1))).toMatchObject({ ok: false, code: "invalid_code" });
    }
    expect(await signInWith(user.id, "recovery_code", newCodes[0]!, steps(1))).toMatchObject({ ok: true, recoveryRemaining: 15 });
    const events = await db.auditEvent.findMany({ where: { actorId: user.id, type: "recovery_codes.regenerated" } });
    expect(events.map((event) => event.metadata)).toEqual([{ count: 16 }]);
  });
});
