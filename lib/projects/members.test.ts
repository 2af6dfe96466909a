import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { context, createUser, sudoActor } from "@/test/factories";
import { changeMemberRole, leaveProject, listMembers, removeMember, transferOwnership } from "./members";
import { createProject } from "./projects";

const NOW = new Date("2030-03-04T05:06:07Z");
/** Long after NOW: the actors' sessions are no longer in sudo mode then. */
const LATER = new Date(NOW.getTime() + 24 * 3_600_000);

async function person() {
  const user = await createUser();
  return { user, actor: await sudoActor(user.id, NOW) };
}

/** A project with an owner, an admin and a member (plus `extraOwners` more owners). */
async function team(extraOwners = 0) {
  const owner = await person();
  const project = await createProject(owner.actor, `Project ${owner.user.id.slice(0, 6)}`, context);
  const add = async (role: ProjectRole) => {
    const someone = await person();
    await db.projectMember.create({ data: { projectId: project.id, userId: someone.user.id, role } });
    return someone;
  };
  const admin = await add("admin");
  const member = await add("member");
  const owners = [owner];
  for (let i = 0; i < extraOwners; i++) owners.push(await add("owner"));
  return { projectId: project.id, owner, admin, member, owners };
}

const roleOf = async (projectId: string, userId: string) =>
  (await db.projectMember.findUnique({ where: { projectId_userId: { projectId, userId } } }))?.role ?? null;
const events = (projectId: string, type: string) => db.auditEvent.findMany({ where: { projectId, type } });
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

describe("listMembers", () => {
  it("lists everyone with name, email and role, owners first", async () => {
    const { projectId, owner, admin, member } = await team();
    const members = await listMembers(projectId);
    expect(members.map((each) => each.role)).toEqual(["owner", "admin", "member"]);
    expect(members.map((each) => each.email)).toEqual([owner.user.email, admin.user.email, member.user.email]);
  });
});

