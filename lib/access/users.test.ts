import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { accessEvents, accessTeam, outcomeOf } from "@/test/access";
import { context, createUser } from "@/test/factories";
import { createAccessUser, deleteAccessUser, getAccessUser, listAccessUsers, updateAccessUser } from "./users";
import { addCard, addMfaCode, setEntryCode } from "./credentials";

describe("createAccessUser", () => {
  it("creates an access user and its audit event in one go, with the API key's id when a key acted", async () => {
    const team = await accessTeam();
    const created = await createAccessUser(team.owner, { name: "Aiko Tanaka", email: "Aiko@Example.test", externalId: "emp-001", status: "active" }, context);
    expect(created).toMatchObject({ name: "Aiko Tanaka", email: "aiko@example.test", externalId: "emp-001", status: "active", cardCount: 0, mfaCodeCount: 0, hasEntryCode: false, member: null });
    const [event] = await accessEvents(team.projectId, "access.user_created");
    expect(event).toMatchObject({ actorId: team.owner.userId, metadata: { accessUserId: created.id, name: "Aiko Tanaka", externalId: "emp-001", status: "active" } });

    const byKey = await createAccessUser(team.writeKey, { name: "Ben", status: "suspended" }, context);
    const events = await accessEvents(team.projectId, "access.user_created");
    expect(events.at(-1)).toMatchObject({ actorId: team.owner.userId, metadata: { accessUserId: byKey.id, apiKeyId: team.writeKey.keyId, status: "suspended" } });
  });

  it("refuses bad input with invalid_input and writes nothing", async () => {
    const team = await accessTeam();
    for (const input of [{ name: "" }, { name: "x".repeat(101) }, { name: "A", email: "not-an-address" }, { name: "A", externalId: "has space" }, { name: "A", memberUserId: "nope" }]) {
      expect(await outcomeOf(createAccessUser(team.owner, input as never, context))).toBe("invalid_input");
    }
    expect(await db.accessUser.count({ where: { projectId: team.projectId } })).toBe(0);
    expect(await accessEvents(team.projectId)).toHaveLength(0);
  });

  it("refuses a name with a NUL, another control character or a bidirectional override (invalid_input, never a database error), also in a patch", async () => {
    const team = await accessTeam();
    for (const name of ["A\u0000B", "A\u0007B", "Ann\u202Egro"]) {
      expect(await outcomeOf(createAccessUser(team.owner, { name, status: "active" }, context))).toBe("invalid_input");
    }
    const user = await createAccessUser(team.owner, { name: "Ann", status: "active" }, context);
    expect(await outcomeOf(updateAccessUser(team.owner, user.id, { name: "A\u0000B" }, context))).toBe("invalid_input");
    expect(await db.accessUser.count({ where: { projectId: team.projectId } })).toBe(1);
  });

  it("refuses an external id the project has already (external_id_taken), but another project may use it", async () => {
    const team = await accessTeam();
    await createAccessUser(team.owner, { name: "A", externalId: "emp-1", status: "active" }, context);
    expect(await outcomeOf(createAccessUser(team.owner, { name: "B", externalId: "emp-1", status: "active" }, context))).toBe("external_id_taken");
    expect(await outcomeOf(createAccessUser(team.otherProjectKey, { name: "B", externalId: "emp-1", status: "active" }, context))).toBe("ok");
  });

  it("of 50 parallel creations with one external id, exactly one succeeds (a real race on PostgreSQL)", async () => {
    const team = await accessTeam();
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => outcomeOf(createAccessUser(team.owner, { name: `Racer ${i}`, externalId: "same", status: "active" }, context))),
    );
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
    expect(outcomes.filter((o) => o !== "ok").every((o) => o === "external_id_taken")).toBe(true);
    expect(await accessEvents(team.projectId, "access.user_created")).toHaveLength(1);
  });
});

