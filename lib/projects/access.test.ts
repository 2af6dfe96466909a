import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { confirmSudo } from "@/lib/auth/sudo";
import { listChallengeOptions } from "@/lib/mfa/challenge-options";
import { generateTotp } from "@/lib/mfa/totp";
import { trustComputer } from "@/lib/mfa/trusted-computers";
import { context, enrolTotp, PASSWORD } from "@/test/factories";
import { enrolPhone } from "@/test/phone";
import { actAs, isNotFound, redirectTarget } from "@/test/request";
import { seedPerson, seedProject, type Person } from "@/test/project-people";
import { loadProjectAccess, nextInProject, projectMembership, projectPage, requireProjectAccess, requireProjectMembership } from "./access";
import { changeProjectPolicy } from "./policy";

// The request: the real session cookie (sealed as the app seals it), read by the real session code.
vi.mock("next/headers", () => ({
  headers: async () => (await import("@/test/request")).requestHeaders(),
  cookies: async () => (await import("@/test/request")).requestCookies(),
}));

const DAY = 86_400_000;
const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal");
};
const blockedEvents = (projectId: string) =>
  db.auditEvent.findMany({ where: { projectId, type: "project.enforcement_blocked" }, orderBy: { createdAt: "asc" } });

describe("the access check on a real database", { timeout: 60_000 }, () => {
  let owner: Person, admin: Person, member: Person, stranger: Person;
  let projectId: string;

  beforeEach(async () => {
    [owner, admin, member, stranger] = await Promise.all([seedPerson({ factors: ["totp"] }), seedPerson({ factors: ["totp"] }), seedPerson(), seedPerson({ factors: ["totp"] })]);
    const project = await seedProject({ members: [{ person: owner, role: "owner" }, { person: admin, role: "admin" }, { person: member, role: "member" }] });
    projectId = project.id;
    // The stranger owns a project of their own: being someone's owner opens nothing here.
    await seedProject({ members: [{ person: stranger, role: "owner" }] });
  });

  it("a member reads their membership, the policy and their methods in one access", async () => {
    await actAs(owner.sessionId);
    const access = await loadProjectAccess(projectId);
    expect(access).toMatchObject({ role: "owner", factorTypes: ["totp"], verdict: { kind: "allowed" }, project: { id: projectId }, session: { id: owner.sessionId } });
  });

  it("a stranger, an unknown id and garbage all get the same not-found answer", async () => {
    await actAs(stranger.sessionId);
    const ids = [projectId, crypto.randomUUID(), "nope", "", "../../etc/passwd", "x".repeat(10_000), `${projectId}'--`, projectId.toUpperCase().replace(/-/g, "")];
    for (const id of ids) expect(await loadProjectAccess(id)).toBeNull();
    const answers = await Promise.all(ids.map(async (id) => refusal(requireProjectAccess(id, "member"))));
    for (const answer of answers) expect(answer).toEqual(new AppError("not_found"));
    expect(answers.map((answer) => JSON.stringify({ ...(answer as AppError) }))).toEqual(answers.map(() => JSON.stringify({ ...new AppError("not_found") })));
    for (const id of ids.slice(0, 3)) expect(isNotFound(await refusal(projectPage(id)))).toBe(true);
    expect(isNotFound(await refusal(projectMembership(projectId)))).toBe(true);
    // Nothing is recorded against a project the caller cannot see.
    expect(await blockedEvents(projectId)).toEqual([]);
  });

  it("roles: a member is refused what needs an admin, an admin what needs the owner", async () => {
    await actAs(member.sessionId);
    await expect(requireProjectAccess(projectId, "member")).resolves.toMatchObject({ role: "member" });
    expect(await refusal(requireProjectAccess(projectId, "admin"))).toEqual(new AppError("forbidden"));
    // Pages below the role are simply not there.
    expect(isNotFound(await refusal(projectPage(projectId, "admin")))).toBe(true);
    await actAs(admin.sessionId);
    await expect(requireProjectAccess(projectId, "admin")).resolves.toMatchObject({ role: "admin" });
    expect(await refusal(requireProjectAccess(projectId, "owner"))).toEqual(new AppError("forbidden"));
    await actAs(owner.sessionId);
    await expect(requireProjectAccess(projectId, "owner")).resolves.toMatchObject({ role: "owner" });
  });

  it("signed out: sent to sign in, before anything about the project", async () => {
    await actAs(null);
    expect(redirectTarget(await refusal(loadProjectAccess(projectId)))).toBe("/sign-in");
    expect(redirectTarget(await refusal(requireProjectAccess(projectId, "member")))).toBe("/sign-in");
    expect(redirectTarget(await refusal(requireProjectAccess("nope", "member")))).toBe("/sign-in");
  });

  it("a revoked session is signed out", async () => {
    await db.session.update({ where: { id: owner.sessionId }, data: { revokedAt: new Date() } });
    await actAs(owner.sessionId);
    expect(redirectTarget(await refusal(requireProjectAccess(projectId, "member")))).toBe("/sign-in");
  });

  it("a member without a method is blocked once the project requires 2FA, and the block is audited", async () => {
    await db.project.update({ where: { id: projectId }, data: { requiredLevel: "once_per_computer" } });
    await actAs(member.sessionId, `/projects/${projectId}/members?tab=all`);
    expect(await refusal(requireProjectAccess(projectId, "member"))).toEqual(new AppError("project_two_factor_required"));
    // Blocked before the role is looked at: the member learns what to do, not what they may not do.
    expect(await refusal(requireProjectAccess(projectId, "owner"))).toEqual(new AppError("project_two_factor_required"));
    const page = await refusal(projectPage(projectId));
    expect(redirectTarget(page)).toBe(`/projects/${projectId}/enrol?next=${encodeURIComponent(`/projects/${projectId}/members?tab=all`)}`);
    // The enrolment page itself lets the member in.
    await expect(projectMembership(projectId)).resolves.toMatchObject({ verdict: { kind: "enrol" }, role: "member" });

    const events = await blockedEvents(projectId);
    expect(events.map((event) => [event.actorId, event.outcome, event.metadata])).toEqual([
      [member.userId, "failure", { need: "enrol", via: "action", requiredLevel: "once_per_computer", secureMethodsOnly: false }],
      [member.userId, "failure", { need: "enrol", via: "action", requiredLevel: "once_per_computer", secureMethodsOnly: false }],
      [member.userId, "failure", { need: "enrol", via: "page", requiredLevel: "once_per_computer", secureMethodsOnly: false }],
    ]);
    expect(events[0]).toMatchObject({ ip: "127.0.0.1", userAgent: "vitest" });
  });

  it("Every login: a session that signed in on a trusted computer is sent to verify; one that passed the app gets in", async () => {
    await db.project.update({ where: { id: projectId }, data: { requiredLevel: "every_login", secureMethodsOnly: true } });
    const trusted = await seedPerson({ factors: ["totp"], level: "once_per_computer", passed: "trusted_computer", sudo: false });
    const phoneOnly = await seedPerson({ factors: ["sms"] });
    const appAndPhone = await seedPerson({ factors: ["sms", "totp"], passed: "sms" });
    await db.projectMember.createMany({ data: [trusted, phoneOnly, appAndPhone].map((person) => ({ projectId, userId: person.userId, role: "member" as const })) });

    await actAs(trusted.sessionId, `/projects/${projectId}`);
    expect(await refusal(requireProjectAccess(projectId, "member"))).toEqual(new AppError("project_verification_required"));
    expect(redirectTarget(await refusal(projectPage(projectId)))).toBe(`/projects/${projectId}/verify?next=${encodeURIComponent(`/projects/${projectId}`)}`);
    // Secure methods only: a phone is no method that counts, and a text passed does not verify.
    await actAs(phoneOnly.sessionId);
    expect(await refusal(requireProjectAccess(projectId, "member"))).toEqual(new AppError("project_two_factor_required"));
    await actAs(appAndPhone.sessionId);
    expect(await refusal(requireProjectAccess(projectId, "member"))).toEqual(new AppError("project_verification_required"));
    await actAs(owner.sessionId);
    await expect(requireProjectAccess(projectId, "owner")).resolves.toMatchObject({ verdict: { kind: "allowed" } });

    const needs = (await blockedEvents(projectId)).map((event) => [event.actorId, (event.metadata as { need: string }).need]);
    expect(needs).toEqual([
      [trusted.userId, "verify"],
      [trusted.userId, "verify"],
      [phoneOnly.userId, "enrol"],
      [appAndPhone.userId, "verify"],
    ]);
  });

  it("membership only (leaving): a blocked member passes, a stranger and a lower role do not, and nothing is audited as a block", async () => {
    await db.project.update({ where: { id: projectId }, data: { requiredLevel: "every_login" } });
    await actAs(member.sessionId);
    await expect(requireProjectMembership(projectId)).resolves.toMatchObject({ role: "member", verdict: { kind: "enrol" } });
    expect(await refusal(requireProjectMembership(projectId, "admin"))).toEqual(new AppError("forbidden"));
    await actAs(stranger.sessionId);
    for (const id of [projectId, crypto.randomUUID(), "nope"]) expect(await refusal(requireProjectMembership(id))).toEqual(new AppError("not_found"));
    expect(await blockedEvents(projectId)).toEqual([]);
  });

  it("grace and exceptions let a member in without a method, and are said so", async () => {
    const graceEndsAt = new Date(Date.now() + 3 * DAY);
    await db.project.update({ where: { id: projectId }, data: { requiredLevel: "every_login", graceEndsAt } });
    await actAs(member.sessionId);
    await expect(requireProjectAccess(projectId, "member")).resolves.toMatchObject({ verdict: { kind: "allowed", graceEndsAt } });
    await db.project.update({ where: { id: projectId }, data: { graceEndsAt: new Date(Date.now() - 1000) } });
    expect(await refusal(requireProjectAccess(projectId, "member"))).toEqual(new AppError("project_two_factor_required"));
    const exemptUntil = new Date(Date.now() + DAY);
    await db.projectMember.update({ where: { projectId_userId: { projectId, userId: member.userId } }, data: { exemptUntil } });
    await expect(requireProjectAccess(projectId, "member")).resolves.toMatchObject({ verdict: { kind: "allowed", exemptUntil } });
  });

  it("turning on Secure methods only after the grace is over: the member whose phone stopped counting gets the grace, the one held at enrolment stays held", async () => {
    const phoneOnly = await seedPerson({ factors: ["sms"] });
    await db.project.update({ where: { id: projectId }, data: { requiredLevel: "every_login" } });
    await db.projectMember.create({ data: { projectId, userId: phoneOnly.userId, role: "member" } });
    await actAs(member.sessionId);
    expect(await refusal(requireProjectAccess(projectId, "member"))).toEqual(new AppError("project_two_factor_required"));

    const values = { requiredLevel: "every_login", secureMethodsOnly: false, graceDays: 0 } as const;
    const change = { ...values, secureMethodsOnly: true, graceDays: 30, expected: values, confirm: true, shownBlocked: [member.userId] };
    expect(await changeProjectPolicy({ userId: owner.userId, sessionId: owner.sessionId }, projectId, change, context)).toMatchObject({ kind: "changed" });

    // Tightening never lets the member with nothing set up back in.
    expect(await refusal(requireProjectAccess(projectId, "member"))).toEqual(new AppError("project_two_factor_required"));
    expect(redirectTarget(await refusal(projectPage(projectId)))).toMatch(new RegExp(`^/projects/${projectId}/enrol\\?`));
    await actAs(phoneOnly.sessionId);
    const { graceEndsAt } = await db.project.findUniqueOrThrow({ where: { id: projectId } });
    await expect(requireProjectAccess(projectId, "member")).resolves.toMatchObject({ verdict: { kind: "allowed", graceEndsAt } });
  });

  it("after blocking, the member comes back where they were going, only ever inside the project", () => {
    const home = `/projects/${projectId}`;
    expect(nextInProject(projectId, `${home}/members`)).toBe(`${home}/members`);
    expect(nextInProject(projectId, `${home}?tab=1`)).toBe(`${home}?tab=1`);
    expect(nextInProject(projectId, home)).toBe(home);
    for (const away of [undefined, "", "/security", `${home}-other/x`, "https://evil.example/", "//evil.example/x", `/projects/${crypto.randomUUID()}`, ["a"], 42]) {
      expect(nextInProject(projectId, away)).toBe(home);
    }
  });
});

