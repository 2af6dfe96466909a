import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { context } from "@/test/factories";
import { accessCodeDigest } from "./codes";
import { checkDoor, type DoorCheckResult } from "./door-check";
import { accessPerson, allWeek, doorIn, doorProject, memberOf } from "./door-testing";
import { DOOR_LOCK_MS } from "./limits";
import type { AccessActor } from "./permissions";

// Monday 2 March 2026, 12:00 UTC.
const NOW = new Date("2026-03-02T12:00:00Z");
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
const CODE = "482913";

async function setup(mode: "card_only" | "card_and_code" = "card_and_code", options: Parameters<typeof doorProject>[0] = {}) {
  const project = await doorProject(options);
  const door = await doorIn(project.projectId, allWeek(mode));
  const person = await accessPerson(project.projectId, { codes: [CODE] });
  const check = (code: string | null, at = NOW, doorId = door.id, who = person, actor: AccessActor = project.actor) =>
    checkDoor(actor, { doorId, facilityCode: who.facilityCode, cardNumber: who.cardNumber, code }, context, at);
  return { ...project, door, person, check };
}

const reasons = (results: DoorCheckResult[]) => results.map((result) => result.reason);
// In writing order: checks at one instant share createdAt, so the writing transaction's id decides.
const checks = (projectId: string) => db.auditEvent.findMany({ where: { projectId, type: "access.door_checked" }, orderBy: [{ createdAt: "asc" }, { txid: "asc" }] });

