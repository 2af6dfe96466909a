import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { FormState } from "@/lib/actions/form-state";
import { actAs, redirectTarget } from "@/test/request";
import { seedPerson, seedProject } from "@/test/project-people";
import { leaveProjectAction, removeMemberAction } from "./members";

/**
 * Leaving a project needs membership only, not the project's 2FA policy: a member held at
 * enrolment (or at verification) who does not want to enrol can still go; everything else stays
 * behind the policy (lib/projects/enforcement-coverage.test.ts allows this one exception by name).
 */

vi.mock("next/headers", () => ({
  headers: async () => (await import("@/test/request")).requestHeaders(),
  cookies: async () => (await import("@/test/request")).requestCookies(),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, updateTag: () => undefined, refresh: () => undefined }));

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

async function call(fn: (data: FormData) => Promise<FormState>, fields: Record<string, string>): Promise<{ state?: FormState; redirect?: string }> {
  try {
    return { state: await fn(form(fields)) };
  } catch (error) {
    const target = redirectTarget(error);
    if (target === null) throw error;
    return { redirect: target };
  }
}

const isMember = async (projectId: string, userId: string) => (await db.projectMember.count({ where: { projectId, userId } })) === 1;

describe("leaving a project that blocks the member", { timeout: 60_000 }, () => {
  it("a member held at enrolment leaves, and it is audited; other actions still answer that 2FA is required", async () => {
    const owner = await seedPerson({ factors: ["totp"] });
    const admin = await seedPerson();
    const member = await seedPerson();
    const project = await seedProject({
      requiredLevel: "every_login",
      members: [
        { person: owner, role: "owner" },
        { person: admin, role: "admin" },
        { person: member, role: "member" },
      ],
    });

    // The blocked admin may not remove anyone: that stays behind the policy.
    await actAs(admin.sessionId);
    expect((await call(removeMemberAction, { projectId: project.id, userId: member.userId })).state?.code).toBe("project_two_factor_required");
    expect(await isMember(project.id, member.userId)).toBe(true);

    await actAs(member.sessionId);
    expect(await call(leaveProjectAction, { projectId: project.id })).toEqual({ redirect: "/projects" });
    expect(await isMember(project.id, member.userId)).toBe(false);
    // Leaving is not a blocked access: the member's one event is their leaving.
    const events = await db.auditEvent.findMany({ where: { projectId: project.id, actorId: member.userId }, select: { type: true, subjectId: true } });
    expect(events).toEqual([{ type: "project.member_left", subjectId: member.userId }]);
  });

  it("a member held at verification leaves too", async () => {
    const owner = await seedPerson({ factors: ["totp"] });
    const member = await seedPerson({ factors: ["totp"], passed: null });
    const project = await seedProject({ requiredLevel: "every_login", members: [{ person: owner, role: "owner" }, { person: member, role: "member" }] });
    await actAs(member.sessionId);
    expect(await call(leaveProjectAction, { projectId: project.id })).toEqual({ redirect: "/projects" });
    expect(await isMember(project.id, member.userId)).toBe(false);
  });

  it("a blocked last owner is still kept, and a stranger learns nothing", async () => {
    const owner = await seedPerson();
    const stranger = await seedPerson();
    const project = await seedProject({ requiredLevel: "every_login", members: [{ person: owner, role: "owner" }] });
    await actAs(owner.sessionId);
    expect((await call(leaveProjectAction, { projectId: project.id })).state?.code).toBe("project_last_owner");
    expect(await isMember(project.id, owner.userId)).toBe(true);

    await actAs(stranger.sessionId);
    const answer = await call(leaveProjectAction, { projectId: project.id });
    expect(answer.state?.code).toBe("not_found");
    expect(await call(leaveProjectAction, { projectId: crypto.randomUUID() })).toEqual(answer);
    expect(await call(leaveProjectAction, { projectId: "not-a-project" })).toEqual(answer);
    expect(await db.auditEvent.count({ where: { projectId: project.id } })).toBe(0);
  });
});
