import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context, createUser, sudoActor } from "@/test/factories";
import { createProject, deleteProject, listProjectsFor, renameProject } from "./projects";

const T0 = new Date(Date.UTC(2026, 10, 26, 10));
const HOUR = 3_600_000;

const eventsOf = (projectId: string) => db.auditEvent.findMany({ where: { projectId }, orderBy: { createdAt: "asc" } });

describe("projects", { timeout: 60_000 }, () => {
  it("a new project is owned by its creator, with its name tidied, and audited", async () => {
    const user = await createUser();
    const actor = await sudoActor(user.id, T0);
    const project = await createProject(actor, "  Café \u0301 Ops   team ", context);
    expect(project.name).toBe("Café \u0301 Ops team".normalize("NFC"));
    expect(await db.projectMember.findMany({ where: { projectId: project.id } })).toEqual([expect.objectContaining({ userId: user.id, role: "owner" })]);
    expect((await eventsOf(project.id)).map((event) => [event.type, event.actorId])).toEqual([["project.created", user.id]]);
    expect(await listProjectsFor(user.id)).toEqual([{ id: project.id, name: project.name, role: "owner", members: 1, requiredLevel: "disabled" }]);
  });

  it("renaming records both names; the same name again changes nothing", async () => {
    const user = await createUser();
    const actor = await sudoActor(user.id, T0);
    const project = await createProject(actor, "Alpha", context);
    expect(await renameProject(actor, project.id, "Beta", context, T0)).toBe(true);
    expect(await renameProject(actor, project.id, " Beta ", context, T0)).toBe(false);
    const renamed = (await eventsOf(project.id)).filter((event) => event.type === "project.renamed");
    expect(renamed.map((event) => event.metadata)).toEqual([{ from: "Alpha", to: "Beta" }]);
  });

  it("renaming needs sudo and the admin role, read again under the project's lock", async () => {
    const owner = await createUser();
    const admin = await createUser();
    const actor = await sudoActor(owner.id, T0);
    const project = await createProject(actor, "Epsilon", context);
    await db.projectMember.create({ data: { projectId: project.id, userId: admin.id, role: "admin" } });
    await expect(renameProject(actor, project.id, "Late", context, new Date(T0.getTime() + HOUR))).rejects.toMatchObject({ code: "sudo_required" });
    const adminActor = await sudoActor(admin.id, T0);
    await db.projectMember.update({ where: { projectId_userId: { projectId: project.id, userId: admin.id } }, data: { role: "member" } });
    await expect(renameProject(adminActor, project.id, "Demoted", context, T0)).rejects.toMatchObject({ code: "forbidden" });
    await db.projectMember.delete({ where: { projectId_userId: { projectId: project.id, userId: admin.id } } });
    await expect(renameProject(adminActor, project.id, "Removed", context, T0)).rejects.toMatchObject({ code: "not_found" });
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).name).toBe("Epsilon");
  });

  it("deleting is the owner's alone, read again under the lock: a demoted owner or a member deletes nothing", async () => {
    const owner = await createUser();
    const other = await createUser();
    const actor = await sudoActor(owner.id, T0);
    const project = await createProject(actor, "Zeta", context);
    await db.projectMember.create({ data: { projectId: project.id, userId: other.id, role: "member" } });
    await expect(deleteProject(await sudoActor(other.id, T0), project.id, "Zeta", context, T0)).rejects.toMatchObject({ code: "forbidden" });
    await db.projectMember.update({ where: { projectId_userId: { projectId: project.id, userId: owner.id } }, data: { role: "admin" } });
    await expect(deleteProject(actor, project.id, "Zeta", context, T0)).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.project.count({ where: { id: project.id } })).toBe(1);
  });

  it("deleting needs sudo and the exact name; then members and invitations go, the events stay", async () => {
    const owner = await createUser();
    const member = await createUser();
    const actor = await sudoActor(owner.id, T0);
    const project = await createProject(actor, "Gamma", context);
    await db.projectMember.create({ data: { projectId: project.id, userId: member.id, role: "member" } });
    await db.projectInvitation.create({ data: { projectId: project.id, email: "x@example.test", tokenHash: `hash-${project.id}`, expiresAt: new Date(T0.getTime() + HOUR) } });

    await expect(deleteProject(actor, project.id, "Gamma", context, new Date(T0.getTime() + HOUR))).rejects.toMatchObject({ code: "sudo_required" });
    await expect(deleteProject(actor, project.id, "gamma", context, T0)).rejects.toMatchObject({ code: "project_name_mismatch" });
    expect(await db.project.count({ where: { id: project.id } })).toBe(1);

    await deleteProject(actor, project.id, " Gamma ", context, T0);
    expect(await db.project.count({ where: { id: project.id } })).toBe(0);
    expect(await db.projectMember.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db.projectInvitation.count({ where: { projectId: project.id } })).toBe(0);
    const deleted = (await eventsOf(project.id)).filter((event) => event.type === "project.deleted");
    expect(deleted.map((event) => event.metadata)).toEqual([{ name: "Gamma", members: 2 }]);
  });

  it("20 deletions at once: one deletes, the rest find nothing; one event", async () => {
    const owner = await createUser();
    const actor = await sudoActor(owner.id, T0);
    const project = await createProject(actor, "Delta", context);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => deleteProject(actor, project.id, "Delta", context, T0)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "not_found" });
    expect((await eventsOf(project.id)).filter((event) => event.type === "project.deleted")).toHaveLength(1);
  });
});
