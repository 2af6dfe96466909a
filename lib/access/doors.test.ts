import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context } from "@/test/factories";
import { allWeek, doorProject, memberOf } from "./door-testing";
import { createDoor, deleteDoor, getDoor, getDoorSettings, listDoors, updateDoor, updateDoorSettings } from "./doors";
import type { AccessActor } from "./permissions";

const events = (projectId: string, type: string) => db.auditEvent.findMany({ where: { projectId, type }, select: { actorId: true, metadata: true } });
const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, start: "09:00", end: "17:00", mode: "card_and_code" as const }));

describe("doors", () => {
  it("creates, lists, reads, renames, reschedules and deletes a door, each change audited", async () => {
    const { projectId, actor, owner } = await doorProject();
    const door = await createDoor(actor, { name: "  Front entrance ", schedule: [...weekdays].reverse() }, context);
    expect(door).toMatchObject({ name: "Front entrance", schedule: weekdays });
    expect((await listDoors(actor)).map((each) => each.name)).toEqual(["Front entrance"]);
    expect(await getDoor(actor, door.id)).toMatchObject({ id: door.id, schedule: weekdays });
    await updateDoor(actor, door.id, { name: "Main entrance" }, context);
    await updateDoor(actor, door.id, { schedule: allWeek("card_only") }, context);
    await updateDoor(actor, door.id, { name: "Main entrance", schedule: allWeek("card_only") }, context);
    expect(await getDoor(actor, door.id)).toMatchObject({ name: "Main entrance", schedule: allWeek("card_only") });
    expect(await events(projectId, "access.door_created")).toEqual([{ actorId: owner.id, metadata: { doorId: door.id, name: "Front entrance", windows: 5 } }]);
    expect((await events(projectId, "access.door_updated")).map((event) => event.metadata)).toEqual([
      { doorId: door.id, name: "Main entrance", from: "Front entrance", to: "Main entrance" },
      { doorId: door.id, name: "Main entrance", schedule: true, windows: 7 },
    ]);
    await deleteDoor(actor, door.id, context);
    expect(await listDoors(actor)).toEqual([]);
    expect(await events(projectId, "access.door_deleted")).toHaveLength(1);
  });

  it("keeps names unique in a project (door_name_taken), also under 20 parallel creates, but not across projects", async () => {
    const { actor } = await doorProject();
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => createDoor(actor, { name: "Lobby" }, context)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "door_name_taken" });
    const back = await createDoor(actor, { name: "Back" }, context);
    await expect(updateDoor(actor, back.id, { name: "Lobby" }, context)).rejects.toMatchObject({ code: "door_name_taken" });
    const other = await doorProject();
    await expect(createDoor(other.actor, { name: "Lobby" }, context)).resolves.toMatchObject({ name: "Lobby" });
  });

  it("refuses a door name with a NUL or a bidirectional override (invalid_input, never a database error)", async () => {
    const { actor } = await doorProject();
    for (const name of ["Front\u0000", "Ex\u202Eit"]) {
      await expect(createDoor(actor, { name, schedule: [] }, context)).rejects.toMatchObject({ code: "invalid_input" });
    }
    expect(await listDoors(actor)).toEqual([]);
  });

  it("refuses overlapping windows and bad times, changing nothing", async () => {
    const { actor } = await doorProject();
    await expect(createDoor(actor, { name: "X", schedule: [weekdays[0]!, { ...weekdays[0]!, start: "16:00", end: "18:00" }] }, context)).rejects.toMatchObject({ code: "invalid_input" });
    expect(await listDoors(actor)).toEqual([]);
  });

  it("stays inside the actor's project (not_found) and needs doors.manage to change (forbidden)", async () => {
    const { projectId, actor } = await doorProject();
    const door = await createDoor(actor, { name: "Front" }, context);
    const other = await doorProject();
    await expect(getDoor(other.actor, door.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateDoor(other.actor, door.id, { name: "Mine" }, context)).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteDoor(other.actor, door.id, context)).rejects.toMatchObject({ code: "not_found" });
    const manager = await memberOf(projectId, "member", "user_manager");
    expect(await listDoors(manager.actor)).toHaveLength(1);
    await expect(createDoor(manager.actor, { name: "Side" }, context)).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateDoor(manager.actor, door.id, { name: "Side" }, context)).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateDoorSettings(manager.actor, { timeZone: "Asia/Tokyo" }, context)).rejects.toMatchObject({ code: "forbidden" });
    const plain = await memberOf(projectId);
    await expect(listDoors(plain.actor)).rejects.toMatchObject({ code: "forbidden" });
    const admin = await memberOf(projectId, "admin");
    await expect(createDoor(admin.actor, { name: "Side" }, context)).resolves.toMatchObject({ name: "Side" });
  });

  it("audits an API key's change with the key's id and its creator as actor", async () => {
    const { projectId, owner } = await doorProject();
    const key: AccessActor = { kind: "api_key", projectId, keyId: "key-9", createdById: owner.id, scopes: ["write"] };
    await createDoor(key, { name: "Dock" }, context);
    expect(await events(projectId, "access.door_created")).toEqual([{ actorId: owner.id, metadata: expect.objectContaining({ apiKeyId: "key-9" }) }]);
  });
});

describe("door settings", () => {
  it("sets the time zone and the 2FA requirement for linked members, each audited once; an invalid zone changes nothing", async () => {
    const { projectId, actor } = await doorProject();
    expect(await getDoorSettings(actor)).toEqual({ timeZone: "UTC", accessRequiresTwoFactor: false });
    await updateDoorSettings(actor, { timeZone: "Europe/Berlin", accessRequiresTwoFactor: "true" }, context);
    await updateDoorSettings(actor, { timeZone: "Europe/Berlin", accessRequiresTwoFactor: true }, context);
    expect(await getDoorSettings(actor)).toEqual({ timeZone: "Europe/Berlin", accessRequiresTwoFactor: true });
    expect((await events(projectId, "access.time_zone_changed")).map((event) => event.metadata)).toEqual([{ from: "UTC", to: "Europe/Berlin" }]);
    expect((await events(projectId, "access.settings_changed")).map((event) => event.metadata)).toEqual([{ accessRequiresTwoFactor: true }]);
    await expect(updateDoorSettings(actor, { timeZone: "Mars/Olympus" }, context)).rejects.toMatchObject({ code: "invalid_input" });
    expect((await getDoorSettings(actor)).timeZone).toBe("Europe/Berlin");
  });
});
