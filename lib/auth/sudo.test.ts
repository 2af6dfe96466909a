import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context, createUser, openSession, PASSWORD } from "@/test/factories";
import { hasSudo, verifySudoPassword } from "./sudo";

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
  const attempt = (userId: string, sessionId: string, password: string, now: Date) =>
    verifySudoPassword({ userId, sessionId, password }, context, now);
  const sessionRow = (id: string) => db.session.findUniqueOrThrow({ where: { id } });

  it("the right password renews verifiedAt and records sudo.granted", async () => {
    const { user, session } = await signedIn();
    const later = at(40 * MINUTE);

    expect(await attempt(user.id, session.id, PASSWORD, later)).toEqual({ ok: true });

    expect((await sessionRow(session.id)).verifiedAt).toEqual(later);
    const events = await db.auditEvent.findMany({ where: { actorId: user.id, type: "sudo.granted" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: "success", ip: context.ip, userAgent: context.userAgent, metadata: { method: "password", sessionId: session.id } });
  });

  it("a wrong password grants nothing", async () => {
    const { user, session } = await signedIn();
    expect(await attempt(user.id, session.id, "not the password", at(40 * MINUTE))).toEqual({ ok: false, code: "invalid_credentials" });
    const row = await sessionRow(session.id);
    expect(row.verifiedAt).toEqual(T0);
    expect(row.revokedAt).toBeNull();
    expect(await db.auditEvent.count({ where: { actorId: user.id, type: "sudo.failed", outcome: "failure" } })).toBe(1);
  });

  it("the fifth wrong password ends the session", async () => {
    const { user, session } = await signedIn();
    const later = at(40 * MINUTE);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await attempt(user.id, session.id, `wrong ${i}`, later));

    expect(results.slice(0, 4)).toEqual(Array(4).fill({ ok: false, code: "invalid_credentials" }));
    expect(results[4]).toEqual({ ok: false, code: "challenge_over" });
    expect((await sessionRow(session.id)).revokedAt).toEqual(later);
    const revoked = await db.auditEvent.findMany({ where: { actorId: user.id, type: "session.revoked" } });
    expect(revoked.map((event) => event.metadata)).toEqual([{ sessionId: session.id, reason: "too_many_passwords" }]);
  });
});
