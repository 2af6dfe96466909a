import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context, createUser, enrolTotp, sudoActor } from "@/test/factories";
import { enrolSecurityKey, SoftwareAuthenticator } from "@/test/webauthn-authenticator";
import { keyNameSchema } from "./key-names";
import { finishKeyRegistration, startKeyRegistration } from "./registration";
import { relyingParty } from "./relying-party";
import { renameSecurityKey } from "./rename-key";

const T0 = new Date(Date.UTC(2026, 10, 26, 9));
const MINUTE = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);
const rejectsWith = (promise: Promise<unknown>, code: string) => expect(promise).rejects.toMatchObject({ name: "AppError", code });

/** Starts a registration from a fresh sudo session and returns what the browser would get. */
async function started(userId: string, name = "YubiKey 5C", now = T0) {
  const actor = await sudoActor(userId, now);
  const options = await startKeyRegistration(actor, { name }, now);
  return { actor, options, authenticator: new SoftwareAuthenticator(relyingParty()) };
}

const finish = (actor: { userId: string; sessionId: string }, name: string, response: unknown, now = T0) =>
  finishKeyRegistration(actor, { name, response: JSON.stringify(response) }, context, now);

describe("the relying party", () => {
  it("is APP_URL's host name and origin", () => {
    expect(relyingParty("https://tessera.example.com:8443/app")).toEqual({ rpID: "tessera.example.com", rpName: "Tessera", origin: "https://tessera.example.com:8443" });
    expect(relyingParty()).toEqual({ rpID: "localhost", rpName: "Tessera", origin: "http://localhost:3000" });
  });
});

describe("registering a security key", { timeout: 60_000 }, () => {
  it("offers keys and passkeys without attestation, and excludes the person's keys", async () => {
    const user = await createUser();
    const first = await enrolSecurityKey(user.id, T0, { name: "Blue key" });
    const { options } = await started(user.id, "Green key");
    expect(options).toMatchObject({
      rp: { id: "localhost", name: "Tessera" },
      user: { name: user.email, displayName: user.name },
      attestation: "none",
      timeout: 5 * MINUTE,
      authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
      excludeCredentials: [{ id: first.authenticator.id, type: "public-key", transports: ["usb"] }],
    });
    const stored = await db.webAuthnChallenge.findUniqueOrThrow({ where: { challenge: options.challenge } });
    expect(stored).toMatchObject({ userId: user.id, purpose: "register", expiresAt: at(5 * MINUTE), usedAt: null });
  });

  it("stores the key at once with its counter, transports, AAGUID and backup flags, and records it", async () => {
    const user = await createUser();
    const { actor, options, authenticator } = await started(user.id);
    const result = await finish(actor, "YubiKey 5C", authenticator.register(options));

    const key = await db.twoFactorFactor.findUniqueOrThrow({ where: { id: result.factorId } });
    expect(key).toMatchObject({
      type: "webauthn",
      status: "active",
      name: "YubiKey 5C",
      credentialId: authenticator.id,
      signCount: 0n,
      transports: ["usb"],
      aaguid: [...authenticator.aaguid.toString("hex").match(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/)!.slice(1)].join("-"),
      backupEligible: false,
      backedUp: false,
      confirmedAt: T0,
    });
    expect(Buffer.from(key.publicKey!)).toEqual(authenticator.coseKey());
    const added = await db.auditEvent.findFirstOrThrow({ where: { subjectId: user.id, type: "two_factor.enabled" } });
    expect(added.metadata).toEqual({ factor: "webauthn", factorId: key.id, name: "YubiKey 5C" });
    // The challenge is used: the same answer again registers nothing.
    expect((await db.webAuthnChallenge.findUniqueOrThrow({ where: { challenge: options.challenge } })).usedAt).toEqual(T0);
  });

  it("as the first factor: turns 2FA on (Every login, preferred) and hands out recovery codes once", async () => {
    const user = await createUser();
    const first = await enrolSecurityKey(user.id, T0);
    expect(first.recoveryCodes).toHaveLength(16);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ twoFactorLevel: "every_login", preferredFactorId: first.factorId, lastFactorType: "webauthn" });
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "recovery_codes.generated" } })).toBe(1);

    const second = await enrolSecurityKey(user.id, at(MINUTE));
    expect(second.recoveryCodes).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).preferredFactorId).toBe(first.factorId);
  });

  it("beside an authenticator app: keeps the recovery codes the person has", async () => {
    const user = await createUser();
    await enrolTotp(user.id, T0);
    const key = await enrolSecurityKey(user.id, at(MINUTE));
    expect(key.recoveryCodes).toBeNull();
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(16);
    // Not the first factor, so not made the preferred one.
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).preferredFactorId).not.toBe(key.factorId);
  });

  it("stores a synced passkey as backup eligible and backed up", async () => {
    const user = await createUser();
    const { factorId } = await enrolSecurityKey(user.id, T0, { passkey: true });
    expect(await db.twoFactorFactor.findUniqueOrThrow({ where: { id: factorId } })).toMatchObject({ backupEligible: true, backedUp: true, signCount: 0n });
  });

  it("needs sudo mode, at the start and at the end", async () => {
    const user = await createUser();
    const actor = await sudoActor(user.id, T0);
    await rejectsWith(startKeyRegistration(actor, { name: "Late" }, at(16 * MINUTE)), "sudo_required");
    const { options, authenticator } = await started(user.id, "Late", T0);
    await rejectsWith(finish(actor, "Late", authenticator.register(options), at(16 * MINUTE)), "sudo_required");
    expect(await db.twoFactorFactor.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses an answer for another origin or RP ID, a replayed one, an expired one, and one from another session", async () => {
    const user = await createUser();
    const bent = async (bend: Parameters<SoftwareAuthenticator["register"]>[1], now = T0) => {
      const { actor, options, authenticator } = await started(user.id, "Key");
      return finish(actor, "Key", authenticator.register(options, bend), now);
    };
    await rejectsWith(bent({ origin: "https://tessera.example.evil" }), "key_not_verified");
    await rejectsWith(bent({ rpID: "evil.example" }), "key_not_verified");
    await rejectsWith(bent({}, at(5 * MINUTE)), "enrolment_expired");

    const { actor, options, authenticator } = await started(user.id, "Key");
    const answer = authenticator.register(options);
    const other = await sudoActor(user.id, T0);
    await rejectsWith(finish(other, "Key", answer), "enrolment_expired");
    await finish(actor, "Key", answer);
    await rejectsWith(finish(actor, "Key 2", answer), "enrolment_expired");
    expect(await db.twoFactorFactor.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "two_factor.enrolment_failed" } })).toBe(2);
  });

  it("refuses a malformed answer without consuming anything", async () => {
    const user = await createUser();
    const { actor, options } = await started(user.id, "Key");
    await rejectsWith(finishKeyRegistration(actor, { name: "Key", response: "{not json" }, context, T0), "key_not_verified");
    await rejectsWith(finish(actor, "Key", { id: "x", type: "public-key" }), "key_not_verified");
    expect((await db.webAuthnChallenge.findUniqueOrThrow({ where: { challenge: options.challenge } })).usedAt).toBeNull();
  });

  it("refuses a credential that is already registered, to anyone", async () => {
    const owner = await createUser();
    const { authenticator } = await enrolSecurityKey(owner.id, T0);
    const thief = await createUser();
    const { actor, options } = await started(thief.id, "Copied key");
    await rejectsWith(finish(actor, "Copied key", authenticator.register(options)), "key_already_registered");
    expect(await db.twoFactorFactor.count({ where: { userId: thief.id } })).toBe(0);
  });
});

