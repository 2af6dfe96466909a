import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { FactorType } from "@/lib/db/generated/enums";
import { context, createUser, sudoActor } from "@/test/factories";
import { sendGraceLastDayEmails } from "./grace";
import { changeProjectPolicy } from "./policy";
import { createProject } from "./projects";

const T0 = new Date(Date.UTC(2026, 10, 26, 10));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(T0.getTime() + ms);
const SUBJECT = "Last day to set up two-factor authentication for Payments";

/** A project whose 7-day grace period started at T0 (ends at T0 + 7 days), with members as given. */
async function inGrace(members: { factors?: FactorType[]; exemptUntil?: Date; locale?: string }[]) {
  const owner = await createUser();
  await db.twoFactorFactor.create({ data: { userId: owner.id, type: "totp", status: "active" } });
  const actor = await sudoActor(owner.id, T0);
  const project = await createProject(actor, "Payments", context);
  const people = [];
  for (const member of members) {
    const user = await createUser();
    if (member.locale) await db.user.update({ where: { id: user.id }, data: { locale: member.locale } });
    for (const type of member.factors ?? []) await db.twoFactorFactor.create({ data: { userId: user.id, type, status: "active" } });
    await db.projectMember.create({ data: { projectId: project.id, userId: user.id, exemptUntil: member.exemptUntil ?? null } });
    people.push(user);
  }
  await changeProjectPolicy(
    actor,
    project.id,
    { requiredLevel: "every_login", secureMethodsOnly: true, graceDays: 7, expected: { requiredLevel: "disabled", secureMethodsOnly: false, graceDays: 0 }, confirm: true, shownBlocked: [] },
    context,
    T0,
  );
  await db.outboxMessage.deleteMany({});
  return { owner, actor, project, people };
}

const lastDayMail = (email: string) => db.outboxMessage.findMany({ where: { to: email, subject: { contains: "Payments" } } });
const notified = (projectId: string) => db.auditEvent.findMany({ where: { projectId, type: "project.grace_notified" }, orderBy: { createdAt: "asc" } });

describe("the grace period's last-day emails", { timeout: 60_000 }, () => {
  it("go out once, within the last 24 hours, to members still without a method that counts (not the exempt ones), in their language", async () => {
    const { owner, project, people } = await inGrace([{ factors: [] }, { factors: ["sms"], locale: "de" }, { factors: ["webauthn"] }, { factors: [], exemptUntil: at(30 * DAY) }]);
    const [bare, phone, key, exempt] = people;

    expect(await sendGraceLastDayEmails(at(5 * DAY))).toBe(0);
    expect(await sendGraceLastDayEmails(at(7 * DAY - HOUR))).toBe(2);
    expect((await lastDayMail(bare!.email)).map((mail) => mail.subject)).toEqual([SUBJECT]);
    expect((await lastDayMail(bare!.email))[0]!.text).toContain(`/projects/${project.id}/enrol`);
    expect((await lastDayMail(phone!.email)).map((mail) => mail.subject)).toEqual(["Letzter Tag, um Zwei-Faktor-Authentifizierung für Payments einzurichten"]);
    for (const person of [owner, key!, exempt!]) expect(await lastDayMail(person.email)).toEqual([]);
    expect((await notified(project.id)).map((event) => event.metadata)).toEqual([
      expect.objectContaining({ day: "first" }),
      { day: "last", recipients: 2, graceEndsAt: at(7 * DAY).toISOString() },
    ]);
    expect(await db.project.findUniqueOrThrow({ where: { id: project.id } })).toMatchObject({ graceLastDayNotifiedAt: at(7 * DAY - HOUR) });

    // Claimed: later runs send nothing, nor after the grace period ended.
    expect(await sendGraceLastDayEmails(at(7 * DAY - HOUR / 2))).toBe(0);
    expect(await sendGraceLastDayEmails(at(8 * DAY))).toBe(0);
    expect(await lastDayMail(bare!.email)).toHaveLength(1);
  });

  it("50 runs at once (several app instances): one email per member, one event", async () => {
    const { project, people } = await inGrace([{ factors: [] }, { factors: [] }, { factors: ["voice"] }]);
    const sent = await Promise.all(Array.from({ length: 50 }, () => sendGraceLastDayEmails(at(7 * DAY - 2 * HOUR))));
    expect(sent.reduce((sum, count) => sum + count, 0)).toBe(3);
    expect(sent.filter((count) => count > 0)).toHaveLength(1);
    for (const person of people) expect(await lastDayMail(person.email)).toHaveLength(1);
    expect((await notified(project.id)).filter((event) => (event.metadata as { day: string }).day === "last")).toHaveLength(1);
  });

  it("a change that moves the deadline starts the last-day claim afresh; turning the requirement off sends nothing", async () => {
    const { owner, project, people } = await inGrace([{ factors: [] }]);
    expect(await sendGraceLastDayEmails(at(7 * DAY - HOUR))).toBe(1);
    // Three more days of grace, decided an hour before the end: a new last day, a new email.
    const now = at(7 * DAY - HOUR / 2);
    const actor = await sudoActor(owner.id, now);
    const strict = { requiredLevel: "every_login", secureMethodsOnly: true, graceDays: 7 } as const;
    await changeProjectPolicy(actor, project.id, { ...strict, graceDays: 10, expected: strict, confirm: false, shownBlocked: [] }, context, now);
    expect(await db.project.findUniqueOrThrow({ where: { id: project.id } })).toMatchObject({ graceEndsAt: at(10 * DAY), graceLastDayNotifiedAt: null });
    expect(await sendGraceLastDayEmails(at(8 * DAY))).toBe(0);
    expect(await sendGraceLastDayEmails(at(9 * DAY + HOUR))).toBe(1);
    expect(await lastDayMail(people[0]!.email)).toHaveLength(3);

    const later = await sudoActor(owner.id, at(9 * DAY + 2 * HOUR));
    await changeProjectPolicy(later, project.id, { ...strict, requiredLevel: "disabled", graceDays: 10, expected: { ...strict, graceDays: 10 }, confirm: false, shownBlocked: [] }, context, at(9 * DAY + 2 * HOUR));
    expect(await sendGraceLastDayEmails(at(9 * DAY + 3 * HOUR))).toBe(0);
  });
});
