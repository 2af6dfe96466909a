import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { FactorType, ProjectRole } from "@/lib/db/generated/enums";
import { context, createUser, sudoActor } from "@/test/factories";
import { changeProjectPolicy, graceAfter, type PolicyChange, type PolicyValues } from "./policy";
import { createProject } from "./projects";

const T0 = new Date(Date.UTC(2026, 10, 26, 10));
const MINUTE = 60_000;
const DAY = 86_400_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

const DEFAULTS: PolicyValues = { requiredLevel: "disabled", secureMethodsOnly: false, graceDays: 0 };

/** A project with its owner (an authenticator app) and members with the given methods. */
async function projectWith(members: { role?: ProjectRole; factors?: FactorType[]; locale?: string; exemptDays?: number }[] = []) {
  const owner = await createUser();
  await addFactors(owner.id, ["totp"]);
  const actor = await sudoActor(owner.id, T0);
  const project = await createProject(actor, "Payments", context);
  const people = [];
  for (const member of members) {
    const user = await createUser();
    if (member.locale) await db.user.update({ where: { id: user.id }, data: { locale: member.locale } });
    await addFactors(user.id, member.factors ?? []);
    await db.projectMember.create({
      data: { projectId: project.id, userId: user.id, role: member.role ?? "member", exemptUntil: member.exemptDays ? at(member.exemptDays * DAY) : null },
    });
    people.push(user);
  }
  return { owner, actor, project, people };
}

async function addFactors(userId: string, types: FactorType[]) {
  for (const type of types) await db.twoFactorFactor.create({ data: { userId, type, status: "active", confirmedAt: T0 } });
}

const change = (to: Partial<PolicyValues>, expected: PolicyValues = DEFAULTS, extra: Partial<PolicyChange> = {}): PolicyChange => ({
  ...DEFAULTS,
  ...to,
  expected,
  confirm: false,
  shownBlocked: [],
  ...extra,
});

const stored = (projectId: string) =>
  db.project.findUniqueOrThrow({ where: { id: projectId }, select: { requiredLevel: true, secureMethodsOnly: true, graceDays: true, graceEndsAt: true, graceScope: true, policyChangedAt: true, graceLastDayNotifiedAt: true } });
const events = (projectId: string, type: string) => db.auditEvent.findMany({ where: { projectId, type }, orderBy: { createdAt: "asc" } });
const inbox = (email: string) => db.outboxMessage.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });

describe("graceAfter", () => {
  const now = T0;
  const running = at(5 * DAY);
  const once = { requiredLevel: "once_per_computer", secureMethodsOnly: false } as const;
  const every = { requiredLevel: "every_login", secureMethodsOnly: false } as const;
  const all = (graceEndsAt: Date | null) => ({ graceEndsAt, graceScope: "everyone" }) as const;
  const phones = (graceEndsAt: Date | null) => ({ graceEndsAt, graceScope: "phone_only" }) as const;
  it.each([
    ["nothing required: no grace", { ...DEFAULTS, graceDays: 7, ...all(running) }, { ...DEFAULTS, graceDays: 7 }, all(null)],
    ["a requirement starts: grace days from now, for everyone", { ...DEFAULTS, ...all(null) }, { ...once, graceDays: 7 }, all(at(7 * DAY))],
    ["a requirement starts with secure methods only: for everyone", { ...DEFAULTS, ...phones(null) }, { ...every, secureMethodsOnly: true, graceDays: 7 }, all(at(7 * DAY))],
    ["a requirement starts with 0 days: no grace", { ...DEFAULTS, ...all(null) }, { ...every, graceDays: 0 }, all(null)],
    ["secure methods only turned on, no grace before: a new grace for phone-only members", { ...once, graceDays: 3, ...all(null) }, { ...once, secureMethodsOnly: true, graceDays: 3 }, phones(at(3 * DAY))],
    ["secure methods only turned on after the grace ended: those held at enrolment stay held", { ...every, graceDays: 0, ...all(at(-DAY)) }, { ...every, secureMethodsOnly: true, graceDays: 30 }, phones(at(30 * DAY))],
    ["secure methods only turned on during a grace for everyone: it still covers everyone", { ...once, graceDays: 7, ...all(running) }, { ...once, secureMethodsOnly: true, graceDays: 7 }, all(at(7 * DAY))],
    ["secure methods only on again during a phone-only grace: still phone-only", { ...once, graceDays: 7, ...phones(running) }, { ...once, secureMethodsOnly: true, graceDays: 7 }, phones(at(7 * DAY))],
    ["secure methods only turned on with 0 days: no grace", { ...once, graceDays: 0, ...all(running) }, { ...once, secureMethodsOnly: true, graceDays: 0 }, all(null)],
    ["level raised after the grace ended: no new grace", { ...once, graceDays: 7, ...all(at(-DAY)) }, { ...every, graceDays: 7 }, all(at(-DAY))],
    ["level raised during grace: the grace runs on", { ...once, graceDays: 7, ...all(running) }, { ...every, graceDays: 7 }, all(running)],
    ["level raised during a phone-only grace: it runs on, still phone-only", { ...once, secureMethodsOnly: true, graceDays: 7, ...phones(running) }, { ...every, secureMethodsOnly: true, graceDays: 7 }, phones(running)],
    ["grace shortened: its end moves earlier", { ...every, graceDays: 7, ...all(running) }, { ...every, graceDays: 3 }, all(at(DAY))],
    ["grace shortened past now: it ends", { ...every, graceDays: 7, ...all(running) }, { ...every, graceDays: 1 }, all(null)],
    ["grace lengthened: its end moves later", { ...every, graceDays: 7, ...all(running) }, { ...every, graceDays: 10 }, all(at(8 * DAY))],
    ["a phone-only grace lengthened: later, still phone-only", { ...every, secureMethodsOnly: true, graceDays: 7, ...phones(running) }, { ...every, secureMethodsOnly: true, graceDays: 10 }, phones(at(8 * DAY))],
    ["loosened (secure methods off): the grace runs on", { ...every, secureMethodsOnly: true, graceDays: 7, ...all(running) }, { ...once, graceDays: 7 }, all(running)],
    ["secure methods off during a phone-only grace: it runs on, never widened", { ...every, secureMethodsOnly: true, graceDays: 7, ...phones(running) }, { ...every, graceDays: 7 }, phones(running)],
  ] as const)("%s", (_name, from, to, expected) => {
    expect(graceAfter(from, to, now)).toEqual(expected);
  });
});

