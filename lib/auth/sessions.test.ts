import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context, createUser, openSession } from "@/test/factories";
import { createSession, findLiveSession, listSessions, revokeOtherSessions, revokeSession, SESSION_MAX_AGE_SECONDS } from "./sessions";

const T0 = new Date(Date.UTC(2026, 4, 10, 8));
const MINUTE = 60_000;
const MAX_AGE_MS = SESSION_MAX_AGE_SECONDS * 1000;
const at = (ms: number) => new Date(T0.getTime() + ms);
const sessionRow = (id: string) => db.session.findUniqueOrThrow({ where: { id } });

describe("createSession", { timeout: 30_000 }, () => {
  it("keeps the browser and system the User-Agent names, so the session list never parses it", async () => {
    const user = await createUser();
    const userAgent = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
    const session = await createSession(db, user.id, { ip: "203.0.113.9", userAgent }, null, T0);
    expect(await sessionRow(session.id)).toMatchObject({ userAgent, browserName: "Safari", osName: "macOS" });
  });
});

describe("findLiveSession", { timeout: 30_000 }, () => {
  it("returns a signed-in session with its user, without the password hash", async () => {
    const user = await createUser();
    const session = await openSession(user.id, null, T0);
    const live = await findLiveSession(session.id, at(MINUTE));
    expect(live).toMatchObject({ id: session.id, userId: user.id, user: { id: user.id, email: user.email } });
    expect(live?.user).not.toHaveProperty("passwordHash");
  });

  it("returns null for a revoked session", async () => {
    const user = await createUser();
    const session = await openSession(user.id, null, T0);
    await db.session.update({ where: { id: session.id }, data: { revokedAt: at(1) } });
    expect(await findLiveSession(session.id, at(MINUTE))).toBeNull();
  });

  it("returns null once the session has expired (30 days)", async () => {
    const user = await createUser();
    const session = await openSession(user.id, null, T0);
    expect(await findLiveSession(session.id, at(MAX_AGE_MS - 1))).not.toBeNull();
    expect(await findLiveSession(session.id, at(MAX_AGE_MS))).toBeNull();
  });

  it("returns null for a pending sign-in past its pendingUntil (10 minutes)", async () => {
    const user = await createUser();
    const session = await openSession(user.id, "two_factor", T0);
    expect(session.pendingUntil).toEqual(at(10 * MINUTE));
    expect(await findLiveSession(session.id, at(10 * MINUTE - 1))).toMatchObject({ id: session.id, pendingStep: "two_factor" });
    expect(await findLiveSession(session.id, at(10 * MINUTE))).toBeNull();
  });

  it("keeps a signed-in session alive past 10 minutes", async () => {
    const user = await createUser();
    const session = await openSession(user.id, null, T0);
    expect(await findLiveSession(session.id, at(60 * MINUTE))).not.toBeNull();
  });

  it("returns null for an unknown id", async () => {
    expect(await findLiveSession(crypto.randomUUID(), T0)).toBeNull();
  });
});

describe("revokeSession", { timeout: 30_000 }, () => {
  it("revokes the user's own session and records it", async () => {
    const user = await createUser();
    const session = await openSession(user.id, null, T0);
    expect(await revokeSession(user.id, session.id, context, "signed_out")).toBe(true);
    expect((await sessionRow(session.id)).revokedAt).not.toBeNull();
    const events = await db.auditEvent.findMany({ where: { actorId: user.id, type: "session.revoked" } });
    expect(events.map((event) => event.metadata)).toEqual([{ sessionId: session.id, reason: "signed_out" }]);
  });

  it("cannot revoke another user's session: false, the row untouched, nothing recorded", async () => {
    const owner = await createUser();
    const attacker = await createUser();
    const session = await openSession(owner.id, null, T0);
    const before = await sessionRow(session.id);

    expect(await revokeSession(attacker.id, session.id, context, "user")).toBe(false);

    expect(await sessionRow(session.id)).toEqual(before);
    expect(await db.auditEvent.count({ where: { actorId: attacker.id, type: "session.revoked" } })).toBe(0);
  });

  it("returns false for a session that is already revoked", async () => {
    const user = await createUser();
    const session = await openSession(user.id, null, T0);
    await revokeSession(user.id, session.id, context, "user");
    const revokedAt = (await sessionRow(session.id)).revokedAt;
    expect(await revokeSession(user.id, session.id, context, "user")).toBe(false);
    expect((await sessionRow(session.id)).revokedAt).toEqual(revokedAt);
  });
});

describe("revokeOtherSessions", { timeout: 30_000 }, () => {
  it("keeps the current session, revokes the user's others, counts those the person saw, and leaves other users alone", async () => {
    const user = await createUser();
    const someoneElse = await createUser();
    const current = await openSession(user.id, null, T0);
    const others = [await openSession(user.id, null, T0), await openSession(user.id, "two_factor", T0)];
    const alreadyRevoked = await openSession(user.id, null, T0);
    await db.session.update({ where: { id: alreadyRevoked.id }, data: { revokedAt: T0 } });
    const foreign = await openSession(someoneElse.id, null, T0);

    // The pending sign-in ends too, but it was never in the person's list, so it is not counted.
    expect(await revokeOtherSessions(user.id, current.id, context, T0)).toBe(1);

    expect((await sessionRow(current.id)).revokedAt).toBeNull();
    for (const other of others) expect((await sessionRow(other.id)).revokedAt).not.toBeNull();
    expect((await sessionRow(alreadyRevoked.id)).revokedAt).toEqual(T0);
    expect((await sessionRow(foreign.id)).revokedAt).toBeNull();
    const events = await db.auditEvent.findMany({ where: { actorId: user.id, type: "session.revoked_others" } });
    expect(events.map((event) => event.metadata)).toEqual([{ count: 1 }]);
  });
});

describe("listSessions", { timeout: 30_000 }, () => {
  it("lists the user's signed-in sessions, newest activity first, without pending sign-ins, revoked or expired ones", async () => {
    const user = await createUser();
    const older = await openSession(user.id, null, T0);
    const newer = await openSession(user.id, null, at(MINUTE));
    await openSession(user.id, "two_factor", at(2 * MINUTE));
    await openSession(user.id, "email_code", at(2 * MINUTE));
    const revoked = await openSession(user.id, null, at(MINUTE));
    await db.session.update({ where: { id: revoked.id }, data: { revokedAt: at(MINUTE) } });
    await openSession(user.id, null, at(-MAX_AGE_MS));
    await openSession((await createUser()).id, null, T0);

    const listed = await listSessions(user.id, at(3 * MINUTE));
    expect(listed.map((session) => session.id)).toEqual([newer.id, older.id]);
  });
});
