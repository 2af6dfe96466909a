import { PrismaPg } from "@prisma/adapter-pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db, getDb, setDb } from "@/lib/db";
import { PrismaClient } from "@/lib/db/generated/client";
import { createUser, enrolTotp, openSession, PASSWORD } from "@/test/factories";
import { authorizeCredentials, nextSessionId, SignInFailure } from "./credentials";

const headers = new Headers({ "user-agent": "vitest credentials" });

describe("the authorize step", { timeout: 60_000 }, () => {
  const working = getDb();
  afterEach(() => setDb(working));

  it("a wrong password is refused as invalid_credentials", async () => {
    const user = await createUser();
    await expect(authorizeCredentials({ email: user.email, password: "not it" }, headers)).rejects.toMatchObject({ code: "invalid_credentials" });
  });

  it("a database outage is refused as unavailable, not as a wrong password, and logged", async () => {
    const user = await createUser();
    // A real client on a port where nothing listens: the database is simply not there.
    const unreachable = new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgres://postgres@127.0.0.1:1/none", connectionTimeoutMillis: 2_000 }) });
    setDb(unreachable);
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const refusal = await authorizeCredentials({ email: user.email, password: PASSWORD }, headers).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(SignInFailure);
      expect(refusal).toMatchObject({ code: "unavailable" });
      expect(log).toHaveBeenCalledWith("Sign-in failed on our side:", expect.anything());
    } finally {
      log.mockRestore();
      await unreachable.$disconnect();
    }
  });
});

describe("moving the cookie to the session that passed its second factor", { timeout: 60_000 }, () => {
  it("only to the live session that replaced the one the cookie names", async () => {
    const user = await createUser();
    await enrolTotp(user.id);
    const pending = await openSession(user.id, "two_factor");
    const replacement = await db.session.create({
      data: { userId: user.id, previousId: pending.id, expiresAt: new Date(Date.now() + 60_000), verifiedAt: new Date() },
    });
    const someoneElses = await openSession((await createUser()).id, null);

    expect(await nextSessionId(pending.id, replacement.id)).toBe(replacement.id);
    expect(await nextSessionId(pending.id, someoneElses.id)).toBe(pending.id);
    expect(await nextSessionId(someoneElses.id, replacement.id)).toBe(someoneElses.id);
    expect(await nextSessionId(pending.id, 42)).toBe(pending.id);
  });
});
