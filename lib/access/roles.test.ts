import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { accessEvents, accessTeam, outcomeOf } from "@/test/access";
import { context } from "@/test/factories";
import { listAccessRoles, setAccessRole } from "./roles";

describe("access roles", () => {
  it("an admin gives a member a role, changes it and takes it away, each audited with the member as subject", async () => {
    const team = await accessTeam();
    const userId = team.plainMember.userId;
    expect(await setAccessRole(team.admin, userId, "user_manager", context)).toBe(true);
    expect(await setAccessRole(team.admin, userId, "user_manager", context)).toBe(false);
    await setAccessRole(team.owner, userId, "credential_manager", context);
    await setAccessRole(team.owner, userId, null, context);
    expect((await db.projectMember.findUniqueOrThrow({ where: { projectId_userId: { projectId: team.projectId, userId } } })).accessRole).toBeNull();
    const events = await accessEvents(team.projectId);
    expect(events.map((event) => [event.type, event.subjectId, event.metadata])).toEqual([
      ["access.role_granted", userId, { role: "user_manager" }],
      ["access.role_granted", userId, { role: "credential_manager", from: "user_manager" }],
      ["access.role_revoked", userId, { role: "credential_manager" }],
    ]);
  });

  it("owners and admins hold Access User Admin by their project role: shown so, and not given here", async () => {
    const team = await accessTeam();
    const roles = await listAccessRoles(team.owner);
    expect(roles.slice(0, 2).map((row) => [row.projectRole, row.effectiveRole, row.byProjectRole])).toEqual([
      ["owner", "user_admin", true],
      ["admin", "user_admin", true],
    ]);
    expect(roles.find((row) => row.userId === team.credentialManager.userId)).toMatchObject({ accessRole: "credential_manager", effectiveRole: "credential_manager", byProjectRole: false });
    expect(await outcomeOf(setAccessRole(team.owner, team.admin.userId, "user_manager", context))).toBe("access_role_by_project_role");
  });

  it("a member who is no longer an admin cannot give roles, whatever the actor says (read again under the project's lock); a non-member is not found", async () => {
    const team = await accessTeam();
    await db.projectMember.update({ where: { projectId_userId: { projectId: team.projectId, userId: team.admin.userId } }, data: { role: "member" } });
    expect(await outcomeOf(setAccessRole(team.admin, team.plainMember.userId, "user_admin", context))).toBe("forbidden");
    expect(await outcomeOf(setAccessRole(team.owner, "00000000-0000-4000-8000-000000000000", "user_admin", context))).toBe("not_found");
  });
});
