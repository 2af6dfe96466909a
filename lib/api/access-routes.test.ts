import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addMfaCode, setEntryCode } from "@/lib/access/credentials";
import type { AccessActor } from "@/lib/access/permissions";
import { context } from "@/test/factories";
import { checkDoorRoute, deleteDoorRoute } from "./endpoints/doors";
import { getAccessUserRoute, removeCardRoute, removeMfaCodeRoute } from "./endpoints/users";
import { callRoute, keyFor, projectWithOwner } from "./testing";

/** The access routes' edges not covered by the domain tests: what a route's name promises, and another project's ids. */

async function personWithCodes() {
  const setup = await projectWithOwner();
  const { key } = await keyFor(setup);
  const owner: AccessActor = { kind: "member", projectId: setup.project.id, userId: setup.owner.id, projectRole: "owner", accessRole: null };
  const user = await db.accessUser.create({ data: { projectId: setup.project.id, name: "Ada" } });
  const entry = await setEntryCode(owner, user.id, { code: "24680" }, context);
  const mfa = await addMfaCode(owner, user.id, { code: "13579" }, context);
  return { setup, key, user, entry, mfa };
}

describe("DELETE …/mfa-codes/{codeId}", () => {
  it("removes an MFA code only: the person's entry code is not found through it and stays", async () => {
    const { setup, key, user, entry, mfa } = await personWithCodes();
    const params = { projectId: setup.project.id, accessUserId: user.id };
    const refused = await callRoute(removeMfaCodeRoute, { ...params, codeId: entry.id }, { key });
    expect(refused.status).toBe(404);
    expect(await db.accessCode.count({ where: { id: entry.id } })).toBe(1);
    expect((await callRoute(removeMfaCodeRoute, { ...params, codeId: mfa.id }, { key })).status).toBe(204);
    expect(await db.accessCode.findMany({ where: { accessUserId: user.id }, select: { kind: true } })).toEqual([{ kind: "entry" }]);
  });
});

describe("another project's ids through a key's own project", () => {
  it("are not found, and nothing of the other project changes or is answered", async () => {
    const mine = await personWithCodes();
    const theirs = await personWithCodes();
    const card = await db.accessCard.create({ data: { projectId: theirs.setup.project.id, accessUserId: theirs.user.id, facilityCode: 9, cardNumber: 9 } });
    const door = await db.door.create({ data: { projectId: theirs.setup.project.id, name: "Back", schedule: [{ day: 1, start: "00:00", end: "24:00", mode: "card_only" }] } });
    const here = { projectId: mine.setup.project.id };
    const key = mine.key;
    expect((await callRoute(getAccessUserRoute, { ...here, accessUserId: theirs.user.id }, { key })).status).toBe(404);
    expect((await callRoute(removeMfaCodeRoute, { ...here, accessUserId: theirs.user.id, codeId: theirs.mfa.id }, { key })).status).toBe(404);
    // Their person's code id under my person's id.
    expect((await callRoute(removeMfaCodeRoute, { ...here, accessUserId: mine.user.id, codeId: theirs.mfa.id }, { key })).status).toBe(404);
    expect((await callRoute(removeCardRoute, { ...here, accessUserId: mine.user.id, cardId: card.id }, { key })).status).toBe(404);
    expect((await callRoute(deleteDoorRoute, { ...here, doorId: door.id }, { key })).status).toBe(404);
    expect((await callRoute(checkDoorRoute, { ...here, doorId: door.id }, { key, body: { facilityCode: 9, cardNumber: 9 } })).status).toBe(404);
    // Their project in the path with my key: the same 404.
    expect((await callRoute(getAccessUserRoute, { projectId: theirs.setup.project.id, accessUserId: theirs.user.id }, { key })).status).toBe(404);
    expect(await db.accessCode.count({ where: { accessUserId: theirs.user.id } })).toBe(2);
    expect(await db.accessCard.count({ where: { id: card.id } })).toBe(1);
    expect(await db.door.count({ where: { id: door.id } })).toBe(1);
  });
});