describe("changing a project's policy", { timeout: 60_000 }, () => {
  it("starting to require 2FA: a preview first (nothing written), then on confirmation the change, its audit event and an email to every member in their language", async () => {
    const { owner, actor, project, people } = await projectWith([{ factors: ["sms"] }, { factors: [], locale: "ja" }, { factors: [], exemptDays: 3 }, { role: "admin", factors: ["webauthn"] }]);
    const [phoneUser, bare, exempt, admin] = people;
    const now = at(MINUTE);
    const to = { requiredLevel: "every_login", secureMethodsOnly: false, graceDays: 7 } as const;

    const first = await changeProjectPolicy(actor, project.id, change(to), context, now);
    expect(first.kind).toBe("preview");
    if (first.kind !== "preview") return;
    expect(first.changed).toBe(false);
    const ids = (list: { userId: string }[]) => list.map((person) => person.userId).sort();
    expect(first.preview.blocked).toEqual([]);
    expect(ids(first.preview.grace)).toEqual([bare!.id]);
    expect(first.preview.graceEndsAt).toBe(at(MINUTE + 7 * DAY).toISOString());
    expect(first.preview.exempt).toEqual([expect.objectContaining({ userId: exempt!.id, until: at(3 * DAY).toISOString() })]);
    expect(ids(first.preview.unaffected)).toEqual([owner.id, phoneUser!.id, admin!.id].sort());
    expect(first.preview.unaffected.find((person) => person.userId === owner.id)).toMatchObject({ you: true, role: "owner" });
    expect(await stored(project.id)).toMatchObject({ requiredLevel: "disabled", graceEndsAt: null, policyChangedAt: null });
    expect(await events(project.id, "project.policy_changed")).toEqual([]);

    const done = await changeProjectPolicy(actor, project.id, change(to, DEFAULTS, { confirm: true }), context, now);
    expect(done.kind).toBe("changed");
    expect(await stored(project.id)).toEqual({ ...to, graceEndsAt: at(MINUTE + 7 * DAY), graceScope: "everyone", policyChangedAt: now, graceLastDayNotifiedAt: null });
    const [changed] = await events(project.id, "project.policy_changed");
    expect(changed).toMatchObject({
      actorId: owner.id,
      ip: context.ip,
      metadata: { from: { ...DEFAULTS, graceEndsAt: null, graceScope: "everyone" }, to: { ...to, graceEndsAt: at(MINUTE + 7 * DAY).toISOString(), graceScope: "everyone" }, blocked: 0, grace: 1 },
    });
    expect((await events(project.id, "project.grace_notified")).map((event) => event.metadata)).toEqual([{ day: "first", recipients: 1, graceEndsAt: at(MINUTE + 7 * DAY).toISOString() }]);

    // Every member hears it, in their language, with what it means for them.
    for (const person of [owner, phoneUser!, exempt!, admin!]) {
      const mail = await inbox(person.email);
      expect(mail.map((message) => message.subject)).toEqual(["Payments requires two-factor authentication"]);
      expect(mail[0]!.text).toContain(`/projects/${project.id}`);
      expect(mail[0]!.text).not.toContain("This wasn't me");
    }
    expect((await inbox(owner.email))[0]!.text).toContain("nothing for you to do");
    expect((await inbox(exempt!.email))[0]!.text).toContain("exception for you until");
    const japanese = await inbox(bare!.email);
    expect(japanese.map((message) => message.subject)).toEqual(["Paymentsでは二要素認証が必須になりました"]);
    expect(japanese[0]!.text).toContain("2026年12月3日");
    expect(japanese[0]!.text).toContain(`/projects/${project.id}/enrol`);
  });

  it("secure methods only: a phone stops counting; a confirmation that did not show someone now blocked gets a fresh preview", async () => {
    const { actor, project, people } = await projectWith([{ factors: ["sms"] }, { factors: ["voice", "totp"] }]);
    const [phoneOnly, both] = people;
    const start = { requiredLevel: "once_per_computer", secureMethodsOnly: false, graceDays: 0 } as const;
    expect((await changeProjectPolicy(actor, project.id, change(start, DEFAULTS, { confirm: true }), context, at(MINUTE))).kind).toBe("changed");
    // Starting with 0 days: the phone still counted, so nobody was blocked and nobody is in grace.
    expect(await stored(project.id)).toMatchObject({ graceEndsAt: null });
    await db.outboxMessage.deleteMany({});

    const secure = { ...start, secureMethodsOnly: true };
    const stale = await changeProjectPolicy(actor, project.id, change(secure, start, { confirm: true, shownBlocked: [] }), context, at(2 * MINUTE));
    expect(stale).toMatchObject({ kind: "preview", changed: true, preview: { blocked: [expect.objectContaining({ userId: phoneOnly!.id })] } });
    expect(await stored(project.id)).toMatchObject({ secureMethodsOnly: false });

    const done = await changeProjectPolicy(actor, project.id, change(secure, start, { confirm: true, shownBlocked: [phoneOnly!.id] }), context, at(3 * MINUTE));
    expect(done.kind).toBe("changed");
    expect(await stored(project.id)).toMatchObject({ secureMethodsOnly: true, graceEndsAt: null });
    // Only the member it newly leaves without a method that counts hears about it: at once.
    expect((await inbox(phoneOnly!.email)).map((message) => message.text)).toEqual([expect.stringContaining("The next time you open the project")]);
    expect(await inbox(both!.email)).toEqual([]);
  });

  it("secure methods only after the requirement's grace is over: a grace for members whose phone stopped counting, none for those held at enrolment", async () => {
    const { actor, project, people } = await projectWith([{ factors: [] }, { factors: ["sms"] }, { factors: ["voice", "totp"] }]);
    const [none, phoneOnly, both] = people;
    const required = { requiredLevel: "every_login", secureMethodsOnly: false, graceDays: 0 } as const;
    await changeProjectPolicy(actor, project.id, change(required, DEFAULTS, { confirm: true, shownBlocked: [none!.id] }), context, at(MINUTE));
    await db.outboxMessage.deleteMany({});

    const secure = { ...required, secureMethodsOnly: true, graceDays: 30 };
    const preview = await changeProjectPolicy(actor, project.id, change(secure, required), context, at(2 * MINUTE));
    // The member with nothing set up was blocked before and stays blocked; the preview says so.
    expect(preview).toMatchObject({ kind: "preview", preview: { blocked: [expect.objectContaining({ userId: none!.id })], grace: [expect.objectContaining({ userId: phoneOnly!.id })] } });
    const done = await changeProjectPolicy(actor, project.id, change(secure, required, { confirm: true, shownBlocked: [none!.id] }), context, at(2 * MINUTE));
    expect(done.kind).toBe("changed");
    const graceEndsAt = at(2 * MINUTE + 30 * DAY);
    expect(await stored(project.id)).toMatchObject({ secureMethodsOnly: true, graceEndsAt, graceScope: "phone_only" });
    const [, changed] = await events(project.id, "project.policy_changed");
    expect(changed?.metadata).toMatchObject({ to: { graceScope: "phone_only" }, blocked: 1, grace: 1 });
    expect((await events(project.id, "project.grace_notified")).map((event) => event.metadata)).toEqual([{ day: "first", recipients: 1, graceEndsAt: graceEndsAt.toISOString() }]);
    // Only the member the change newly concerns hears about it; the one held at enrolment has no deadline to hear of.
    expect((await inbox(phoneOnly!.email)).map((message) => message.subject)).toEqual(["Payments requires two-factor authentication"]);
    expect(await inbox(none!.email)).toEqual([]);
    expect(await inbox(both!.email)).toEqual([]);
  });

  it("refuses to overwrite a change made meanwhile: the values the form showed must still be the stored ones", async () => {
    const { actor, project } = await projectWith();
    const other = { requiredLevel: "once_per_computer", secureMethodsOnly: false, graceDays: 0 } as const;
    await changeProjectPolicy(actor, project.id, change(other, DEFAULTS, { confirm: true }), context, at(MINUTE));
    const before = await stored(project.id);
    await expect(changeProjectPolicy(actor, project.id, change({ requiredLevel: "every_login" }, DEFAULTS, { confirm: true }), context, at(2 * MINUTE))).rejects.toMatchObject({
      code: "project_policy_stale",
    });
    expect(await stored(project.id)).toEqual(before);
    expect(await events(project.id, "project.policy_changed")).toHaveLength(1);
  });

  it("loosening applies at once without a preview, and keeps a running grace period; Disabled ends it", async () => {
    const { owner, actor, project } = await projectWith([{ factors: [] }]);
    const strict = { requiredLevel: "every_login", secureMethodsOnly: true, graceDays: 7 } as const;
    await changeProjectPolicy(actor, project.id, change(strict, DEFAULTS, { confirm: true }), context, at(MINUTE));
    const graceEndsAt = at(MINUTE + 7 * DAY);

    const looser = { requiredLevel: "once_per_computer", secureMethodsOnly: false, graceDays: 7 } as const;
    expect((await changeProjectPolicy(await sudoActor(owner.id, at(DAY)), project.id, change(looser, strict), context, at(DAY))).kind).toBe("changed");
    expect(await stored(project.id)).toMatchObject({ ...looser, graceEndsAt, policyChangedAt: at(DAY) });

    const later = await sudoActor(owner.id, at(2 * DAY));
    expect((await changeProjectPolicy(later, project.id, change({ ...looser, requiredLevel: "disabled" }, looser), context, at(2 * DAY))).kind).toBe("changed");
    expect(await stored(project.id)).toMatchObject({ requiredLevel: "disabled", graceEndsAt: null });
    const changes = await events(project.id, "project.policy_changed");
    expect(changes.map((event) => (event.metadata as { to: PolicyValues }).to.requiredLevel)).toEqual(["every_login", "once_per_computer", "disabled"]);
  });

  it("the same values again change nothing", async () => {
    const { actor, project } = await projectWith();
    expect(await changeProjectPolicy(actor, project.id, change(DEFAULTS), context, at(MINUTE))).toEqual({ kind: "unchanged" });
    expect(await stored(project.id)).toMatchObject({ policyChangedAt: null });
  });

  it("needs sudo mode and, read again under the lock, the admin role at least", async () => {
    const { actor, project, people } = await projectWith([{ role: "member", factors: ["totp"] }]);
    const to = { requiredLevel: "once_per_computer" } as const;
    await expect(changeProjectPolicy(actor, project.id, change(to, DEFAULTS, { confirm: true }), context, at(20 * MINUTE))).rejects.toMatchObject({ code: "sudo_required" });
    const member = await sudoActor(people[0]!.id, T0);
    await expect(changeProjectPolicy(member, project.id, change(to, DEFAULTS, { confirm: true }), context, at(MINUTE))).rejects.toMatchObject({ code: "forbidden" });
    const stranger = await sudoActor((await createUser()).id, T0);
    await expect(changeProjectPolicy(stranger, project.id, change(to, DEFAULTS, { confirm: true }), context, at(MINUTE))).rejects.toMatchObject({ code: "not_found" });
    expect(await stored(project.id)).toMatchObject({ requiredLevel: "disabled", policyChangedAt: null });
  });

  it("20 owners' confirmations at once from the same reading: one changes the policy, the rest are told it changed meanwhile", async () => {
    const { actor, project } = await projectWith([{ factors: [] }]);
    const to = { requiredLevel: "every_login", secureMethodsOnly: false, graceDays: 3 } as const;
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => changeProjectPolicy(actor, project.id, change(to, DEFAULTS, { confirm: true }), context, at(MINUTE))));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "project_policy_stale" });
    expect(await events(project.id, "project.policy_changed")).toHaveLength(1);
    expect(await events(project.id, "project.grace_notified")).toHaveLength(1);
  });
});