describe("Once per computer with Secure methods only: a trusted browser counts only when an app or a key earned the trust", { timeout: 60_000 }, () => {
  it("a browser trusted after a text is sent to verify, as is one trusted before the method was kept; one trusted after the app gets in", async () => {
    const person = await seedPerson({ factors: ["totp", "sms"], level: "once_per_computer", passed: null, sudo: false });
    const project = await seedProject({ requiredLevel: "once_per_computer", secureMethodsOnly: true, members: [{ person, role: "member" }] });
    const plain = await seedProject({ requiredLevel: "once_per_computer", members: [{ person, role: "member" }] });
    const signInOn = async (trust: { value: string }) => {
      const signedIn = await signInWithPassword({ email: person.email, password: PASSWORD, trustToken: trust.value }, context);
      if (!signedIn.ok || signedIn.trust === undefined) throw new Error("the trusted browser was not let in");
      return signedIn.sessionId;
    };

    // The sign-in challenge passed by text at "Once per computer" trusts the browser (app/api/sign-in/verify/route.ts).
    const bySms = await signInOn(await trustComputer(person.userId, "sms", context));
    await actAs(bySms, `/projects/${project.id}`);
    expect(redirectTarget(await refusal(projectPage(project.id)))).toBe(`/projects/${project.id}/verify?next=${encodeURIComponent(`/projects/${project.id}`)}`);
    expect(await refusal(requireProjectAccess(project.id, "member"))).toEqual(new AppError("project_verification_required"));
    // Where phones count, the same trust is enough.
    await expect(requireProjectAccess(plain.id, "member")).resolves.toMatchObject({ verdict: { kind: "allowed" } });

    const legacy = await trustComputer(person.userId, "totp", context);
    await db.trustedComputer.update({ where: { id: legacy.id }, data: { method: null } });
    await actAs(await signInOn(legacy));
    expect(await refusal(requireProjectAccess(project.id, "member"))).toEqual(new AppError("project_verification_required"));

    await actAs(await signInOn(await trustComputer(person.userId, "totp", context)));
    await expect(requireProjectAccess(project.id, "member")).resolves.toMatchObject({ verdict: { kind: "allowed" } });
  });
});

