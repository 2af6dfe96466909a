import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { findLiveSession, type LiveSession } from "@/lib/auth/sessions";
import { createUser, openSession } from "@/test/factories";
import { endProjectExemptionAction, grantProjectExemptionAction, updateProjectPolicyAction } from "./settings";

// The request-bound parts of Next are not there outside a request: a stand-in for each, and the
// signed-in person is whoever `signIn` chose, read from the database like a real request.
let current: LiveSession | null = null;
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "vitest" }), cookies: async () => ({ get: () => undefined, set: () => {} }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/session", () => ({
  getSession: async () => current,
  getPendingSession: async () => null,
  currentSession: async () => current,
  requireSession: async () => {
    if (!current) throw new Error("redirect to /sign-in");
    return current;
  },
}));

async function signIn(userId: string, verifiedAt: Date | null = new Date()) {
  const session = await openSession(userId, null);
  await db.session.update({ where: { id: session.id }, data: { verifiedAt, factorVerifiedAt: new Date(), factorMethod: "totp" } });
  current = await findLiveSession(session.id);
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

async function setUp() {
  const [owner, admin, member] = await Promise.all([createUser(), createUser(), createUser()]);
  for (const user of [owner, admin]) await db.twoFactorFactor.create({ data: { userId: user.id, type: "totp", status: "active" } });
  const project = await db.project.create({
    data: {
      name: "Payments",
      members: { create: [{ userId: owner.id, role: "owner" }, { userId: admin.id, role: "admin" }, { userId: member.id, role: "member" }] },
    },
  });
  return { owner, admin, member, project };
}

const policyForm = (projectId: string, fields: Record<string, string> = {}) =>
  form({ projectId, requiredLevel: "every_login", graceDays: "5", expectedLevel: "disabled", expectedSecure: "0", expectedGraceDays: "0", ...fields });

beforeEach(() => {
  current = null;
});

describe("the project settings actions", { timeout: 60_000 }, () => {
  it("policy: a member is refused; an admin gets the preview first, then the change on confirmation", async () => {
    const { admin, member, project } = await setUp();
    await signIn(member.id);
    expect(await updateProjectPolicyAction(policyForm(project.id, { confirm: "1" }))).toMatchObject({ code: "forbidden" });

    await signIn(admin.id);
    const preview = await updateProjectPolicyAction(policyForm(project.id));
    expect(preview).toMatchObject({ code: "policy_confirm_required", message: { key: "errors.policy_confirm_required" }, previewChanged: false });
    expect(preview.preview?.grace.map((person) => person.userId)).toEqual([member.id]);
    expect(await db.project.findUniqueOrThrow({ where: { id: project.id } })).toMatchObject({ requiredLevel: "disabled" });

    const saved = await updateProjectPolicyAction(policyForm(project.id, { confirm: "1", secureMethodsOnly: "on" }));
    // The confirmation carried other values than the preview (secure methods only): still no one blocked at once, so it stands.
    expect(saved).toMatchObject({ ok: true, message: { key: "projectSettings.done.policySaved" } });
    expect(await db.project.findUniqueOrThrow({ where: { id: project.id } })).toMatchObject({ requiredLevel: "every_login", secureMethodsOnly: true, graceDays: 5 });
  });

  it("policy: bad input is refused with field errors and changes nothing; out of sudo mode, the prompt is asked for", async () => {
    const { admin, project } = await setUp();
    await signIn(admin.id);
    for (const graceDays of ["31", "-1", "", "1.5", "abc"]) {
      expect(await updateProjectPolicyAction(policyForm(project.id, { graceDays, confirm: "1" }))).toMatchObject({
        code: "invalid_input",
        fieldErrors: { graceDays: [expect.objectContaining({ key: "validation.projectGraceDays" })] },
      });
    }
    expect(await updateProjectPolicyAction(policyForm(project.id, { requiredLevel: "always", confirm: "1" }))).toMatchObject({ code: "invalid_input" });
    expect(await updateProjectPolicyAction(form({ projectId: project.id }))).toMatchObject({ code: "invalid_input" });

    await signIn(admin.id, new Date(Date.now() - 60 * 60_000));
    expect(await updateProjectPolicyAction(policyForm(project.id, { confirm: "1" }))).toMatchObject({ code: "sudo_required", sudo: "two_factor" });
    expect(await db.project.findUniqueOrThrow({ where: { id: project.id } })).toMatchObject({ requiredLevel: "disabled", policyChangedAt: null });
  });

  it("policy: values changed meanwhile are reported, not overwritten", async () => {
    const { admin, project } = await setUp();
    await db.project.update({ where: { id: project.id }, data: { requiredLevel: "once_per_computer" } });
    await signIn(admin.id);
    expect(await updateProjectPolicyAction(policyForm(project.id, { confirm: "1" }))).toMatchObject({ code: "project_policy_stale" });
  });

  it("exceptions: owners only; made and ended", async () => {
    const { owner, admin, member, project } = await setUp();
    const grant = form({ projectId: project.id, userId: member.id, days: "10", reason: "New phone on its way" });
    await signIn(admin.id);
    expect(await grantProjectExemptionAction(grant)).toMatchObject({ code: "forbidden" });

    await signIn(owner.id);
    expect(await grantProjectExemptionAction(form({ projectId: project.id, userId: member.id, days: "31", reason: "x" }))).toMatchObject({
      fieldErrors: { days: [expect.objectContaining({ key: "validation.projectExemptionDays" })] },
    });
    expect(await grantProjectExemptionAction(form({ projectId: project.id, userId: member.id, days: "3", reason: " " }))).toMatchObject({
      fieldErrors: { reason: [expect.objectContaining({ key: "validation.projectExemptionReason" })] },
    });
    expect(await grantProjectExemptionAction(grant)).toMatchObject({ ok: true, message: { key: "projectSettings.done.exemptionGranted" } });
    expect(await db.projectMember.findUniqueOrThrow({ where: { projectId_userId: { projectId: project.id, userId: member.id } } })).toMatchObject({ exemptReason: "New phone on its way" });

    const end = form({ projectId: project.id, userId: member.id });
    expect(await endProjectExemptionAction(end)).toMatchObject({ ok: true, message: { key: "projectSettings.done.exemptionEnded" } });
    expect(await endProjectExemptionAction(end)).toMatchObject({ ok: true, message: { key: "projectSettings.done.exemptionAlreadyOver" } });
  });
});
