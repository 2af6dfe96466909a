import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { RequestContext } from "@/lib/http/request-context";
import { trustComputer, trustTokenHash } from "@/lib/mfa/trusted-computers";
import { requireSudo } from "@/lib/policy";
import { context, createUser, enrolTotp, PASSWORD } from "@/test/factories";
import type { PendingSession } from "@/lib/auth/session";
import { passSignInChallenge } from "@/lib/mfa/challenge";
import { generateTotp } from "@/lib/mfa/totp";
import { authorizeCredentials } from "./credentials";
import { findLiveSession } from "./sessions";
import { signInWithPassword } from "./sign-in";

/** What a correct password leads to at each level, and what the session records (lib/policy/levels.ts). */
const T0 = new Date(Date.UTC(2026, 10, 26, 12));
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let host = 0;
const from = (): RequestContext => ({ ip: `203.0.113.${++host}`, userAgent: "vitest levels" });

async function personAt(level: "disabled" | "once_per_computer" | "every_login") {
  const user = await createUser();
  await enrolTotp(user.id, T0);
  await db.user.update({ where: { id: user.id }, data: { twoFactorLevel: level } });
  return user;
}

async function signIn(email: string, trustToken: string | null = null, now = T0) {
  const result = await signInWithPassword({ email, password: PASSWORD, trustToken }, from(), now);
  if (!result.ok) throw new Error(`sign-in refused: ${result.code}`);
  return { result, session: await db.session.findUniqueOrThrow({ where: { id: result.sessionId } }) };
}

describe("the sign-in decision by level", { timeout: 60_000 }, () => {
  it("Disabled with a factor: the password signs in, but is not sudo (rule 6: the factor is asked for that)", async () => {
    const user = await personAt("disabled");
    const { session } = await signIn(user.email);

    expect(session).toMatchObject({ pendingStep: null, verifiedAt: null, verifiedMethod: "password", factorVerifiedAt: null, idleUntil: null });
    expect(session.expiresAt).toEqual(at(30 * DAY));
    await expect(requireSudo({ userId: user.id, sessionId: session.id }, T0)).rejects.toMatchObject({ code: "sudo_required", details: { sudo: "two_factor" } });
  });

  it("Once per computer without a trusted browser: challenged", async () => {
    const user = await personAt("once_per_computer");
    expect((await signIn(user.email)).session.pendingStep).toBe("two_factor");
  });

  it("Once per computer on a trusted browser: the password completes it, as a factor-verified session with a rotated token", async () => {
    const user = await personAt("once_per_computer");
    const trusted = await trustComputer(user.id, "totp", context, T0);
    const now = at(DAY);

    const { result, session } = await signIn(user.email, trusted.value, now);

    expect(session).toMatchObject({
      pendingStep: null,
      verifiedMethod: "trusted_computer",
      factorMethod: "trusted_computer",
      factorVerifiedAt: now,
      // A remembered browser is not a factor checked now: sudo still asks for one.
      verifiedAt: null,
      expiresAt: new Date(now.getTime() + DAY),
      idleUntil: new Date(now.getTime() + HOUR),
    });
    expect(result.trust?.expiresAt).toEqual(trusted.expiresAt);
    expect((await db.trustedComputer.findUniqueOrThrow({ where: { id: trusted.id } })).tokenHash).toBe(trustTokenHash(result.trust!.value));
    const [event] = await db.auditEvent.findMany({ where: { actorId: user.id, type: "auth.sign_in" } });
    expect(event?.metadata).toEqual({ sessionId: session.id, method: "password", trustedComputerId: trusted.id });
  });

  it("Once per computer on a browser a text trusted, or trusted before the method was kept: recorded as a phone's trust", async () => {
    const user = await personAt("once_per_computer");
    const bySms = await trustComputer(user.id, "sms", context, T0);
    expect((await signIn(user.email, bySms.value, at(DAY))).session).toMatchObject({ pendingStep: null, factorMethod: "trusted_computer_phone", verifiedMethod: "trusted_computer_phone", factorVerifiedAt: at(DAY) });

    const unknown = await trustComputer(user.id, "webauthn", context, T0);
    await db.trustedComputer.update({ where: { id: unknown.id }, data: { method: null } });
    expect((await signIn(user.email, unknown.value, at(DAY))).session).toMatchObject({ pendingStep: null, factorMethod: "trusted_computer_phone" });
  });

  it("Every login: challenged even on a trusted browser, whose token is left as it was", async () => {
    const user = await personAt("every_login");
    const trusted = await trustComputer(user.id, "totp", context, T0);

    const { result, session } = await signIn(user.email, trusted.value);

    expect(session.pendingStep).toBe("two_factor");
    expect(result.trust).toBeUndefined();
    expect((await db.trustedComputer.findUniqueOrThrow({ where: { id: trusted.id } })).tokenHash).toBe(trustTokenHash(trusted.value));
  });

  it("without a real factor the level is not consulted, and the password alone is sudo", async () => {
    const user = await createUser();
    const { session } = await signIn(user.email);
    expect(session).toMatchObject({ pendingStep: null, verifiedAt: T0, verifiedMethod: "password" });
  });
});

describe("where a sign-in goes after its second step", { timeout: 60_000 }, () => {
  it("a sign-in that waits for its second factor keeps the page that asked for it; a signed-in one keeps nothing", async () => {
    const user = await personAt("every_login");
    const pending = await signInWithPassword({ email: user.email, password: PASSWORD, returnTo: "/invitations/abc?x=1" }, from(), T0);
    if (!pending.ok) throw new Error("refused");
    expect(await db.session.findUniqueOrThrow({ where: { id: pending.sessionId } })).toMatchObject({ pendingStep: "two_factor", returnTo: "/invitations/abc?x=1" });

    const plain = await createUser();
    const signedIn = await signInWithPassword({ email: plain.email, password: PASSWORD, returnTo: "/projects" }, from(), T0);
    if (!signedIn.ok) throw new Error("refused");
    expect(await db.session.findUniqueOrThrow({ where: { id: signedIn.sessionId } })).toMatchObject({ pendingStep: null, returnTo: null });
  });

  it("the page is forgotten once the second step passes (it may name an invitation's link)", async () => {
    const user = await createUser();
    const { secret } = await enrolTotp(user.id, new Date(Date.now() - 5 * MINUTE));
    const result = await signInWithPassword({ email: user.email, password: PASSWORD, returnTo: "/invitations/secret-token" }, from());
    if (!result.ok) throw new Error("refused");
    const live = await findLiveSession(result.sessionId);
    expect(live?.returnTo).toBe("/invitations/secret-token");
    const passed = await passSignInChallenge(live as PendingSession, { method: "totp", code: generateTotp(secret, new Date()) }, from());
    expect((await db.session.findUniqueOrThrow({ where: { id: result.sessionId } })).returnTo).toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id: passed.sessionId } })).returnTo).toBeNull();
  });

  it("next-auth's authorize step keeps only a same-origin path", async () => {
    for (const [returnTo, kept] of [["/projects/x", "/projects/x"], ["//evil.example/x", null], ["https://evil.example/", null], ["/\\evil", null]] as const) {
      const user = await personAt("every_login");
      const { sid } = await authorizeCredentials({ email: user.email, password: PASSWORD, returnTo }, new Headers({ "user-agent": "vitest" }));
      expect((await db.session.findUniqueOrThrow({ where: { id: sid } })).returnTo).toBe(kept);
    }
  });
});
