import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { accessEvents, accessTeam, outcomeOf, type AccessTeam } from "@/test/access";
import { context } from "@/test/factories";
import { accessCodeDigest, openAccessCode } from "./codes";
import { addCard, addMfaCode, removeAccessCode, removeCard, removeMfaCodeByValue, revealAccessCode, setEntryCode, updateAccessCode } from "./credentials";
import { createAccessUser, getAccessUser } from "./users";

const person = (team: AccessTeam, name = "Holder") => createAccessUser(team.owner, { name, status: "active" }, context);

/** No event of the project holds the code, its digest or its sealed box anywhere. */
async function expectNoCodeInEvents(projectId: string, code: string) {
  const rows = await db.accessCode.findMany({ where: { projectId }, select: { sealed: true, digest: true } });
  const text = JSON.stringify(await accessEvents(projectId), (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value));
  expect(text).not.toContain(code);
  for (const row of rows) {
    expect(text).not.toContain(row.digest);
    expect(text).not.toContain(row.sealed);
  }
}

describe("cards", () => {
  it("adds a card, audited with its numbers; the same card again is card_taken, also for another person", async () => {
    const team = await accessTeam();
    const [a, b] = [await person(team, "A"), await person(team, "B")];
    const card = await addCard(team.credentialManager, a.id, { facilityCode: "12" as never, cardNumber: "３４５" as never }, context);
    expect(card).toMatchObject({ facilityCode: 12, cardNumber: 345 });
    expect((await accessEvents(team.projectId, "access.card_added"))[0]?.metadata).toEqual({ accessUserId: a.id, cardId: card.id, facilityCode: 12, cardNumber: 345 });
    expect(await outcomeOf(addCard(team.owner, a.id, { facilityCode: 12, cardNumber: 345 }, context))).toBe("card_taken");
    expect(await outcomeOf(addCard(team.owner, b.id, { facilityCode: 12, cardNumber: 345 }, context))).toBe("card_taken");
    // Unique per project: another project may hold the same numbers.
    const theirs = await createAccessUser(team.otherProjectKey, { name: "T", status: "active" }, context);
    expect(await outcomeOf(addCard(team.otherProjectKey, theirs.id, { facilityCode: 12, cardNumber: 345 }, context))).toBe("ok");
  });

  it("refuses numbers out of range and a person of another project", async () => {
    const team = await accessTeam();
    const a = await person(team);
    for (const card of [{ facilityCode: -1, cardNumber: 1 }, { facilityCode: 65_536, cardNumber: 1 }, { facilityCode: 1, cardNumber: 2_147_483_648 }, { facilityCode: 1.5, cardNumber: 1 }, { facilityCode: "", cardNumber: 1 }]) {
      expect(await outcomeOf(addCard(team.owner, a.id, card as never, context))).toBe("invalid_input");
    }
    const theirs = await createAccessUser(team.otherProjectKey, { name: "T", status: "active" }, context);
    expect(await outcomeOf(addCard(team.owner, theirs.id, { facilityCode: 1, cardNumber: 1 }, context))).toBe("not_found");
    expect(await db.accessCard.count({ where: { projectId: team.projectId } })).toBe(0);
  });

  it("of 100 parallel additions of one card (to 4 people), exactly one succeeds (a real race on PostgreSQL)", async () => {
    const team = await accessTeam();
    const people = [await person(team, "A"), await person(team, "B"), await person(team, "C"), await person(team, "D")];
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) => outcomeOf(addCard(team.owner, people[i % 4]!.id, { facilityCode: 7, cardNumber: 7777 }, context))),
    );
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
    expect(outcomes.filter((o) => o !== "ok").every((o) => o === "card_taken")).toBe(true);
    expect(await db.accessCard.count({ where: { projectId: team.projectId } })).toBe(1);
    expect(await accessEvents(team.projectId, "access.card_added")).toHaveLength(1);
  });

  it("removes a card of this person only", async () => {
    const team = await accessTeam();
    const [a, b] = [await person(team, "A"), await person(team, "B")];
    const card = await addCard(team.owner, a.id, { facilityCode: 1, cardNumber: 2 }, context);
    expect(await outcomeOf(removeCard(team.owner, b.id, card.id, context))).toBe("not_found");
    expect(await outcomeOf(removeCard(team.otherProjectKey, a.id, card.id, context))).toBe("not_found");
    await removeCard(team.writeKey, a.id, card.id, context);
    expect((await accessEvents(team.projectId, "access.card_removed"))[0]?.metadata).toEqual({ accessUserId: a.id, cardId: card.id, facilityCode: 1, cardNumber: 2, apiKeyId: team.writeKey.keyId });
    expect(await db.accessCard.count({ where: { projectId: team.projectId } })).toBe(0);
  });
});