describe("key names", { timeout: 60_000 }, () => {
  it("are trimmed, required, at most 64 characters, without control characters", () => {
    expect(keyNameSchema.parse("  YubiKey 5C  ")).toBe("YubiKey 5C");
    expect(keyNameSchema.parse("👩‍💻 laptop")).toBe("👩‍💻 laptop");
    expect(keyNameSchema.safeParse("   ").error?.issues[0]?.message).toBe("validation.enterKeyName");
    expect(keyNameSchema.safeParse("x".repeat(65)).error?.issues[0]?.message).toBe("validation.keyNameTooLong");
    expect(keyNameSchema.safeParse("x".repeat(64)).success).toBe(true);
    expect(keyNameSchema.safeParse("evil\u202Egnp.exe").error?.issues[0]?.message).toBe("validation.keyNameInvalid");
    expect(keyNameSchema.safeParse("two\nlines").success).toBe(false);
  });

  it("are unique per person, whatever the case, before the key is touched and when it is stored", async () => {
    const user = await createUser();
    await enrolSecurityKey(user.id, T0, { name: "YubiKey" });
    const actor = await sudoActor(user.id, T0);
    await rejectsWith(startKeyRegistration(actor, { name: "yubikey" }, T0), "key_name_taken");
    // Another person may use the same name.
    const other = await createUser();
    await expect(enrolSecurityKey(other.id, T0, { name: "YubiKey" })).resolves.toMatchObject({ name: "YubiKey" });
    // Taken between the start and the end: refused before the challenge is used.
    const { actor: late, options, authenticator } = await started(user.id, "Spare");
    await enrolSecurityKey(user.id, T0, { name: "SPARE" });
    await rejectsWith(finish(late, "Spare", authenticator.register(options)), "key_name_taken");
    expect((await db.webAuthnChallenge.findUniqueOrThrow({ where: { challenge: options.challenge } })).usedAt).toBeNull();
  });

  it("can be changed, with both names in the security log; a taken name or another person's key is refused", async () => {
    const user = await createUser();
    const { factorId } = await enrolSecurityKey(user.id, T0, { name: "Blue" });
    await enrolSecurityKey(user.id, T0, { name: "Green" });
    const actor = await sudoActor(user.id, T0);

    expect(await renameSecurityKey(actor, { factorId, name: "Navy" }, context)).toEqual({ changed: true });
    expect((await db.twoFactorFactor.findUniqueOrThrow({ where: { id: factorId } })).name).toBe("Navy");
    const renamed = await db.auditEvent.findFirstOrThrow({ where: { subjectId: user.id, type: "two_factor.factor_renamed" } });
    expect(renamed.metadata).toEqual({ factor: "webauthn", factorId, oldName: "Blue", newName: "Navy" });
    expect(await renameSecurityKey(actor, { factorId, name: "Navy" }, context)).toEqual({ changed: false });
    // Its own name in another case is no clash.
    expect(await renameSecurityKey(actor, { factorId, name: "NAVY" }, context)).toEqual({ changed: true });

    await rejectsWith(renameSecurityKey(actor, { factorId, name: "green" }, context), "key_name_taken");
    const stranger = await createUser();
    await rejectsWith(renameSecurityKey(await sudoActor(stranger.id, T0), { factorId, name: "Mine" }, context), "factor_not_found");
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "two_factor.factor_renamed" } })).toBe(2);
  });
});
