import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context, createUser, enrolTotp, openSession, sudoActor } from "@/test/factories";
import { disableTwoFactor } from "./disable";
import { recordFactorAdded, removeFactor } from "./factor-changes";
import { setPreferredFactor } from "./preferred-factor";

const T0 = new Date(Date.UTC(2026, 6, 1, 9));
const MINUTE = 60_000;

/** A security key row as registration leaves it (lib/mfa/webauthn writes the real ones). */
async function addKey(userId: string, name: string, now = T0) {
  const key = await db.twoFactorFactor.create({
    data: { userId, type: "webauthn", status: "active", name, credentialId: crypto.randomBytes(16).toString("base64url"), publicKey: Buffer.alloc(8), signCount: 0n, confirmedAt: now },
  });
  await db.$transaction((tx) => recordFactorAdded(tx, { userId, factorId: key.id, type: "webauthn", name }, context, now));
  return key;
}

const rejectsWith = (promise: Promise<unknown>, code: string) => expect(promise).rejects.toMatchObject({ name: "AppError", code });

describe("factor changes", { timeout: 60_000 }, () => {
  it("the first factor turns 2FA on at Every login and is preferred; a second changes neither", async () => {
    const user = await createUser();
    const first = await addKey(user.id, "YubiKey");
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ twoFactorLevel: "every_login", preferredFactorId: first.id, lastFactorType: "webauthn" });
    await db.user.update({ where: { id: user.id }, data: { twoFactorLevel: "once_per_computer" } });
    await addKey(user.id, "Laptop");
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ twoFactorLevel: "once_per_computer", preferredFactorId: first.id });
    const events = await db.auditEvent.findMany({ where: { actorId: user.id, type: { startsWith: "two_factor." } }, orderBy: { createdAt: "asc" } });
    expect(events.map((event) => `${event.type} ${(event.metadata as { name?: string }).name ?? ""}`.trim()).sort()).toEqual([
      "two_factor.enabled YubiKey",
      "two_factor.factor_added Laptop",
      "two_factor.level_changed",
    ]);
  });

  it("removing one of several factors keeps 2FA on and forgets it as preferred", async () => {
    const user = await createUser();
    const key = await addKey(user.id, "YubiKey");
    await addKey(user.id, "Laptop");
    const result = await removeFactor(await sudoActor(user.id, T0), { factorId: key.id }, context, T0);
    expect(result).toEqual({ removed: { type: "webauthn", name: "YubiKey", hint: null }, twoFactorOff: false });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ twoFactorLevel: "every_login", preferredFactorId: null });
  });

  it("the last factor asks for confirmation, then turns 2FA off: level Disabled, codes and trusted computers gone", async () => {
    const user = await createUser();
    const { factorId } = await enrolTotp(user.id, T0);
    await db.user.update({ where: { id: user.id }, data: { twoFactorLevel: "once_per_computer" } });
    await db.trustedComputer.create({ data: { userId: user.id, tokenHash: crypto.randomBytes(32).toString("hex"), expiresAt: new Date(T0.getTime() + 30 * 24 * 60 * MINUTE) } });
    const actor = await sudoActor(user.id, T0);
    await rejectsWith(removeFactor(actor, { factorId }, context, T0), "last_factor_confirm");
    expect(await db.twoFactorFactor.count({ where: { id: factorId } })).toBe(1);

    expect((await removeFactor(actor, { factorId, confirmLast: true }, context, T0)).twoFactorOff).toBe(true);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ twoFactorLevel: "disabled", preferredFactorId: null, twoFactorChangedAt: null });
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.trustedComputer.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    const [event] = await db.auditEvent.findMany({ where: { actorId: user.id, type: "two_factor.factor_removed" } });
    expect(event?.metadata).toMatchObject({ factor: "totp", twoFactorOff: true });
  });

  it("needs sudo, and touches only the person's own factors", async () => {
    const owner = await createUser();
    const stranger = await createUser();
    const key = await addKey(owner.id, "YubiKey");
    const stale = await openSession(owner.id, null, new Date(T0.getTime() - 60 * MINUTE));
    await rejectsWith(removeFactor({ userId: owner.id, sessionId: stale.id }, { factorId: key.id }, context, T0), "sudo_required");
    await rejectsWith(removeFactor(await sudoActor(stranger.id, T0), { factorId: key.id, confirmLast: true }, context, T0), "factor_not_found");
    expect(await db.twoFactorFactor.count({ where: { id: key.id } })).toBe(1);
  });

  it("a preferred method must be the person's own active factor, never a fallback number", async () => {
    const user = await createUser();
    const stranger = await createUser();
    await addKey(user.id, "YubiKey");
    const laptop = await addKey(user.id, "Laptop");
    const fallback = await db.twoFactorFactor.create({ data: { userId: user.id, type: "sms", status: "active", fallback: true, phoneHint: "•• 99" } });
    const theirs = await addKey(stranger.id, "Theirs");
    await setPreferredFactor(user.id, laptop.id, context);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).preferredFactorId).toBe(laptop.id);
    await rejectsWith(setPreferredFactor(user.id, fallback.id, context), "factor_not_found");
    await rejectsWith(setPreferredFactor(user.id, theirs.id, context), "factor_not_found");
    expect(await db.auditEvent.count({ where: { actorId: user.id, type: "two_factor.preferred_changed" } })).toBe(1);
  });

  it("turning 2FA off sets the level to Disabled and remembers the preferred method for next time (Twilio)", async () => {
    const user = await createUser();
    await enrolTotp(user.id, T0);
    const key = await addKey(user.id, "YubiKey");
    await setPreferredFactor(user.id, key.id, context);
    await db.user.update({ where: { id: user.id }, data: { lastFactorType: "totp" } });
    await disableTwoFactor(await sudoActor(user.id, new Date()), context);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ twoFactorLevel: "disabled", preferredFactorId: null, lastFactorType: "webauthn" });
  });
});