describe("MFA codes", () => {
  it("stores a typed code sealed with a keyed digest, accepts full-width digits, and never audits the code", async () => {
    const team = await accessTeam();
    const a = await person(team);
    const added = await addMfaCode(team.owner, a.id, { code: "１２３４５６" }, context);
    expect(added).toMatchObject({ length: 6, code: "123456" });
    const row = await db.accessCode.findUniqueOrThrow({ where: { id: added.id } });
    expect(row).toMatchObject({ kind: "mfa", length: 6, digest: accessCodeDigest(team.projectId, "123456") });
    expect(row.sealed).not.toContain("123456");
    expect(openAccessCode(row)).toBe("123456");
    expect((await accessEvents(team.projectId, "access.code_added"))[0]?.metadata).toEqual({ accessUserId: a.id, accessCodeId: added.id, kind: "mfa", length: 6, generated: false });
    await expectNoCodeInEvents(team.projectId, "123456");
  });

  it("generates a code from the CSPRNG of the chosen length (6 by default on the form), shown once in the answer", async () => {
    const team = await accessTeam();
    const a = await person(team);
    for (const length of [4, 6, 16]) {
      const added = await addMfaCode(team.owner, a.id, { generateLength: length }, context);
      expect(added.code).toMatch(new RegExp(`^[0-9]{${length}}$`));
      expect(await revealAccessCode(team.owner, a.id, added.id, context)).toBe(added.code);
      await expectNoCodeInEvents(team.projectId, added.code);
    }
    expect((await getAccessUser(team.owner, a.id)).codes.map((code) => code.length)).toEqual([4, 6, 16]);
  });

  it("refuses 3 or 17 digits, letters, both a code and Generate, or neither", async () => {
    const team = await accessTeam();
    const a = await person(team);
    for (const input of [{ code: "123" }, { code: "1".repeat(17) }, { code: "12a4" }, { code: "1234", generateLength: 6 }, {}, { generateLength: 3 }, { generateLength: 17 }]) {
      expect(await outcomeOf(addMfaCode(team.owner, a.id, input, context)), JSON.stringify(input)).toBe("invalid_input");
    }
    expect(await db.accessCode.count({ where: { projectId: team.projectId } })).toBe(0);
  });

  it("lets several people share a code and one person hold several, beside an entry code (Verkada's rules)", async () => {
    const team = await accessTeam();
    const [a, b] = [await person(team, "A"), await person(team, "B")];
    await addMfaCode(team.owner, a.id, { code: "4321" }, context);
    await addMfaCode(team.owner, b.id, { code: "4321" }, context);
    await addMfaCode(team.owner, a.id, { code: "4321" }, context);
    await addMfaCode(team.owner, a.id, { code: "98765" }, context);
    await setEntryCode(team.owner, a.id, { code: "4321" }, context);
    const detail = await getAccessUser(team.owner, a.id);
    expect(detail.codes.map((code) => code.kind)).toEqual(["entry", "mfa", "mfa", "mfa"]);
    expect(detail).toMatchObject({ mfaCodeCount: 3, hasEntryCode: true });
  });

  it("edits a code under the same row, deletes by id, and deletes by value (Verkada's endpoint) only this person's MFA codes", async () => {
    const team = await accessTeam();
    const [a, b] = [await person(team, "A"), await person(team, "B")];
    const first = await addMfaCode(team.owner, a.id, { code: "1111" }, context);
    await updateAccessCode(team.owner, a.id, first.id, "２２２２２", context);
    expect(await revealAccessCode(team.owner, a.id, first.id, context)).toBe("22222");
    expect((await accessEvents(team.projectId, "access.code_changed"))[0]?.metadata).toMatchObject({ accessCodeId: first.id, kind: "mfa", length: 5 });
    await addMfaCode(team.owner, a.id, { code: "22222" }, context);
    await addMfaCode(team.owner, b.id, { code: "22222" }, context);
    await setEntryCode(team.owner, a.id, { code: "22222" }, context);
    expect(await removeMfaCodeByValue(team.writeKey, a.id, "22222", context)).toBe(2);
    expect(await removeMfaCodeByValue(team.writeKey, a.id, "22222", context)).toBe(0);
    expect((await getAccessUser(team.owner, a.id)).codes.map((code) => code.kind)).toEqual(["entry"]);
    expect((await getAccessUser(team.owner, b.id)).mfaCodeCount).toBe(1);
    expect(await accessEvents(team.projectId, "access.code_removed")).toHaveLength(1);
    const other = await addMfaCode(team.owner, b.id, { code: "5555" }, context);
    expect(await outcomeOf(removeAccessCode(team.owner, a.id, other.id, context))).toBe("not_found");
    await removeAccessCode(team.owner, b.id, other.id, context);
    expect(await outcomeOf(revealAccessCode(team.owner, b.id, other.id, context))).toBe("not_found");
    await expectNoCodeInEvents(team.projectId, "22222");
  });

  it("audits every Reveal with the code's kind and length, never the code; another project's key finds nothing", async () => {
    const team = await accessTeam();
    const a = await person(team);
    const added = await addMfaCode(team.owner, a.id, { code: "80808080" }, context);
    expect(await revealAccessCode(team.credentialManager, a.id, added.id, context)).toBe("80808080");
    expect((await accessEvents(team.projectId, "access.code_revealed"))[0]).toMatchObject({
      actorId: team.credentialManager.userId,
      metadata: { accessUserId: a.id, accessCodeId: added.id, kind: "mfa", length: 8 },
    });
    expect(await outcomeOf(revealAccessCode(team.otherProjectKey, a.id, added.id, context))).toBe("not_found");
    await expectNoCodeInEvents(team.projectId, "80808080");
  });
});