describe("the member link", () => {
  it("links only a member of the project, and one access user per member", async () => {
    const team = await accessTeam();
    const stranger = await createUser();
    expect(await outcomeOf(createAccessUser(team.owner, { name: "S", memberUserId: stranger.id, status: "active" }, context))).toBe("access_member_not_in_project");
    const linked = await createAccessUser(team.owner, { name: "M", memberUserId: team.plainMember.userId, status: "active" }, context);
    expect(linked.member).toMatchObject({ userId: team.plainMember.userId, inProject: true });
    expect(await outcomeOf(createAccessUser(team.owner, { name: "M2", memberUserId: team.plainMember.userId, status: "active" }, context))).toBe("access_member_linked");
    const second = await createAccessUser(team.owner, { name: "M2", status: "active" }, context);
    expect(await outcomeOf(updateAccessUser(team.owner, second.id, { memberUserId: team.plainMember.userId }, context))).toBe("access_member_linked");
    // Saving the same link again is no change.
    expect(await outcomeOf(updateAccessUser(team.owner, linked.id, { memberUserId: team.plainMember.userId }, context))).toBe("ok");
  });

  it("audits linking and unlinking", async () => {
    const team = await accessTeam();
    const user = await createAccessUser(team.owner, { name: "L", status: "active" }, context);
    await updateAccessUser(team.owner, user.id, { memberUserId: team.admin.userId }, context);
    await updateAccessUser(team.owner, user.id, { memberUserId: null }, context);
    expect((await accessEvents(team.projectId, "access.member_linked"))[0]?.metadata).toEqual({ accessUserId: user.id, memberUserId: team.admin.userId });
    expect((await accessEvents(team.projectId, "access.member_unlinked"))[0]?.metadata).toEqual({ accessUserId: user.id, previousMemberUserId: team.admin.userId });
    expect((await getAccessUser(team.owner, user.id)).member).toBeNull();
  });

  it("of 30 access users linked to one member at once, exactly one gets the link (a real race on PostgreSQL)", async () => {
    const team = await accessTeam();
    const users = await Promise.all(Array.from({ length: 30 }, (_, i) => createAccessUser(team.owner, { name: `U${i}`, status: "active" }, context)));
    const outcomes = await Promise.all(users.map((user) => outcomeOf(updateAccessUser(team.owner, user.id, { memberUserId: team.plainMember.userId }, context))));
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
    expect(outcomes.filter((o) => o !== "ok").every((o) => o === "access_member_linked")).toBe(true);
    expect(await db.accessUser.count({ where: { projectId: team.projectId, memberUserId: team.plainMember.userId } })).toBe(1);
  });
});

describe("updateAccessUser", () => {
  it("names the changed fields, gives suspend and reactivate events of their own, and writes nothing when nothing changed", async () => {
    const team = await accessTeam();
    const user = await createAccessUser(team.owner, { name: "Old", email: "a@example.test", status: "active" }, context);
    const renamed = await updateAccessUser(team.userManager, user.id, { name: "New", email: "" }, context);
    expect(renamed).toMatchObject({ name: "New", email: null });
    expect((await accessEvents(team.projectId, "access.user_updated"))[0]?.metadata).toEqual({ accessUserId: user.id, changed: ["name", "email"] });
    await updateAccessUser(team.owner, user.id, { status: "suspended" }, context);
    await updateAccessUser(team.owner, user.id, { status: "active" }, context);
    expect(await accessEvents(team.projectId, "access.user_suspended")).toHaveLength(1);
    expect(await accessEvents(team.projectId, "access.user_reactivated")).toHaveLength(1);
    const before = (await accessEvents(team.projectId)).length;
    await updateAccessUser(team.owner, user.id, { name: "New", status: "active" }, context);
    expect(await accessEvents(team.projectId)).toHaveLength(before);
  });

  it("treats an id of another project, or a malformed one, as not found", async () => {
    const team = await accessTeam();
    const theirs = await createAccessUser(team.otherProjectKey, { name: "Theirs", status: "active" }, context);
    expect(await outcomeOf(getAccessUser(team.owner, theirs.id))).toBe("not_found");
    expect(await outcomeOf(updateAccessUser(team.owner, theirs.id, { name: "Mine" }, context))).toBe("not_found");
    expect(await outcomeOf(deleteAccessUser(team.owner, theirs.id, context))).toBe("not_found");
    expect(await outcomeOf(getAccessUser(team.owner, "../etc"))).toBe("not_found");
    expect((await db.accessUser.findUniqueOrThrow({ where: { id: theirs.id } })).name).toBe("Theirs");
  });
});

