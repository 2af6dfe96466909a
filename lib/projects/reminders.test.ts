import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { REMINDER_INTERVAL_MS } from "@/lib/policy/project";
import { context, createUser, enrolTotp, STEP_MS } from "@/test/factories";
import { enrolPhone } from "@/test/phone";
import { createProject } from "./projects";
import { sendReminder, sendReminders } from "./reminders";

const T0 = new Date(Math.floor(Date.UTC(2026, 10, 27, 9) / STEP_MS) * STEP_MS + 5_000);
const DAY = 86_400_000;
const at = (ms: number) => new Date(T0.getTime() + ms);
const RACERS = 30;

type Policy = { requiredLevel?: "disabled" | "once_per_computer" | "every_login"; secureMethodsOnly?: boolean; graceEndsAt?: Date | null };

/** A project requiring 2FA at every login (unless `policy` says otherwise), owned by a person with an app. */
async function projectWith(policy: Policy = {}) {
  const owner = await createUser();
  await enrolTotp(owner.id, T0);
  const created = await createProject({ userId: owner.id, sessionId: "none" }, `Apollo ${crypto.randomBytes(3).toString("hex")}`, context);
  const project = await db.project.update({ where: { id: created.id }, data: { requiredLevel: "every_login", secureMethodsOnly: false, graceEndsAt: null, ...policy } });
  return { owner, project, actor: { userId: owner.id, sessionId: "none" } };
}

async function member(projectId: string, options: { role?: ProjectRole; locale?: string; exemptUntil?: Date } = {}) {
  const user = await createUser();
  if (options.locale) await db.user.update({ where: { id: user.id }, data: { locale: options.locale } });
  await db.projectMember.create({ data: { projectId, userId: user.id, role: options.role ?? "member", exemptUntil: options.exemptUntil ?? null, exemptReason: options.exemptUntil ? "Travelling" : null } });
  return user;
}

/** Every project here is called "Apollo …", and its reminders' subjects say so in every language. */
const remindersTo = (email: string) => db.outboxMessage.findMany({ where: { to: email, subject: { contains: "Apollo" } } });
const auditsFor = (projectId: string, subjectId?: string) => db.auditEvent.findMany({ where: { projectId, type: "project.reminder_sent", ...(subjectId ? { subjectId } : {}) } });
const remindedAt = async (projectId: string, userId: string) => (await db.projectMember.findUniqueOrThrow({ where: { projectId_userId: { projectId, userId } } })).remindedAt;

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("Send reminder", { timeout: 120_000 }, () => {
  it("emails the member in their language what the project requires, with its link, and audits it", async () => {
    const { project, actor } = await projectWith({ secureMethodsOnly: true });
    const person = await member(project.id, { locale: "ja" });

    expect(await sendReminder(actor, project.id, person.id, context, T0)).toEqual({ name: person.name });

    const [email] = await remindersTo(person.email);
    expect(email?.subject).toBe(`${project.name} では二要素認証が必須です`);
    expect(email?.text).toContain("ログインのたびに");
    expect(email?.text).toContain("安全な方法のみ");
    expect(email?.text).toContain(`/projects/${project.id}`);
    // A reminder is not an event on the member's account: no "This wasn't me" link.
    expect(email?.text).not.toContain("/not-me?token=");
    expect(await remindedAt(project.id, person.id)).toEqual(T0);
    const [audit] = await auditsFor(project.id, person.id);
    expect(audit).toMatchObject({ actorId: actor.userId, subjectId: person.id, outcome: "success", metadata: { compliance: "not_compliant", requiredLevel: "every_login", secureMethodsOnly: true } });
  });

  it("names the grace period's end to a member in grace", async () => {
    const { project, actor } = await projectWith({ graceEndsAt: at(5 * DAY) });
    const person = await member(project.id);
    await sendReminder(actor, project.id, person.id, context, T0);
    const [email] = await remindersTo(person.email);
    expect(email?.text).toContain("You can still open the project until 2 December 2026");
  });

  it("goes once per member per day: a second one the same day is refused and changes nothing; a day later it goes again", async () => {
    const { project, actor } = await projectWith();
    const person = await member(project.id);
    await sendReminder(actor, project.id, person.id, context, T0);

    const refused = await refusal(sendReminder(actor, project.id, person.id, context, at(REMINDER_INTERVAL_MS - 1)));
    expect(refused.code).toBe("reminder_throttled");
    expect(refused.details.retryAt).toEqual(at(REMINDER_INTERVAL_MS));
    expect(await remindedAt(project.id, person.id)).toEqual(T0);
    expect(await remindersTo(person.email)).toHaveLength(1);
    expect(await auditsFor(project.id, person.id)).toHaveLength(1);

    await sendReminder(actor, project.id, person.id, context, at(REMINDER_INTERVAL_MS));
    expect(await remindersTo(person.email)).toHaveLength(2);
    expect(await remindedAt(project.id, person.id)).toEqual(at(REMINDER_INTERVAL_MS));
  });

  it("is refused for a compliant or exempt member, when nothing is required, and for someone outside the project", async () => {
    const { project, actor, owner } = await projectWith({ secureMethodsOnly: true });
    const withApp = await member(project.id);
    await enrolTotp(withApp.id, T0);
    const exempt = await member(project.id, { exemptUntil: at(DAY) });
    const phoneOnly = await member(project.id);
    await enrolPhone(phoneOnly.id, T0, { number: "+81 90-1234-5678" });
    const stranger = await createUser();

    expect((await refusal(sendReminder(actor, project.id, withApp.id, context, T0))).code).toBe("reminder_not_needed");
    expect((await refusal(sendReminder(actor, project.id, owner.id, context, T0))).code).toBe("reminder_not_needed");
    expect((await refusal(sendReminder(actor, project.id, exempt.id, context, T0))).code).toBe("reminder_not_needed");
    expect((await refusal(sendReminder(actor, project.id, stranger.id, context, T0))).code).toBe("not_found");
    expect((await refusal(sendReminder(actor, crypto.randomUUID(), phoneOnly.id, context, T0))).code).toBe("not_found");
    // Whoever calls: a stranger or a plain member reminds nobody (the role is read under the lock).
    expect((await refusal(sendReminder({ userId: stranger.id, sessionId: actor.sessionId }, project.id, phoneOnly.id, context, T0))).code).toBe("not_found");
    expect((await refusal(sendReminder({ userId: withApp.id, sessionId: actor.sessionId }, project.id, phoneOnly.id, context, T0))).code).toBe("forbidden");
    // A phone does not count under "secure methods only": that member is reminded.
    await sendReminder(actor, project.id, phoneOnly.id, context, T0);
    expect(await remindersTo(phoneOnly.email)).toHaveLength(1);
    // Once the exception is over, the exempt member is reminded too.
    await sendReminder(actor, project.id, exempt.id, context, at(DAY));

    await db.project.update({ where: { id: project.id }, data: { requiredLevel: "disabled" } });
    const later = await member(project.id);
    expect((await refusal(sendReminder(actor, project.id, later.id, context, T0))).code).toBe("reminder_not_needed");
    expect(await remindersTo(withApp.email)).toHaveLength(0);
    expect(await remindedAt(project.id, withApp.id)).toBeNull();
    expect(await auditsFor(project.id)).toHaveLength(2);
  });

  it(`${RACERS} parallel sends to one member: exactly one email, one audit event, the rest reminder_throttled`, async () => {
    const { project, actor } = await projectWith();
    const person = await member(project.id);
    const outcomes = await Promise.allSettled(Array.from({ length: RACERS }, () => sendReminder(actor, project.id, person.id, context, T0)));

    const won = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const refused = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [(outcome.reason as AppError).code] : []));
    expect(won).toHaveLength(1);
    expect(refused).toEqual(Array(RACERS - 1).fill("reminder_throttled"));
    expect(await remindersTo(person.email)).toHaveLength(1);
    expect(await auditsFor(project.id, person.id)).toHaveLength(1);
    expect(await remindedAt(project.id, person.id)).toEqual(T0);
  });
});

