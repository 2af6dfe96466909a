import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context, createUser, openSession, PASSWORD } from "@/test/factories";
import { checkPassword } from "./password-check";
import { hasSudo } from "@/lib/policy";
import { verifySudoPassword } from "./sudo";

const T0 = new Date(Date.UTC(2026, 3, 1, 9));
const MINUTE = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

describe("hasSudo (SUDO_MINUTES defaults to 15)", () => {
  it("holds until just before 15 minutes after the last verification", () => {
    expect(hasSudo({ verifiedAt: T0 }, T0)).toBe(true);
    expect(hasSudo({ verifiedAt: T0 }, at(15 * MINUTE - 1))).toBe(true);
  });

  it("ends at exactly 15 minutes", () => {
    expect(hasSudo({ verifiedAt: T0 }, at(15 * MINUTE))).toBe(false);
    expect(hasSudo({ verifiedAt: T0 }, at(60 * MINUTE))).toBe(false);
  });

  it("is never granted to a session that has not verified", () => {
    expect(hasSudo({ verifiedAt: null }, T0)).toBe(false);
  });
});

describe("verifySudoPassword", { timeout: 30_000 }, () => {
  async function signedIn() {
    const user = await createUser();
    const session = await openSession(user.id, null, T0);
    return { user, session };
  }
  /** The refusal's code, or "ok". */
  const attempt = (userId: string, sessionId: string, password: string, now: Date) =>
    verifySudoPassword({ userId, sessionId, password }, context, now).then(
      () => "ok",
      (error: { code: string }) => error.code,
    );
  const sessionRow = (id: string) => db.session.findUniqueOrThrow({ where: { id } });

  it("the right password renews verifiedAt and records sudo.granted", async () => {
    const { user, session } = await signedIn();
    const later = at(40 * MINUTE);

    expect(await attempt(user.id, session.id, PASSWORD, later)).toBe("ok");

    expect((await sessionRow(session.id)).verifiedAt).toEqual(later);
    const events = await db.auditEvent.findMany({ where: { actorId: user.id, type: "sudo.granted" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: "success", ip: context.ip, userAgent: context.userAgent, metadata: { method: "password", sessionId: session.id } });
  });

  it("a wrong password grants nothing", async () => {
    const { user, session } = await signedIn();
    expect(await attempt(user.id, session.id, "not the password", at(40 * MINUTE))).toBe("invalid_credentials");
    const row = await sessionRow(session.id);
    expect(row.verifiedAt).toEqual(T0);
    expect(row.revokedAt).toBeNull();
    expect(await db.auditEvent.count({ where: { actorId: user.id, type: "sudo.failed", outcome: "failure" } })).toBe(1);
  });

  it("five wrong passwords pause the prompt for the email's 15 minutes, sign-in included; the session stays", async () => {
    const { user, session } = await signedIn();
    const later = at(40 * MINUTE);
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await attempt(user.id, session.id, i === 5 ? PASSWORD : `wrong ${i}`, later));

    expect(results.slice(0, 5)).toEqual(Array(5).fill("invalid_credentials"));
    // The right password is not even checked now.
    expect(results[5]).toBe("sudo_throttled");
    expect(await checkPassword({ email: user.email, password: PASSWORD, purpose: "sign_in" }, context, later)).toEqual({ ok: false, code: "throttled" });
    const row = await sessionRow(session.id);
    expect(row.revokedAt).toBeNull();
    expect(row.verifiedAt).toEqual(T0);
    expect(await db.auditEvent.count({ where: { actorId: user.id, type: "sudo.failed" } })).toBe(5);
  });
});