describe("checkDoor: the reasons", () => {
  it("opens for a known card with Card only in force, without a code", async () => {
    const { check, person } = await setup("card_only");
    expect(await check(null)).toEqual({ granted: true, reason: "card_only", mode: "card_only", accessUserId: person.accessUserId, lockedUntil: null });
  });

  it("with Card + code in force, asks for a code (code_required), opens with one of the person's MFA codes, refuses another (wrong_code)", async () => {
    const { check } = await setup();
    expect(await check(null)).toMatchObject({ granted: false, reason: "code_required", mode: "card_and_code" });
    expect(await check(CODE)).toMatchObject({ granted: true, reason: "card_and_code" });
    expect(await check("111111")).toMatchObject({ granted: false, reason: "wrong_code" });
  });

  it("takes any of several MFA codes, not an entry code nor another person's code", async () => {
    const { check, projectId } = await setup();
    const several = await accessPerson(projectId, { codes: ["1234", "98765432"], entryCode: "5555" });
    await accessPerson(projectId, { codes: ["7777"] });
    expect((await check("1234", NOW, undefined, several)).reason).toBe("card_and_code");
    expect((await check("98765432", NOW, undefined, several)).reason).toBe("card_and_code");
    expect((await check("5555", NOW, undefined, several)).reason).toBe("wrong_code");
    expect((await check("7777", NOW, undefined, several)).reason).toBe("wrong_code");
  });

  it("lets several people share one MFA code", async () => {
    const { check, projectId } = await setup();
    const other = await accessPerson(projectId, { codes: [CODE] });
    expect((await check(CODE)).granted).toBe(true);
    expect((await check(CODE, NOW, undefined, other)).granted).toBe(true);
  });

  it("refuses an unknown card, and a card of another project (unknown_card)", async () => {
    const { check, person } = await setup("card_only");
    expect(await check(null, NOW, undefined, { ...person, cardNumber: 999_999 })).toMatchObject({ granted: false, reason: "unknown_card", accessUserId: null, mode: "card_only" });
    const elsewhere = await doorProject();
    const stranger = await accessPerson(elsewhere.projectId, { codes: [CODE] });
    expect((await check(CODE, NOW, undefined, stranger)).reason).toBe("unknown_card");
  });

  it("refuses outside every window (outside_schedule, no mode)", async () => {
    const { projectId, person, actor } = await setup();
    const door = await doorIn(projectId, [{ day: 2, start: "09:00", end: "17:00", mode: "card_only" }]);
    expect(await checkDoor(actor, { doorId: door.id, ...person, code: CODE }, context, NOW)).toMatchObject({ granted: false, reason: "outside_schedule", mode: null });
  });

  it("refuses a suspended person's card, with or without a code (suspended)", async () => {
    const { projectId, check } = await setup("card_only");
    const suspended = await accessPerson(projectId, { codes: [CODE], status: "suspended" });
    expect((await check(null, NOW, undefined, suspended)).reason).toBe("suspended");
    expect((await check(CODE, NOW, undefined, suspended)).reason).toBe("suspended");
  });

  it("answers not_found for a door of another project, and forbidden to whom may not check doors", async () => {
    const { check, projectId } = await setup();
    const elsewhere = await doorProject();
    const foreign = await doorIn(elsewhere.projectId, allWeek("card_only"));
    await expect(check(null, NOW, foreign.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(check(null, NOW, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "not_found" });
    const plain = await memberOf(projectId);
    await expect(check(CODE, NOW, undefined, undefined, plain.actor)).rejects.toMatchObject({ code: "forbidden" });
    const readOnlyKey: AccessActor = { kind: "api_key", projectId, keyId: "k", createdById: plain.user.id, scopes: ["read"] };
    await expect(check(CODE, NOW, undefined, undefined, readOnlyKey)).rejects.toMatchObject({ code: "forbidden" });
    expect(await checks(projectId)).toHaveLength(0);
  });
});

describe("checkDoor: the schedule in force", () => {
  it("reads the schedule in the project's time zone: Monday 09:00–17:00 Card + code in Tokyo, Card only otherwise", async () => {
    const { projectId, actor } = await doorProject({ timeZone: "Asia/Tokyo" });
    const door = await doorIn(projectId, [
      { day: 1, start: "00:00", end: "09:00", mode: "card_only" },
      { day: 1, start: "09:00", end: "17:00", mode: "card_and_code" },
      { day: 1, start: "17:00", end: "24:00", mode: "card_only" },
    ]);
    const person = await accessPerson(projectId, { codes: [CODE] });
    const at = (iso: string) => checkDoor(actor, { doorId: door.id, ...person, code: null }, context, new Date(iso));
    expect(await at("2026-03-01T23:59:00Z")).toMatchObject({ reason: "card_only", mode: "card_only" }); // Mon 08:59 JST
    expect(await at("2026-03-02T00:00:00Z")).toMatchObject({ reason: "code_required", mode: "card_and_code" }); // Mon 09:00 JST
    expect(await at("2026-03-02T08:00:00Z")).toMatchObject({ reason: "card_only", mode: "card_only" }); // Mon 17:00 JST
    expect(await at("2026-03-02T15:00:00Z")).toMatchObject({ reason: "outside_schedule", mode: null }); // Tue 00:00 JST
  });
});

describe("checkDoor: linked members", () => {
  it("refuses a person whose codes were suspended (codes_suspended), yet Card only still opens for them", async () => {
    const { projectId, check } = await setup();
    const held = await accessPerson(projectId, { codes: [CODE], codesSuspendedAt: NOW });
    expect((await check(CODE, NOW, undefined, held)).reason).toBe("codes_suspended");
    const cardOnly = await doorIn(projectId, allWeek("card_only"));
    expect((await check(null, NOW, cardOnly.id, held)).reason).toBe("card_only");
  });

  it("refuses the codes of a linked person who is no longer a member of the project (codes_suspended)", async () => {
    const { projectId, check } = await setup();
    const member = await memberOf(projectId);
    const linked = await accessPerson(projectId, { codes: [CODE], memberUserId: member.user.id });
    expect((await check(CODE, NOW, undefined, linked)).reason).toBe("card_and_code");
    await db.projectMember.delete({ where: { projectId_userId: { projectId, userId: member.user.id } } });
    expect((await check(CODE, NOW, undefined, linked)).reason).toBe("codes_suspended");
  });

  it("when the project asks, a linked member's codes work only with an active real second factor (two_factor_required); unlinked people are not asked", async () => {
    const { projectId, check } = await setup("card_and_code", { accessRequiresTwoFactor: true });
    const member = await memberOf(projectId);
    const linked = await accessPerson(projectId, { codes: [CODE], memberUserId: member.user.id });
    expect((await check(CODE, NOW, undefined, linked)).reason).toBe("two_factor_required");
    const factor = await db.twoFactorFactor.create({ data: { userId: member.user.id, type: "totp", status: "pending" } });
    expect((await check(CODE, NOW, undefined, linked)).reason).toBe("two_factor_required");
    await db.twoFactorFactor.update({ where: { id: factor.id }, data: { status: "active" } });
    expect((await check(CODE, NOW, undefined, linked)).reason).toBe("card_and_code");
    expect((await check(CODE)).reason).toBe("card_and_code");
    await db.project.update({ where: { id: projectId }, data: { accessRequiresTwoFactor: false } });
    await db.twoFactorFactor.delete({ where: { id: factor.id } });
    expect((await check(CODE, NOW, undefined, linked)).reason).toBe("card_and_code");
  });
  it("with Secure methods only, a linked member's text-message factor does not count for the 2FA requirement; an authenticator does", async () => {
    const { projectId, check } = await setup("card_and_code", { accessRequiresTwoFactor: true });
    await db.project.update({ where: { id: projectId }, data: { secureMethodsOnly: true } });
    const member = await memberOf(projectId);
    const linked = await accessPerson(projectId, { codes: [CODE], memberUserId: member.user.id });
    await db.twoFactorFactor.create({ data: { userId: member.user.id, type: "sms", status: "active" } });
    expect((await check(CODE, NOW, undefined, linked)).reason).toBe("two_factor_required");
    await db.project.update({ where: { id: projectId }, data: { secureMethodsOnly: false } });
    expect((await check(CODE, NOW, undefined, linked)).reason).toBe("card_and_code");
    await db.project.update({ where: { id: projectId }, data: { secureMethodsOnly: true } });
    await db.twoFactorFactor.create({ data: { userId: member.user.id, type: "totp", status: "active" } });
    expect((await check(CODE, NOW, undefined, linked)).reason).toBe("card_and_code");
  });
});

describe("checkDoor: the lockout", () => {
  it("locks the card at the door after 5 wrong codes for 5 minutes, even against the right code, then opens again", async () => {
    const { check, projectId } = await setup();
    const wrong = [];
    for (let i = 0; i < 5; i++) wrong.push(await check("000000", minutes(i * 0.5)));
    expect(reasons(wrong)).toEqual(Array(5).fill("wrong_code"));
    expect(wrong[4]!.lockedUntil).toEqual(new Date(minutes(2).getTime() + DOOR_LOCK_MS));
    const locked = await check(CODE, minutes(3));
    expect(locked).toMatchObject({ granted: false, reason: "locked", lockedUntil: new Date(minutes(2).getTime() + DOOR_LOCK_MS) });
    expect((await check(null, minutes(6.99))).reason).toBe("locked");
    expect((await check(CODE, minutes(7))).reason).toBe("card_and_code");
    const events = await db.auditEvent.findMany({ where: { projectId, type: "access.door_locked" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.metadata).toMatchObject({ failures: 5, accessUserId: wrong[0]!.accessUserId });
  });

  it("a right code after 4 wrong ones resets the count", async () => {
    const { check } = await setup();
    for (let i = 0; i < 4; i++) expect((await check("000000")).reason).toBe("wrong_code");
    expect((await check(CODE)).reason).toBe("card_and_code");
    for (let i = 0; i < 4; i++) expect((await check("000000")).reason).toBe("wrong_code");
    expect((await check(CODE)).reason).toBe("card_and_code");
  });

  it("counts wrong codes within 5 minutes only: 4 now and 4 after the window lock nothing", async () => {
    const { check } = await setup();
    for (let i = 0; i < 4; i++) expect((await check("000000", NOW)).reason).toBe("wrong_code");
    for (let i = 0; i < 4; i++) expect((await check("000000", minutes(5))).reason).toBe("wrong_code");
    expect((await check(CODE, minutes(5))).reason).toBe("card_and_code");
  });

  it("locks per card per door: another door and another card still work", async () => {
    const { check, projectId } = await setup();
    const other = await accessPerson(projectId, { codes: [CODE] });
    const side = await doorIn(projectId, allWeek("card_and_code"));
    for (let i = 0; i < 5; i++) await check("000000");
    expect((await check(CODE)).reason).toBe("locked");
    expect((await check(CODE, NOW, side.id)).reason).toBe("card_and_code");
    expect((await check(CODE, NOW, undefined, other)).reason).toBe("card_and_code");
  });

  it("200 parallel wrong codes for one card compare exactly 5; the rest are refused as locked", async () => {
    const { check, projectId } = await setup();
    const results = await Promise.all(Array.from({ length: 200 }, () => check("000000")));
    const count = (reason: string) => results.filter((result) => result.reason === reason).length;
    expect([count("wrong_code"), count("locked")]).toEqual([5, 195]);
    expect(await db.auditEvent.count({ where: { projectId, type: "access.door_locked" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { projectId, type: "access.door_checked" } })).toBe(200);
    expect((await check(CODE, minutes(4.99))).reason).toBe("locked");
    expect((await check(CODE, minutes(5))).reason).toBe("card_and_code");
  });
});

describe("checkDoor: the audit", () => {
  it("writes access.door_checked for every check, with outcome, reason, door, person, card, mode and the API key, never the code", async () => {
    const { check, projectId, door, person, owner } = await setup();
    const key: AccessActor = { kind: "api_key", projectId, keyId: "key-1", createdById: owner.id, scopes: ["write"] };
    await check(CODE);
    await check("999999", NOW, undefined, undefined, key);
    await check(null);
    const events = await checks(projectId);
    expect(events.map((event) => [event.outcome, (event.metadata as { reason: string }).reason])).toEqual([
      ["success", "card_and_code"],
      ["failure", "wrong_code"],
      ["failure", "code_required"],
    ]);
    expect(events[0]).toMatchObject({ actorId: owner.id, subjectId: null, metadata: { doorId: door.id, accessUserId: person.accessUserId, facility: person.facilityCode, cardNumber: person.cardNumber, mode: "card_and_code" } });
    expect(events[1]!.metadata).toMatchObject({ apiKeyId: "key-1" });
    const text = JSON.stringify(await db.auditEvent.findMany({ where: { projectId }, select: { metadata: true, type: true } }));
    for (const secret of [CODE, "999999", accessCodeDigest(projectId, CODE), accessCodeDigest(projectId, "999999")]) expect(text).not.toContain(secret);
  });
});
