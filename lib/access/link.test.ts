import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { leaveProject, removeMember } from "@/lib/projects/members";
import { resetTwoFactor } from "@/lib/support/reset";
import { accessEvents, accessTeam, apiKey, outcomeOf } from "@/test/access";
import { context, createUser, enrolTotp, sudoActor } from "@/test/factories";
import { reinstateCodes } from "./link";
import { createAccessUser, getAccessUser, updateAccessUser } from "./users";

/** The owner as lib/projects/members.ts's Actor (a session in sudo mode). */
const asPerson = (userId: string) => sudoActor(userId);

async function linked(team: Awaited<ReturnType<typeof accessTeam>>, memberUserId: string, name = "Linked") {
  return createAccessUser(team.owner, { name, memberUserId, status: "active" }, context);
}

describe("a linked member removed from the project", () => {
  it("suspends the codes of their access user in the removal's transaction, with access.codes_suspended", async () => {
    const team = await accessTeam();
    const mine = await linked(team, team.plainMember.userId);
    const bystander = await createAccessUser(team.owner, { name: "Not linked", status: "active" }, context);
    await removeMember(await asPerson(team.owner.userId), team.projectId, team.plainMember.userId, context);
    const after = await getAccessUser(team.owner, mine.id);
    expect(after).toMatchObject({ codesSuspendedReason: "member_removed", member: { userId: team.plainMember.userId, inProject: false } });
    expect(after.codesSuspendedAt).toBeInstanceOf(Date);
    expect((await getAccessUser(team.owner, bystander.id)).codesSuspendedAt).toBeNull();
    const [removed] = await db.auditEvent.findMany({ where: { projectId: team.projectId, type: "project.member_removed" } });
    const [suspended] = await accessEvents(team.projectId, "access.codes_suspended");
    expect(suspended).toMatchObject({ actorId: team.owner.userId, subjectId: team.plainMember.userId, metadata: { accessUserId: mine.id, memberUserId: team.plainMember.userId, reason: "member_removed" } });
    // Same transaction: the same writing transaction id.
    expect(suspended!.txid).toBe(removed!.txid);
  });

  it("suspends them when the member leaves, too", async () => {
    const team = await accessTeam();
    const mine = await linked(team, team.userManager.userId);
    await leaveProject(await asPerson(team.userManager.userId), team.projectId, context);
    expect((await getAccessUser(team.owner, mine.id)).codesSuspendedReason).toBe("member_removed");
    expect(await accessEvents(team.projectId, "access.codes_suspended")).toHaveLength(1);
  });

  it("touches no other project where the person is still a member", async () => {
    const team = await accessTeam();
    const elsewhere = await accessTeam();
    await db.projectMember.create({ data: { projectId: elsewhere.projectId, userId: team.plainMember.userId, role: "member" } });
    const there = await linked(elsewhere, team.plainMember.userId);
    await linked(team, team.plainMember.userId);
    await removeMember(await asPerson(team.owner.userId), team.projectId, team.plainMember.userId, context);
    expect((await getAccessUser(elsewhere.owner, there.id)).codesSuspendedAt).toBeNull();
  });

  it("Reinstate codes is refused while the link points to someone gone; after Unlink it works, audited", async () => {
    const team = await accessTeam();
    const mine = await linked(team, team.plainMember.userId);
    await removeMember(await asPerson(team.owner.userId), team.projectId, team.plainMember.userId, context);
    expect(await outcomeOf(reinstateCodes(team.owner, mine.id, context))).toBe("access_member_gone");
    await updateAccessUser(team.owner, mine.id, { memberUserId: null }, context);
    // Unlinking alone does not reopen the doors.
    expect((await getAccessUser(team.owner, mine.id)).codesSuspendedAt).not.toBeNull();
    await reinstateCodes(team.credentialManager, mine.id, context);
    expect((await getAccessUser(team.owner, mine.id))).toMatchObject({ codesSuspendedAt: null, codesSuspendedReason: null });
    expect((await accessEvents(team.projectId, "access.codes_reinstated"))[0]?.metadata).toEqual({ accessUserId: mine.id, reason: "member_removed" });
    expect(await outcomeOf(reinstateCodes(team.owner, mine.id, context))).toBe("access_codes_not_suspended");
  });

  it("a removal racing a link either refuses the link or suspends its codes (a real race on PostgreSQL)", async () => {
    for (let round = 0; round < 10; round++) {
      const team = await accessTeam();
      const owner = await asPerson(team.owner.userId);
      const [link, removal] = await Promise.all([
        outcomeOf(createAccessUser(team.owner, { name: "Racing", memberUserId: team.plainMember.userId, status: "active" }, context)),
        outcomeOf(removeMember(owner, team.projectId, team.plainMember.userId, context)),
      ]);
      expect(removal).toBe("ok");
      const rows = await db.accessUser.findMany({ where: { projectId: team.projectId } });
      if (link === "ok") expect(rows.map((row) => row.codesSuspendedReason)).toEqual(["member_removed"]);
      else expect([link, rows.length]).toEqual(["access_member_not_in_project", 0]);
    }
  });
});

describe("a linked member whose 2FA support resets", () => {
  it("has the codes of their access users suspended in every project, in the reset's transaction", async () => {
    const team = await accessTeam();
    const elsewhere = await accessTeam();
    await db.projectMember.create({ data: { projectId: elsewhere.projectId, userId: team.plainMember.userId, role: "member" } });
    const here = await linked(team, team.plainMember.userId);
    const there = await linked(elsewhere, team.plainMember.userId);
    const supportAdmin = await createUser();
    await enrolTotp(supportAdmin.id);
    await db.user.update({ where: { id: supportAdmin.id }, data: { role: "support_admin" } });
    await resetTwoFactor(await sudoActor(supportAdmin.id), { userId: team.plainMember.userId, reason: "Identity checked by video call against the passport", lifetimeHours: 24 }, context, new Date(), false);
    for (const [project, user] of [[team, here], [elsewhere, there]] as const) {
      const detail = await getAccessUser(project.owner, user.id);
      expect(detail).toMatchObject({ codesSuspendedReason: "two_factor_reset", member: { inProject: true } });
      const [event] = await accessEvents(project.projectId, "access.codes_suspended");
      expect(event).toMatchObject({ actorId: supportAdmin.id, subjectId: team.plainMember.userId, metadata: { accessUserId: user.id, reason: "two_factor_reset" } });
      const [reset] = await db.auditEvent.findMany({ where: { type: "support.two_factor_reset", subjectId: team.plainMember.userId } });
      expect(event!.txid).toBe(reset!.txid);
    }
    // Still a member: an admin may reinstate (an API key with write too).
    await reinstateCodes(await apiKey(team.projectId, team.owner.userId, ["write"]), here.id, context);
    expect((await getAccessUser(team.owner, here.id)).codesSuspendedAt).toBeNull();
  });
});