describe("the entry code", () => {
  it("is at most one: setting it again replaces it, audited as replaced", async () => {
    const team = await accessTeam();
    const a = await person(team);
    const first = await setEntryCode(team.owner, a.id, { code: "1234" }, context);
    const second = await setEntryCode(team.owner, a.id, { generateLength: 8 }, context);
    const codes = await db.accessCode.findMany({ where: { accessUserId: a.id } });
    expect(codes.map((code) => code.id)).toEqual([second.id]);
    expect(first.id).not.toBe(second.id);
    expect((await accessEvents(team.projectId, "access.code_added")).map((event) => event.metadata)).toEqual([
      { accessUserId: a.id, accessCodeId: first.id, kind: "entry", length: 4, generated: false, replaced: false },
      { accessUserId: a.id, accessCodeId: second.id, kind: "entry", length: 8, generated: true, replaced: true },
    ]);
  });

  it("stays one under 40 parallel sets (a real race on PostgreSQL)", async () => {
    const team = await accessTeam();
    const a = await person(team);
    const outcomes = await Promise.all(Array.from({ length: 40 }, () => outcomeOf(setEntryCode(team.owner, a.id, { generateLength: 6 }, context))));
    expect(outcomes.every((o) => o === "ok")).toBe(true);
    expect(await db.accessCode.count({ where: { accessUserId: a.id, kind: "entry" } })).toBe(1);
  });
});
