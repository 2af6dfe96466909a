import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context, createUser, sudoActor } from "@/test/factories";
import { SoftwareAuthenticator } from "@/test/webauthn-authenticator";
import { parseRecoveryCode } from "./recovery-codes";
import { generateTotp } from "./totp";
import { confirmTotpEnrolment, startTotpEnrolment } from "./totp-enrolment";
import { finishKeyRegistration, startKeyRegistration } from "./webauthn/registration";
import { relyingParty } from "./webauthn/relying-party";

/**
 * Two first factors confirmed at once (an authenticator app in one tab, a security key in
 * another). Each reads "no recovery codes yet" before its transaction, each hashes a set and
 * each shows it once — but replaceRecoveryCodes deletes the other's set, so the set the person
 * saved from one tab does not work. finishKeyRegistration re-checks nothing under its lock and
 * confirmTotpEnrolment takes no lock at all (giveRecoveryCodes in phone-enrolment.ts does it right).
 */
describe("two first factors confirmed at once", { timeout: 120_000 }, () => {
  it("every recovery code shown to the person works", async () => {
    const now = new Date(Date.UTC(2026, 10, 26, 9, 0, 5));
    const user = await createUser();
    const totpActor = await sudoActor(user.id, now);
    const keyActor = await sudoActor(user.id, now);
    const totp = await startTotpEnrolment(totpActor, now);
    const secret = totp.setupKey.replace(/\s+/g, "");
    const authenticator = new SoftwareAuthenticator(relyingParty());
    const creation = await startKeyRegistration(keyActor, { name: "Blue key" }, now);

    const [app, key] = await Promise.all([
      confirmTotpEnrolment(user.id, { factorId: totp.factorId, code: generateTotp(secret, now) }, context, now),
      finishKeyRegistration(keyActor, { name: "Blue key", response: JSON.stringify(authenticator.register(creation)) }, context, now),
    ]);

    const shown = [...(app.recoveryCodes ?? []), ...(key.recoveryCodes ?? [])];
    const stored = new Set((await db.recoveryCode.findMany({ where: { userId: user.id }, select: { selector: true } })).map((row) => row.selector));
    const dead = shown.filter((code) => !stored.has(parseRecoveryCode(code)!.selector));
    expect({ shownSets: [app.recoveryCodes, key.recoveryCodes].filter(Boolean).length, dead: dead.length }).toEqual({ shownSets: 1, dead: 0 });
  });
});
