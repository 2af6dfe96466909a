import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { context, createUser, enrolTotp, PASSWORD, sudoActor } from "@/test/factories";
import { setLevelAfterFirstFactor, setTwoFactorLevel } from "./level";
import { trustComputer } from "./trusted-computers";

const T0 = new Date(Date.UTC(2026, 10, 26, 10));
const at = (ms: number) => new Date(T0.getTime() + ms);
const HOUR = 3_600_000;

const levelOf = async (userId: string) => (await db.user.findUniqueOrThrow({ where: { id: userId } })).twoFactorLevel;
const levelEvents = async (userId: string) =>
  (await db.auditEvent.findMany({ where: { subjectId: userId, type: "two_factor.level_changed" } })).map((event) => event.metadata);

/** A person with an authenticator (level Every login) acting from a session that signed in at `now` (in sudo mode then). */
async function personWithFactor(now = T0) {
  const user = await createUser();
  await enrolTotp(user.id, now);
  return { user, actor: await sudoActor(user.id, now) };
}

describe("setTwoFactorLevel", { timeout: 60_000 }, () => {
  it("refuses any level above Disabled without a real second factor, with a typed error, and changes nothing", async () => {
    const user = await createUser();
    const actor = await sudoActor(user.id, T0);
    await expect(setTwoFactorLevel(actor, "every_login", context, T0)).rejects.toMatchObject({ name: "AppError", code: "two_factor_level_needs_factor" });
    await expect(setTwoFactorLevel(actor, "once_per_computer", context, T0)).rejects.toMatchObject({ code: "two_factor_level_needs_factor" });
    expect(await levelOf(user.id)).toBe("disabled");
    expect(await levelEvents(user.id)).toEqual([]);
  });

  it("lowering needs sudo; raising does not; each change is one event with from and to", async () => {
    const { user, actor } = await personWithFactor();
    const later = at(HOUR); // long past the sudo window

    await expect(setTwoFactorLevel(actor, "once_per_computer", context, later)).rejects.toMatchObject({ code: "sudo_required", details: { sudo: "two_factor" } });
    expect(await levelOf(user.id)).toBe("every_login");

    expect(await setTwoFactorLevel(actor, "once_per_computer", context, at(60_000))).toBe(true);
    expect(await setTwoFactorLevel(actor, "every_login", context, later)).toBe(true);
    expect(await setTwoFactorLevel(actor, "every_login", context, later)).toBe(false);

    const events = await levelEvents(user.id);
    expect(events).toHaveLength(3);
    expect(events).toEqual(
      expect.arrayContaining([
        { from: "disabled", to: "every_login", reason: "first_factor" },
        { from: "every_login", to: "once_per_computer" },
        { from: "once_per_computer", to: "every_login" },
      ]),
    );
  });

  it("Disabled revokes every trusted computer in the same change", async () => {
    const { user, actor } = await personWithFactor();
    await setTwoFactorLevel(actor, "once_per_computer", context, at(1));
    await trustComputer(user.id, "totp", context, at(2));
    await trustComputer(user.id, "totp", context, at(3));

    await setTwoFactorLevel(actor, "disabled", context, at(4));

    expect(await levelOf(user.id)).toBe("disabled");
    expect(await db.trustedComputer.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    const [revoked] = await db.auditEvent.findMany({ where: { subjectId: user.id, type: "trusted_computer.revoked" } });
    expect(revoked?.metadata).toEqual({ count: 2, reason: "level_disabled" });
  });
});

describe("support staff", { timeout: 60_000 }, () => {
  it("cannot choose Disabled, and at Disabled anyway (set before the role) are still asked once per computer", async () => {
    const { user, actor } = await personWithFactor();
    await db.user.update({ where: { id: user.id }, data: { role: "support" } });

    await expect(setTwoFactorLevel(actor, "disabled", context, at(1))).rejects.toMatchObject({ code: "two_factor_level_below_role" });
    expect(await setTwoFactorLevel(actor, "once_per_computer", context, at(1))).toBe(true);

    await db.user.update({ where: { id: user.id }, data: { twoFactorLevel: "disabled" } });
    const signedIn = await signInWithPassword({ email: user.email, password: PASSWORD }, { ip: "192.0.2.77", userAgent: "vitest" });
    expect(signedIn.ok && (await db.session.findUniqueOrThrow({ where: { id: signedIn.sessionId } })).pendingStep).toBe("two_factor");
  });
});

describe("setLevelAfterFirstFactor", { timeout: 60_000 }, () => {
  it("sets Every login for the first factor only, and leaves a level the person picked alone", async () => {
    const { user } = await personWithFactor();
    expect(await levelOf(user.id)).toBe("every_login");

    await db.user.update({ where: { id: user.id }, data: { twoFactorLevel: "disabled" } });
    // A second factor confirmed later: the person chose Disabled with one already, and keeps it.
    await db.twoFactorFactor.create({ data: { userId: user.id, type: "totp", status: "active", confirmedAt: T0 } });
    expect(await db.$transaction((tx) => setLevelAfterFirstFactor(tx, user.id))).toBe(false);
    expect(await levelOf(user.id)).toBe("disabled");
  });
});
