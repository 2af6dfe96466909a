import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { complianceOf } from "@/lib/policy/project";
import { context, createUser, sudoActor } from "@/test/factories";
import { grantExemption, listExemptions, revokeExemption } from "./exemptions";
import { createProject } from "./projects";

const T0 = new Date(Date.UTC(2026, 10, 26, 10));
const MINUTE = 60_000;
const DAY = 86_400_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

async function setUp() {
  const owner = await createUser();
  const actor = await sudoActor(owner.id, T0);
  const project = await createProject(actor, "Payments", context);
  await db.project.update({ where: { id: project.id }, data: { requiredLevel: "every_login" } });
  const member = await createUser();
  const admin = await createUser();
  await db.projectMember.createMany({
    data: [
      { projectId: project.id, userId: member.id, role: "member" },
      { projectId: project.id, userId: admin.id, role: "admin" },
    ],
  });
  return { owner, actor, project, member, admin };
}

const memberRow = (projectId: string, userId: string) => db.projectMember.findUniqueOrThrow({ where: { projectId_userId: { projectId, userId } } });
const events = (projectId: string, type: string) => db.auditEvent.findMany({ where: { projectId, type }, orderBy: { createdAt: "asc" } });

describe("exceptions from a project's 2FA requirement", { timeout: 60_000 }, () => {
  it("an owner exempts a member for a limited time with a reason, audited; enforcement and the list see it", async () => {
    const { owner, actor, project, member } = await setUp();
    const until = await grantExemption(actor, project.id, { userId: member.id, days: 7, reason: "  Phone in repair  " }, context, at(MINUTE));
    expect(until).toEqual(at(MINUTE + 7 * DAY));
    const row = await memberRow(project.id, member.id);
    expect(row).toMatchObject({ exemptUntil: until, exemptReason: "Phone in repair", exemptById: owner.id });
    const policy = { requiredLevel: "every_login", secureMethodsOnly: false, graceEndsAt: null, graceScope: "everyone" } as const;
    expect(complianceOf(policy, { level: "disabled", factorTypes: [], exemptUntil: row.exemptUntil }, at(DAY))).toBe("exempt");
    expect(complianceOf(policy, { level: "disabled", factorTypes: [], exemptUntil: row.exemptUntil }, at(8 * DAY))).toBe("not_compliant");
    const [event] = await events(project.id, "project.exemption_granted");
    expect(event).toMatchObject({ actorId: owner.id, subjectId: member.id, metadata: { days: 7, until: until.toISOString(), reason: "Phone in repair", replaced: null } });
    expect(await listExemptions(project.id, at(DAY))).toEqual([
      { userId: member.id, name: member.name, email: member.email, until, reason: "Phone in repair", byName: owner.name },
    ]);
    expect(await listExemptions(project.id, at(8 * DAY))).toEqual([]);
  });

  it("never indefinitely, never without a reason, never for oneself; owners only; in sudo mode; members only", async () => {
    const { owner, actor, project, member, admin } = await setUp();
    const now = at(MINUTE);
    for (const grant of [
      { userId: member.id, days: 0, reason: "x" },
      { userId: member.id, days: 31, reason: "x" },
      { userId: member.id, days: 1.5, reason: "x" },
      { userId: member.id, days: 7, reason: "   " },
      { userId: member.id, days: 7, reason: "x".repeat(201) },
    ]) {
      await expect(grantExemption(actor, project.id, grant, context, now)).rejects.toMatchObject({ code: "invalid_input" });
    }
    await expect(grantExemption(actor, project.id, { userId: owner.id, days: 7, reason: "me" }, context, now)).rejects.toMatchObject({ code: "project_exemption_self" });
    const adminActor = await sudoActor(admin.id, T0);
    await expect(grantExemption(adminActor, project.id, { userId: member.id, days: 7, reason: "x" }, context, now)).rejects.toMatchObject({ code: "forbidden" });
    await expect(grantExemption(actor, project.id, { userId: member.id, days: 7, reason: "x" }, context, at(20 * MINUTE))).rejects.toMatchObject({ code: "sudo_required" });
    const stranger = await createUser();
    await expect(grantExemption(actor, project.id, { userId: stranger.id, days: 7, reason: "x" }, context, now)).rejects.toMatchObject({ code: "not_found" });
    expect(await memberRow(project.id, member.id)).toMatchObject({ exemptUntil: null });
    expect(await events(project.id, "project.exemption_granted")).toEqual([]);
    // 30 days is the most, and a reason of 200 characters fits.
    await grantExemption(actor, project.id, { userId: member.id, days: 30, reason: "x".repeat(200) }, context, now);
    expect(await memberRow(project.id, member.id)).toMatchObject({ exemptUntil: at(MINUTE + 30 * DAY) });
  });

  it("granting again replaces the running exception (recorded); ending it early clears it, once", async () => {
    const { actor, project, member } = await setUp();
    const first = await grantExemption(actor, project.id, { userId: member.id, days: 3, reason: "Travel" }, context, at(MINUTE));
    await grantExemption(actor, project.id, { userId: member.id, days: 5, reason: "Still travelling" }, context, at(2 * MINUTE));
    const granted = await events(project.id, "project.exemption_granted");
    expect(granted[1]!.metadata).toMatchObject({ days: 5, replaced: first.toISOString() });

    expect(await revokeExemption(actor, project.id, member.id, context, at(3 * MINUTE))).toBe(true);
    expect(await memberRow(project.id, member.id)).toMatchObject({ exemptUntil: null, exemptReason: null, exemptById: null });
    expect(await revokeExemption(actor, project.id, member.id, context, at(4 * MINUTE))).toBe(false);
    const revoked = await events(project.id, "project.exemption_revoked");
    expect(revoked.map((event) => [event.subjectId, event.metadata])).toEqual([[member.id, { until: at(2 * MINUTE + 5 * DAY).toISOString(), reason: "Still travelling" }]]);
  });

  it("20 early ends at once: one ends it, one event", async () => {
    const { actor, project, member } = await setUp();
    await grantExemption(actor, project.id, { userId: member.id, days: 3, reason: "Travel" }, context, at(MINUTE));
    const results = await Promise.all(Array.from({ length: 20 }, () => revokeExemption(actor, project.id, member.id, context, at(2 * MINUTE))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await events(project.id, "project.exemption_revoked")).toHaveLength(1);
  });
});
