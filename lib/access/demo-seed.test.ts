import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DEMO_ACCESS_USERS, DEMO_PROJECT_NAME, seedDemoData } from "@/prisma/seed";
import { context } from "@/test/factories";
import { checkDoor } from "./door-check";
import type { AccessActor } from "./permissions";

// Wednesday 4 March 2026, 10:00 UTC: inside the server room's weekday window.
const WEDNESDAY = new Date("2026-03-04T10:00:00Z");

describe("the demo seed's access control", () => {
  it("writes two doors and three access users with cards and MFA codes once, audited as the pages do (marked as the seed's, no code in an event), and the keypad answers for them", async () => {
    await seedDemoData();
    await seedDemoData();
    const project = await db.project.findFirstOrThrow({ where: { name: DEMO_PROJECT_NAME } });
    const doors = await db.door.findMany({ where: { projectId: project.id }, orderBy: { name: "asc" } });
    expect(doors.map((door) => door.name)).toEqual(["Main entrance", "Server room"]);
    expect(await db.accessUser.count({ where: { projectId: project.id } })).toBe(3);
    expect(await db.accessCode.count({ where: { projectId: project.id, kind: "mfa" } })).toBe(3);
    const events = await db.auditEvent.findMany({ where: { projectId: project.id, type: { in: ["access.user_created", "access.card_added", "access.code_added"] } } });
    expect(events.map((row) => row.type).sort()).toEqual([...Array(3).fill("access.card_added"), ...Array(3).fill("access.code_added"), ...Array(3).fill("access.user_created")]);
    expect(events.every((row) => (row.metadata as { source?: string }).source === "demo_seed")).toBe(true);
    for (const person of DEMO_ACCESS_USERS) expect(JSON.stringify(events.map((row) => row.metadata))).not.toContain(`"${person.code}"`);
    const owner = await db.projectMember.findFirstOrThrow({ where: { projectId: project.id, role: "owner" } });
    const actor: AccessActor = { kind: "member", projectId: project.id, userId: owner.userId, projectRole: "owner", accessRole: null };
    const [avery, blake] = DEMO_ACCESS_USERS;
    const serverRoom = doors[1]!.id;
    const check = (who: typeof blake, code: string | null, doorId = serverRoom) => checkDoor(actor, { doorId, facilityCode: 100, cardNumber: who!.cardNumber, code }, context, WEDNESDAY);
    expect((await check(blake, blake!.code)).reason).toBe("card_and_code");
    expect((await check(blake, null)).reason).toBe("code_required");
    expect((await check(avery, avery!.code)).reason).toBe("card_and_code");
    expect((await check(blake, null, doors[0]!.id)).reason).toBe("card_only");
  });
});