describe("the verification page's prompt (the sudo prompt) cannot loop", { timeout: 60_000 }, () => {
  it("under Secure methods only it offers no phone, and passing what it offers lets the member in", async () => {
    const at = new Date();
    const person = await seedPerson({ passed: "sms" });
    const { secret } = await enrolTotp(person.userId, new Date(at.getTime() - 60_000));
    await enrolPhone(person.userId, new Date(at.getTime() - 60_000));
    const project = await seedProject({ requiredLevel: "every_login", secureMethodsOnly: true, members: [{ person, role: "member" }] });
    await actAs(person.sessionId);
    expect(await refusal(requireProjectAccess(project.id, "member"))).toEqual(new AppError("project_verification_required"));

    // Beside an app (or a key) the prompt lists no phone at all (rule 6), so a text that would
    // leave the verdict at "verify" is never offered; a phone proof sent anyway is refused.
    const options = await listChallengeOptions(person.userId, "sudo");
    expect(options.map((option) => option.method)).toEqual(["totp", "recovery_code"]);
    const session = { id: person.sessionId, userId: person.userId };
    await expect(confirmSudo(session, { method: "sms", factorId: crypto.randomUUID(), code: "123456" } as never, context)).rejects.toMatchObject({ code: "stronger_factor_required" });

    await confirmSudo(session, { method: "totp", code: generateTotp(secret, new Date()) }, context);
    await expect(requireProjectAccess(project.id, "member")).resolves.toMatchObject({ verdict: { kind: "allowed" } });
  });

  it("without Secure methods only, a phone passed at the prompt is enough", async () => {
    const person = await seedPerson({ passed: null });
    await enrolPhone(person.userId, new Date(Date.now() - 60_000));
    const project = await seedProject({ requiredLevel: "every_login", members: [{ person, role: "member" }] });
    await actAs(person.sessionId);
    expect(await refusal(requireProjectAccess(project.id, "member"))).toEqual(new AppError("project_verification_required"));
    expect((await listChallengeOptions(person.userId, "sudo")).map((option) => option.method)).toEqual(["sms", "recovery_code"]);
    // What passing the phone at the prompt writes (lib/mfa/verify-second-factor.ts, the "sudo" kind).
    await db.session.update({ where: { id: person.sessionId }, data: { factorVerifiedAt: new Date(), factorMethod: "sms" } });
    await expect(requireProjectAccess(project.id, "member")).resolves.toMatchObject({ verdict: { kind: "allowed" } });
  });
});