describe("deleteAccessUser", () => {
  it("deletes the person with their cards and codes, and says how many went", async () => {
    const team = await accessTeam();
    const user = await createAccessUser(team.owner, { name: "Gone", externalId: "g-1", status: "active" }, context);
    await addCard(team.owner, user.id, { facilityCode: 1, cardNumber: 2 }, context);
    await addMfaCode(team.owner, user.id, { generateLength: 6 }, context);
    await setEntryCode(team.owner, user.id, { code: "1234" }, context);
    await deleteAccessUser(team.owner, user.id, context);
    expect(await db.accessCard.count({ where: { accessUserId: user.id } })).toBe(0);
    expect(await db.accessCode.count({ where: { accessUserId: user.id } })).toBe(0);
    expect((await accessEvents(team.projectId, "access.user_deleted"))[0]?.metadata).toEqual({ accessUserId: user.id, name: "Gone", externalId: "g-1", cardCount: 1, codeCount: 2 });
    expect(await outcomeOf(deleteAccessUser(team.owner, user.id, context))).toBe("not_found");
  });
});

describe("listAccessUsers", () => {
  it("pages by (name, id) with a keyset cursor: every user once, in order, even with equal names", async () => {
    const team = await accessTeam();
    const names = ["Chloé", "anna", "Bob", "Bob", "Bob", "Dan", "Émile"];
    for (const name of names) await createAccessUser(team.owner, { name, status: "active" }, context);
    await createAccessUser(team.otherProjectKey, { name: "Not ours", status: "active" }, context);
    const all = (await listAccessUsers(team.owner, { limit: 100 })).users;
    expect(all).toHaveLength(names.length);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listAccessUsers>> = await listAccessUsers(team.owner, { limit: 2, cursor });
      expect(page.users.length).toBeLessThanOrEqual(2);
      seen.push(...page.users.map((user) => user.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((user) => user.id));
  });

  it("searches name, email and external id, ignoring case", async () => {
    const team = await accessTeam();
    await createAccessUser(team.owner, { name: "Aiko Tanaka", status: "active" }, context);
    await createAccessUser(team.owner, { name: "Ben", email: "ben@tanaka.example", status: "active" }, context);
    await createAccessUser(team.owner, { name: "Carl", externalId: "TANAKA-3", status: "active" }, context);
    await createAccessUser(team.owner, { name: "Dora", status: "active" }, context);
    expect((await listAccessUsers(team.readKey, { q: "tanaka" })).users.map((user) => user.name)).toEqual(["Aiko Tanaka", "Ben", "Carl"]);
    expect((await listAccessUsers(team.readKey, { q: "  DORA " })).users.map((user) => user.name)).toEqual(["Dora"]);
  });

  it("counts cards and codes without showing any code, and refuses a forged cursor", async () => {
    const team = await accessTeam();
    const user = await createAccessUser(team.owner, { name: "Counted", status: "active" }, context);
    await addCard(team.owner, user.id, { facilityCode: 10, cardNumber: 20 }, context);
    await addMfaCode(team.owner, user.id, { code: "2468" }, context);
    await addMfaCode(team.owner, user.id, { code: "13579" }, context);
    const [summary] = (await listAccessUsers(team.credentialManager)).users;
    expect(summary).toMatchObject({ cardCount: 1, mfaCodeCount: 2, hasEntryCode: false });
    expect(JSON.stringify(summary)).not.toMatch(/2468|13579/);
    expect(await outcomeOf(listAccessUsers(team.owner, { cursor: "not-a-cursor" }))).toBe("invalid_input");
  });
});
