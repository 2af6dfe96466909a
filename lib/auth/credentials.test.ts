import { PrismaPg } from "@prisma/adapter-pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb, setDb } from "@/lib/db";
import { PrismaClient } from "@/lib/db/generated/client";
import { createUser, PASSWORD } from "@/test/factories";
import { authorizeCredentials, SignInFailure } from "./credentials";

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
