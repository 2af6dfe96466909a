import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { changePassword } from "@/lib/auth/change-credentials";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { context, createUser, enrolTotp, PASSWORD, sudoActor } from "@/test/factories";
import { disableTwoFactor } from "./disable";
import { trustComputer } from "./trusted-computers";

/**
 * Everything that changes how the account is protected ends every trusted computer in the same
 * transaction: a password change, a reset (lib/auth/password-reset.test.ts), 2FA turned off,
 * level Disabled (lib/mfa/level.test.ts).
 */
const NEW_PASSWORD = "another long and unusual passphrase";

async function trustedPerson() {
  const user = await createUser();
  await enrolTotp(user.id);
  await db.user.update({ where: { id: user.id }, data: { twoFactorLevel: "once_per_computer" } });
  const computers = [await trustComputer(user.id, "totp", context), await trustComputer(user.id, "totp", context)];
  return { user, computers };
}

const liveTrust = (userId: string) => db.trustedComputer.count({ where: { userId, revokedAt: null } });
const revokedEvent = async (userId: string) =>
  (await db.auditEvent.findFirst({ where: { subjectId: userId, type: "trusted_computer.revoked" } }))?.metadata;

describe("trust ends", { timeout: 60_000 }, () => {
  it("with a password change: the trusted browser is challenged again at its next sign-in", async () => {
    const { user, computers } = await trustedPerson();

    await changePassword(await sudoActor(user.id), NEW_PASSWORD, context);

    expect(await liveTrust(user.id)).toBe(0);
    expect(await revokedEvent(user.id)).toEqual({ count: 2, reason: "password_changed" });
    const next = await signInWithPassword({ email: user.email, password: NEW_PASSWORD, trustToken: computers[0]!.value }, { ip: "192.0.2.200", userAgent: "vitest" });
    expect(next.ok && (await db.session.findUniqueOrThrow({ where: { id: next.sessionId } })).pendingStep).toBe("two_factor");
  });

  it("when 2FA is turned off, which also sets the level to Disabled", async () => {
    const { user } = await trustedPerson();

    await disableTwoFactor(await sudoActor(user.id), context);

    expect(await liveTrust(user.id)).toBe(0);
    expect(await revokedEvent(user.id)).toEqual({ count: 2, reason: "two_factor_disabled" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).twoFactorLevel).toBe("disabled");
  });

  it("not for a password check that fails", async () => {
    const { user } = await trustedPerson();
    await signInWithPassword({ email: user.email, password: `${PASSWORD} but wrong` }, { ip: "192.0.2.201", userAgent: "vitest" });
    expect(await liveTrust(user.id)).toBe(2);
  });
});