describe("changeMemberRole", () => {
  it("lets an owner make a member an admin, with the old and new role in the audit event", async () => {
    const { projectId, owner, member } = await team();
    expect(await changeMemberRole(owner.actor, projectId, member.user.id, "admin", context, NOW)).toBe(true);
    expect(await roleOf(projectId, member.user.id)).toBe("admin");
    const [event] = await events(projectId, "project.role_changed");
    expect(event).toMatchObject({ actorId: owner.user.id, subjectId: member.user.id, metadata: { from: "member", to: "admin" } });
  });

  it("changes nothing when the role is the same", async () => {
    const { projectId, owner, member } = await team();
    expect(await changeMemberRole(owner.actor, projectId, member.user.id, "member", context, NOW)).toBe(false);
    expect(await events(projectId, "project.role_changed")).toHaveLength(0);
  });

  it("is for owners only: an admin cannot change roles", async () => {
    const { projectId, admin, member } = await team();
    await expect(changeMemberRole(admin.actor, projectId, member.user.id, "admin", context, NOW)).rejects.toMatchObject({ code: "forbidden" });
    expect(await roleOf(projectId, member.user.id)).toBe("member");
  });

  it("asks for sudo mode to make someone an owner, not to demote", async () => {
    const { projectId, owner, member } = await team();
    await expect(changeMemberRole(owner.actor, projectId, member.user.id, "owner", context, LATER)).rejects.toMatchObject({ code: "sudo_required" });
    expect(await roleOf(projectId, member.user.id)).toBe("member");
    await changeMemberRole(owner.actor, projectId, member.user.id, "owner", context, NOW);
    expect(await roleOf(projectId, member.user.id)).toBe("owner");
    await changeMemberRole(owner.actor, projectId, member.user.id, "admin", context, LATER);
    expect(await roleOf(projectId, member.user.id)).toBe("admin");
  });

  it("refuses to demote the last owner, and lets one of two owners step down", async () => {
    const { projectId, owner, owners } = await team(1);
    const second = owners[1]!;
    await changeMemberRole(owner.actor, projectId, second.user.id, "admin", context, NOW);
    await expect(changeMemberRole(owner.actor, projectId, owner.user.id, "admin", context, NOW)).rejects.toMatchObject({ code: "project_last_owner" });
    expect(await roleOf(projectId, owner.user.id)).toBe("owner");
  });

  it("says not_found for someone who is not in the project", async () => {
    const { projectId, owner } = await team();
    const stranger = await person();
    await expect(changeMemberRole(owner.actor, projectId, stranger.user.id, "admin", context, NOW)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("removeMember", () => {
  it("lets an admin remove a member and another admin, never an owner", async () => {
    const { projectId, owner, admin, member } = await team();
    await removeMember(admin.actor, projectId, member.user.id, context);
    expect(await roleOf(projectId, member.user.id)).toBeNull();
    const [event] = await events(projectId, "project.member_removed");
    expect(event).toMatchObject({ actorId: admin.user.id, subjectId: member.user.id, metadata: { role: "member" } });

    await expect(removeMember(admin.actor, projectId, owner.user.id, context)).rejects.toMatchObject({ code: "forbidden" });
    expect(await roleOf(projectId, owner.user.id)).toBe("owner");

    const other = await person();
    await db.projectMember.create({ data: { projectId, userId: other.user.id, role: "admin" } });
    await removeMember(admin.actor, projectId, other.user.id, context);
    expect(await roleOf(projectId, other.user.id)).toBeNull();
  });

  it("tells the person removed, by email, in their language", async () => {
    const { projectId, owner, member } = await team();
    await db.user.update({ where: { id: member.user.id }, data: { locale: "de" } });
    await removeMember(owner.actor, projectId, member.user.id, context);
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { to: member.user.email } });
    expect(mail.subject).toMatch(/^Sie wurden aus Project .+ entfernt$/);
    expect(mail.text).toContain(owner.user.name);
  });

  it("lets an owner remove another owner; a member removes nobody", async () => {
    const { projectId, owner, owners, member, admin } = await team(1);
    await expect(removeMember(member.actor, projectId, admin.user.id, context)).rejects.toMatchObject({ code: "forbidden" });
    await removeMember(owner.actor, projectId, owners[1]!.user.id, context);
    expect(await roleOf(projectId, owners[1]!.user.id)).toBeNull();
  });

  it("treats removing oneself as leaving: the last owner cannot", async () => {
    const { projectId, owner } = await team();
    await expect(removeMember(owner.actor, projectId, owner.user.id, context)).rejects.toMatchObject({ code: "project_last_owner" });
    expect(await roleOf(projectId, owner.user.id)).toBe("owner");
  });
});

describe("leaveProject", () => {
  it("lets a member leave, with an audit event", async () => {
    const { projectId, member } = await team();
    await leaveProject(member.actor, projectId, context);
    expect(await roleOf(projectId, member.user.id)).toBeNull();
    const [event] = await events(projectId, "project.member_left");
    expect(event).toMatchObject({ actorId: member.user.id, subjectId: member.user.id, metadata: { role: "member" } });
  });

  it("refuses the last owner, lets an owner go while another stays", async () => {
    const { projectId, owner, owners } = await team(1);
    await leaveProject(owner.actor, projectId, context);
    await expect(leaveProject(owners[1]!.actor, projectId, context)).rejects.toMatchObject({ code: "project_last_owner" });
    expect(await roleOf(projectId, owners[1]!.user.id)).toBe("owner");
  });
});

describe("transferOwnership", () => {
  it("makes the member an owner and the old owner an admin, in sudo mode, audited", async () => {
    const { projectId, owner, member } = await team();
    await expect(transferOwnership(owner.actor, projectId, member.user.id, context, LATER)).rejects.toMatchObject({ code: "sudo_required" });
    expect(await roleOf(projectId, owner.user.id)).toBe("owner");

    await transferOwnership(owner.actor, projectId, member.user.id, context, NOW);
    expect(await roleOf(projectId, member.user.id)).toBe("owner");
    expect(await roleOf(projectId, owner.user.id)).toBe("admin");
    const [event] = await events(projectId, "project.ownership_transferred");
    expect(event).toMatchObject({ actorId: owner.user.id, subjectId: member.user.id, metadata: { from: owner.user.id, to: member.user.id, previousRole: "member" } });
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { to: member.user.email } });
    expect(mail.subject).toMatch(/^You are now an owner of Project /);
    expect(mail.text).toContain(`/projects/${projectId}`);
  });

  it("is for owners, to members of this project", async () => {
    const { projectId, owner, admin, member } = await team();
    await expect(transferOwnership(admin.actor, projectId, member.user.id, context, NOW)).rejects.toMatchObject({ code: "forbidden" });
    const stranger = await person();
    await expect(transferOwnership(owner.actor, projectId, stranger.user.id, context, NOW)).rejects.toMatchObject({ code: "not_found" });
    await expect(transferOwnership(owner.actor, projectId, owner.user.id, context, NOW)).rejects.toMatchObject({ code: "invalid_input" });
    expect(await roleOf(projectId, owner.user.id)).toBe("owner");
  });
});

describe("a project always keeps an owner, under concurrency", () => {
  it("two owners leaving at once: exactly one leaves", async () => {
    for (let round = 0; round < 3; round++) {
      const { projectId, owners } = await team(1);
      const results = await Promise.all(owners.map((each) => codeOf(leaveProject(each.actor, projectId, context))));
      expect(results.sort()).toEqual(["ok", "project_last_owner"]);
      expect(await db.projectMember.count({ where: { projectId, role: "owner" } })).toBe(1);
      expect(await events(projectId, "project.member_left")).toHaveLength(1);
    }
  });

  it("two owners demoting each other and themselves, leaving and removing, all at once: one owner always remains", async () => {
    for (let round = 0; round < 3; round++) {
      const { projectId, owners } = await team(1);
      const [a, b] = owners as [Awaited<ReturnType<typeof person>>, Awaited<ReturnType<typeof person>>];
      const calls = [
        changeMemberRole(a.actor, projectId, b.user.id, "member", context, NOW),
        changeMemberRole(b.actor, projectId, a.user.id, "member", context, NOW),
        changeMemberRole(a.actor, projectId, a.user.id, "admin", context, NOW),
        changeMemberRole(b.actor, projectId, b.user.id, "admin", context, NOW),
        leaveProject(a.actor, projectId, context),
        leaveProject(b.actor, projectId, context),
        removeMember(a.actor, projectId, b.user.id, context),
        removeMember(b.actor, projectId, a.user.id, context),
      ];
      const results = await Promise.all(calls.map(codeOf));
      // Whatever order the lock gave them, every refusal is one of the expected ones, never a crash.
      for (const result of results) expect(["ok", "project_last_owner", "forbidden", "not_found"]).toContain(result);
      expect(results.filter((result) => result === "ok").length).toBeGreaterThanOrEqual(1);
      expect(await db.projectMember.count({ where: { projectId, role: "owner" } })).toBe(1);
    }
  });
});