describe("Send reminder to all not compliant", { timeout: 120_000 }, () => {
  it("reminds each member who does not comply and was not reminded today, and only them", async () => {
    const { project, actor, owner } = await projectWith({ graceEndsAt: at(2 * DAY) });
    const compliant = await member(project.id, { role: "admin" });
    await enrolTotp(compliant.id, T0);
    const exempt = await member(project.id, { exemptUntil: at(DAY) });
    const first = await member(project.id, { locale: "de" });
    const second = await member(project.id);
    const remindedEarlier = await member(project.id);
    await sendReminder(actor, project.id, remindedEarlier.id, context, at(-60_000));

    expect(await sendReminders(actor, project.id, context, T0)).toEqual({ sent: 2, throttled: 1 });

    expect((await remindersTo(second.email)).length).toBe(1);
    const [german] = await remindersTo(first.email);
    expect(german?.subject).toBe(`${project.name} verlangt Zwei-Faktor-Authentifizierung`);
    for (const person of [owner, compliant, exempt]) expect(await remindersTo(person.email)).toHaveLength(0);
    expect(await remindersTo(remindedEarlier.email)).toHaveLength(1);
    const audits = await auditsFor(project.id);
    expect(audits.map((event) => event.subjectId).sort()).toEqual([first.id, second.id, remindedEarlier.id].sort());
    expect(audits.filter((event) => (event.metadata as { toAll?: boolean }).toAll)).toHaveLength(2);
    expect(audits.find((event) => event.subjectId === first.id)?.metadata).toMatchObject({ compliance: "grace" });

    expect(await sendReminders(actor, project.id, context, at(60_000))).toEqual({ sent: 0, throttled: 3 });
  });

  it(`${RACERS} parallel "to all" and single sends: every member gets exactly one email`, async () => {
    const { project, actor } = await projectWith();
    const people = await Promise.all(Array.from({ length: 4 }, () => member(project.id)));
    const calls = Array.from({ length: RACERS }, (_, index) =>
      index % 3 === 0 ? sendReminders(actor, project.id, context, T0) : sendReminder(actor, project.id, people[index % people.length]!.id, context, T0),
    );
    await Promise.allSettled(calls);
    for (const person of people) expect(await remindersTo(person.email)).toHaveLength(1);
    expect(await auditsFor(project.id)).toHaveLength(people.length);
  });
});
