import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { projectVerdict } from "@/lib/policy/project";
import { context, createUser, openSession, sudoActor } from "@/test/factories";
import { lastPhoneCode, phone } from "@/test/phone";
import { SoftwareAuthenticator } from "@/test/webauthn-authenticator";
import { startPhoneEnrolment, verifyPhoneEnrolment } from "./phone-enrolment";
import { generateTotp } from "./totp";
import { confirmTotpEnrolment, startTotpEnrolment } from "./totp-enrolment";
import { finishKeyRegistration, startKeyRegistration } from "./webauthn/registration";
import { relyingParty } from "./webauthn/relying-party";

/**
 * Confirming a new factor is passing it (lib/mfa/factor-changes.ts passFactorInSession): the
 * acting session, and only it, records the method and the time, so a member led through a
 * project's enrolment is not asked for the factor again at once under "Every login".
 */
const T0 = new Date(Date.UTC(2026, 10, 27, 9));
const proof = (sessionId: string) => db.session.findUniqueOrThrow({ where: { id: sessionId }, select: { factorVerifiedAt: true, factorMethod: true } });
const everyLogin = { requiredLevel: "every_login", secureMethodsOnly: false, graceEndsAt: null, graceScope: "everyone" } as const;

describe("a confirmed enrolment counts as passing the factor in its session", { timeout: 60_000 }, () => {
  it("the authenticator app: the acting session, not the person's other sessions", async () => {
    const user = await createUser();
    const actor = await sudoActor(user.id, T0);
    const other = await openSession(user.id, null, T0);
    expect(projectVerdict(everyLogin, { level: "disabled", factorTypes: ["totp"], exemptUntil: null }, await proof(actor.sessionId), T0)).toEqual({ kind: "verify" });

    const started = await startTotpEnrolment(actor, T0);
    await confirmTotpEnrolment(actor, { factorId: started.factorId, code: generateTotp(started.setupKey.replace(/\s+/g, ""), T0) }, context, T0);
    expect(await proof(actor.sessionId)).toEqual({ factorVerifiedAt: T0, factorMethod: "totp" });
    expect(await proof(other.id)).toEqual({ factorVerifiedAt: null, factorMethod: null });
    expect(projectVerdict(everyLogin, { level: "every_login", factorTypes: ["totp"], exemptUntil: null }, await proof(actor.sessionId), T0)).toEqual({ kind: "allowed" });
  });

  it("a wrong first code marks nothing; a bare user id (seeding) marks no session", async () => {
    const user = await createUser();
    const actor = await sudoActor(user.id, T0);
    const started = await startTotpEnrolment(actor, T0);
    const secret = started.setupKey.replace(/\s+/g, "");
    const wrong = generateTotp(secret, T0) === "000000" ? "111111" : "000000";
    await expect(confirmTotpEnrolment(actor, { factorId: started.factorId, code: wrong }, context, T0)).rejects.toMatchObject({ code: "invalid_code" });
    expect(await proof(actor.sessionId)).toEqual({ factorVerifiedAt: null, factorMethod: null });
    await confirmTotpEnrolment(user.id, { factorId: started.factorId, code: generateTotp(secret, T0) }, context, T0);
    expect(await proof(actor.sessionId)).toEqual({ factorVerifiedAt: null, factorMethod: null });
  });

  it("a security key", async () => {
    const user = await createUser();
    const actor = await sudoActor(user.id, T0);
    const authenticator = new SoftwareAuthenticator(relyingParty());
    const creation = await startKeyRegistration(actor, { name: "YubiKey" }, T0);
    await finishKeyRegistration(actor, { name: "YubiKey", response: JSON.stringify(authenticator.register(creation)) }, context, T0);
    expect(await proof(actor.sessionId)).toEqual({ factorVerifiedAt: T0, factorMethod: "webauthn" });
  });

  it("a phone number, by the channel it was verified on; an ended session is not marked", async () => {
    const user = await createUser();
    const actor = await sudoActor(user.id, T0);
    const number = phone("+81 90-1234-5678");
    const started = await startPhoneEnrolment(actor, { phone: number, channel: "voice", fallback: false }, context, T0);
    await verifyPhoneEnrolment(actor, { factorId: started.factorId, code: await lastPhoneCode(number.e164) }, context, T0);
    expect(await proof(actor.sessionId)).toEqual({ factorVerifiedAt: T0, factorMethod: "voice" });

    const someone = await createUser();
    const ended = await sudoActor(someone.id, T0);
    const second = phone("+81 90-8765-4321");
    const begun = await startPhoneEnrolment(ended, { phone: second, channel: "sms", fallback: false }, context, T0);
    const code = await lastPhoneCode(second.e164);
    // The session ends between the code and its check (signed out in another tab): the number
    // is still verified with the code, but no ended session is marked.
    await db.session.update({ where: { id: ended.sessionId }, data: { revokedAt: T0 } });
    await verifyPhoneEnrolment(ended, { factorId: begun.factorId, code }, context, T0);
    expect(await proof(ended.sessionId)).toEqual({ factorVerifiedAt: null, factorMethod: null });
  });
});
