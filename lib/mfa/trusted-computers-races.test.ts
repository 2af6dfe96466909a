import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { signInWithPassword } from "@/lib/auth/sign-in";
import type { RequestContext } from "@/lib/http/request-context";
import { context, createUser, enrolTotp, PASSWORD } from "@/test/factories";
import { redeemTrustedComputer, revokeTrustedComputer, trustComputer, trustTokenHash } from "./trusted-computers";

/**
 * A copied trust cookie, on PostgreSQL (TEST_DATABASE_URL, as in CI) with requests really in
 * parallel over a pool; on PGlite they interleave on one connection, which still checks the logic.
 */
const RACERS = 50;

// Sign-ins are throttled per address too: each comes from its own (TEST-NET-2).
let host = 0;
const from = (): RequestContext => ({ ip: `198.51.100.${++host}`, userAgent: "vitest trust races" });

/** A person with an authenticator at "once per computer" and one trusted browser. */
async function trustedPerson() {
  const user = await createUser();
  await enrolTotp(user.id);
  await db.user.update({ where: { id: user.id }, data: { twoFactorLevel: "once_per_computer" } });
  const trusted = await trustComputer(user.id, "totp", context);
  return { user, trusted };
}

const signIn = (email: string, trustToken: string | null) => signInWithPassword({ email, password: PASSWORD, trustToken }, from());
const pendingStepOf = async (result: Awaited<ReturnType<typeof signIn>>) =>
  result.ok ? (await db.session.findUniqueOrThrow({ where: { id: result.sessionId } })).pendingStep : "refused";

describe("a stolen trust cookie", { timeout: 60_000 }, () => {
  it("stops working at the owner's next use: the thief is challenged, the owner is not", async () => {
    const { user, trusted } = await trustedPerson();
    const stolen = trusted.value;

    const owner = await signIn(user.email, trusted.value);
    expect(await pendingStepOf(owner)).toBeNull();
    expect(owner.ok && owner.trust?.value).toBeTruthy();

    const thief = await signIn(user.email, stolen);
    expect(await pendingStepOf(thief)).toBe("two_factor");
    expect(thief.ok && thief.trust).toBeFalsy();
    // The thief's attempt did not spend the owner's new token.
    expect(await pendingStepOf(await signIn(user.email, owner.ok ? owner.trust!.value : null))).toBeNull();
  });

  it("stops working once the computer is revoked, for the owner and the thief alike", async () => {
    const { user, trusted } = await trustedPerson();
    expect(await revokeTrustedComputer(user.id, trusted.id, context)).toBe(true);

    expect(await pendingStepOf(await signIn(user.email, trusted.value))).toBe("two_factor");
  });

  it("without the password gets nothing, and does not rotate the owner's token", async () => {
    const { user, trusted } = await trustedPerson();
    const refused = await signInWithPassword({ email: user.email, password: "not the password at all", trustToken: trusted.value }, from());
    expect(refused).toEqual({ ok: false, code: "invalid_credentials" });
    expect((await db.trustedComputer.findUniqueOrThrow({ where: { id: trusted.id } })).tokenHash).toBe(trustTokenHash(trusted.value));
  });
});

describe("racing one trust token", { timeout: 120_000 }, () => {
  it(`${RACERS} parallel uses: exactly one rotates it, and the rest find nothing`, async () => {
    const { user, trusted } = await trustedPerson();

    const results = await Promise.all(
      Array.from({ length: RACERS }, () => db.$transaction((tx) => redeemTrustedComputer(tx, user.id, trusted.value, context))),
    );

    const winners = results.filter((result) => result !== null);
    expect(winners).toHaveLength(1);
    const row = await db.trustedComputer.findUniqueOrThrow({ where: { id: trusted.id } });
    expect(row.tokenHash).toBe(trustTokenHash(winners[0]!.value));
    expect(await db.trustedComputer.count({ where: { userId: user.id } })).toBe(1);
  });
});
