import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { createUser } from "@/test/factories";
import { liveSessionWhere, pendingSessionSql, pendingSessionWhere, signedInSessionSql, signedInSessionWhere } from "./index";

const MINUTE = 60_000;

describe("the session rules read the same in Prisma and in SQL", () => {
  it("picks the same sessions from every kind there is", async () => {
    const now = new Date();
    const { id: userId } = await createUser();
    const at = (minutes: number) => new Date(now.getTime() + minutes * MINUTE);
    const kinds = [
      { pendingStep: null, expiresAt: at(60) },
      { pendingStep: null, expiresAt: at(-1) },
      { pendingStep: null, expiresAt: at(60), revokedAt: at(-1) },
      { pendingStep: "two_factor", pendingUntil: at(5), expiresAt: at(60) },
      { pendingStep: "email_code", pendingUntil: at(5), expiresAt: at(60) },
      { pendingStep: "two_factor", pendingUntil: at(-1), expiresAt: at(60) },
      { pendingStep: "two_factor", pendingUntil: at(5), expiresAt: at(60), revokedAt: at(-1) },
      { pendingStep: "two_factor", pendingUntil: null, expiresAt: at(60) },
      // Verified with a second factor: live until its idle limit (NIST SP 800-63B-4 §2.2.3).
      { pendingStep: null, expiresAt: at(60), idleUntil: at(5) },
      { pendingStep: null, expiresAt: at(60), idleUntil: at(-1) },
      { pendingStep: null, expiresAt: at(60), idleUntil: now },
      { pendingStep: null, expiresAt: at(-1), idleUntil: at(5) },
    ];
    const ids = await Promise.all(kinds.map(async (data) => (await db.session.create({ data: { userId, ...data } })).id));
    const byPrisma = async (where: Prisma.SessionWhereInput) =>
      (await db.session.findMany({ where: { userId, ...where }, select: { id: true } })).map((row) => row.id).sort();
    const bySql = async (condition: Prisma.Sql) =>
      (await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Session" WHERE "userId" = ${userId} AND ${condition}`).map((row) => row.id).sort();

    const signedIn = await byPrisma(signedInSessionWhere(now));
    expect(signedIn).toEqual([ids[0], ids[8]].sort());
    expect(await bySql(signedInSessionSql(now))).toEqual(signedIn);
    const pending = await byPrisma(pendingSessionWhere(now));
    expect(pending).toEqual([ids[3], ids[4]].sort());
    expect(await bySql(pendingSessionSql(now))).toEqual(pending);
    // What a request may use: the signed-in ones and the pending ones, nothing else.
    expect(await byPrisma(liveSessionWhere(now))).toEqual([...signedIn, ...pending].sort());
  });
});
