import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context, createUser, enrolTotp, STEP_MS, sudoActor } from "@/test/factories";
import { setEmailLoginVerification } from "./email-login-setting";
import { regenerateRecoveryCodes } from "./recovery-set";

/** What NIST SP 800-63B-4 and OWASP ask: the owner is told of changes that weaken or replace a factor. */
const subjectsTo = async (to: string) => (await db.outboxMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" } })).map((m) => m.subject);

describe("security notifications", { timeout: 60_000 }, () => {
  it("regenerating recovery codes emails the person", async () => {
    const user = await createUser();
    await enrolTotp(user.id);

    await regenerateRecoveryCodes(await sudoActor(user.id), context);

    expect(await subjectsTo(user.email)).toEqual([
      "Two-factor authentication was turned on for your Tessera account",
      "New recovery codes were generated for your Tessera account",
    ]);
  });

  it("re-enrolling the authenticator emails the person (not a second 'turned on')", async () => {
    const user = await createUser();
    const t0 = new Date();
    await enrolTotp(user.id, t0);

    await enrolTotp(user.id, new Date(t0.getTime() + 2 * STEP_MS));

    expect(await subjectsTo(user.email)).toEqual([
      "Two-factor authentication was turned on for your Tessera account",
      "A new authenticator app was set up for your Tessera account",
    ]);
  });

  it("turning email login verification off emails the person, once; turning it on does not", async () => {
    const user = await createUser();
    await setEmailLoginVerification(await sudoActor(user.id), true, context);
    expect(await subjectsTo(user.email)).toEqual([]);

    await setEmailLoginVerification(await sudoActor(user.id), false, context);
    await setEmailLoginVerification(await sudoActor(user.id), false, context);

    expect(await subjectsTo(user.email)).toEqual(["Email login verification was turned off for your Tessera account"]);
  });
});
