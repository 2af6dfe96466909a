import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { TRUST_TTL_MS } from "@/lib/policy";
import { context, createUser } from "@/test/factories";
import {
  listTrustedComputers,
  redeemTrustedComputer,
  revokeEveryTrustedComputer,
  revokeTrustedComputer,
  trustComputer,
  trustTokenHash,
} from "./trusted-computers";

const T0 = new Date(Date.UTC(2026, 10, 26, 9));
const at = (ms: number) => new Date(T0.getTime() + ms);
const DAY = 86_400_000;
const firefox = { ip: "198.51.100.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0" };

/** One use of a cookie value at `now`, in its own transaction, as a sign-in makes it. */
const redeem = (userId: string, value: string | null, now: Date, from = context) => db.$transaction((tx) => redeemTrustedComputer(tx, userId, value, from, now));

describe("trusting a computer", { timeout: 60_000 }, () => {
  it("keeps only the token's SHA-256, with the browser, address, first use and an end exactly 30 days on; tells the person", async () => {
    const user = await createUser();
    const trusted = await trustComputer(user.id, "totp", firefox, T0);

    expect(trusted.expiresAt).toEqual(at(30 * DAY));
    expect(TRUST_TTL_MS).toBe(30 * DAY);
    const row = await db.trustedComputer.findUniqueOrThrow({ where: { id: trusted.id } });
    expect(row).toMatchObject({ userId: user.id, method: "totp", browserName: "Firefox", osName: "Linux", ip: firefox.ip, createdAt: T0, lastUsedAt: T0, expiresAt: at(30 * DAY), revokedAt: null });
    expect(row.tokenHash).toBe(trustTokenHash(trusted.value));
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(trusted.value.split(".")[0]);
    const [event] = await db.auditEvent.findMany({ where: { actorId: user.id, type: "trusted_computer.added" } });
    expect(event?.metadata).toEqual({ trustedComputerId: trusted.id, method: "totp", expiresAt: at(30 * DAY).toISOString() });
    expect(await db.outboxMessage.count({ where: { to: user.email, subject: "A computer is now trusted for your Tessera account" } })).toBe(1);
  });

  it("is valid at 30 days minus 1 ms and refused at exactly 30 days; use never extends it", async () => {
    const user = await createUser();
    const { value } = await trustComputer(user.id, "totp", context, T0);

    const lastMoment = await redeem(user.id, value, at(30 * DAY - 1));
    expect(lastMoment).toMatchObject({ expiresAt: at(30 * DAY) });
    expect(await redeem(user.id, lastMoment!.value, at(30 * DAY))).toBeNull();
  });
});

describe("using a trusted computer", { timeout: 60_000 }, () => {
  it("rotates the token: the old value stops working, the new one works once, the last use and address move", async () => {
    const user = await createUser();
    const first = await trustComputer(user.id, "totp", context, T0);

    const second = await redeem(user.id, first.value, at(DAY), firefox);
    expect(second).toMatchObject({ id: first.id, expiresAt: first.expiresAt, method: "totp" });
    expect(second!.value).not.toBe(first.value);
    expect(await db.trustedComputer.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      tokenHash: trustTokenHash(second!.value),
      createdAt: T0,
      lastUsedAt: at(DAY),
      ip: firefox.ip,
      browserName: "Firefox",
    });

    expect(await redeem(user.id, first.value, at(2 * DAY))).toBeNull();
    const third = await redeem(user.id, second!.value, at(2 * DAY));
    expect(third).not.toBeNull();
    expect(await redeem(user.id, second!.value, at(3 * DAY))).toBeNull();
  });

  it("refuses a value that was not signed here, a tampered one, and another person's", async () => {
    const owner = await createUser();
    const stranger = await createUser();
    const { value } = await trustComputer(owner.id, "totp", context, T0);
    const [token, signature] = value.split(".") as [string, string];

    expect(trustTokenHash(`${token}.${"A".repeat(43)}`)).toBeNull();
    expect(trustTokenHash(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}.${signature}`)).toBeNull();
    for (const bad of [null, "", token, `${value}x`, "a.b"]) expect(await redeem(owner.id, bad, at(1))).toBeNull();
    expect(await redeem(stranger.id, value, at(1))).toBeNull();
    // None of those used it up: the owner's browser still works.
    expect(await redeem(owner.id, value, at(2))).not.toBeNull();
  });
});

describe("revoking", { timeout: 60_000 }, () => {
  it("one computer, only the person's own, with an audit event; its token stops working", async () => {
    const owner = await createUser();
    const other = await createUser();
    const { id, value } = await trustComputer(owner.id, "totp", context, T0);

    expect(await revokeTrustedComputer(other.id, id, context, at(1))).toBe(false);
    expect(await revokeTrustedComputer(owner.id, id, context, at(1))).toBe(true);
    expect(await revokeTrustedComputer(owner.id, id, context, at(2))).toBe(false);
    expect(await redeem(owner.id, value, at(3))).toBeNull();
    const events = await db.auditEvent.findMany({ where: { subjectId: owner.id, type: "trusted_computer.revoked" } });
    expect(events.map((event) => event.metadata)).toEqual([{ trustedComputerId: id, count: 1, reason: "user" }]);
  });

  it("all at once writes one event with the count", async () => {
    const user = await createUser();
    const values = await Promise.all([0, 1, 2].map(() => trustComputer(user.id, "totp", context, T0)));

    expect(await revokeEveryTrustedComputer(user.id, context, at(1))).toBe(3);
    for (const { value } of values) expect(await redeem(user.id, value, at(2))).toBeNull();
    expect(await revokeEveryTrustedComputer(user.id, context, at(3))).toBe(0);
    const events = await db.auditEvent.findMany({ where: { subjectId: user.id, type: "trusted_computer.revoked" } });
    expect(events.map((event) => event.metadata)).toEqual([{ count: 3, reason: "user" }]);
  });
});

describe("the list", { timeout: 60_000 }, () => {
  it("shows live computers only, last used first, and marks the one this browser's cookie names", async () => {
    const user = await createUser();
    const old = await trustComputer(user.id, "totp", context, at(-31 * DAY));
    const revoked = await trustComputer(user.id, "totp", context, T0);
    await revokeTrustedComputer(user.id, revoked.id, context, at(1));
    const mine = await trustComputer(user.id, "totp", firefox, at(2));
    const other = await trustComputer(user.id, "totp", context, at(3));

    const listed = await listTrustedComputers(user.id, mine.value, at(4));
    expect(listed.map(({ id, current }) => ({ id, current }))).toEqual([
      { id: other.id, current: false },
      { id: mine.id, current: true },
    ]);
    expect(listed[1]).not.toHaveProperty("tokenHash");
    expect(listed.map((row) => row.id)).not.toContain(old.id);
  });
});
