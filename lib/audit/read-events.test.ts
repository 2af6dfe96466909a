import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser, enrolTotp } from "@/test/factories";
import type { AuditType } from "./catalogue";
import { recordAudit } from "./record";
import { decodeAuditCursor, getVisibleEvent, listVisibleEvents } from "./read-events";

async function project(name: string, members: [string, "owner" | "admin" | "member"][]) {
  const row = await db.project.create({ data: { name } });
  await db.projectMember.createMany({ data: members.map(([userId, role]) => ({ projectId: row.id, userId, role })) });
  return row.id;
}

async function event(type: AuditType, input: { actorId?: string; subjectId?: string; projectId?: string }, at: Date) {
  await recordAudit(db, { type, ...input, at });
  const row = await db.auditEvent.findFirstOrThrow({ where: { type, createdAt: at, ...input }, orderBy: { txid: "desc" }, select: { id: true } }); // the newest: two events may share a time
  return row.id;
}

/** Everything the viewer can list, all pages, keeping only `ids`. */
async function seen(viewerId: string | null, ids: string[], options: { projectId?: string; subjectId?: string } = {}) {
  const found: string[] = [];
  let page = await listVisibleEvents(viewerId, { ...options, limit: 100 });
  for (;;) {
    found.push(...page.events.map((e) => e.id));
    if (!page.older) break;
    page = await listVisibleEvents(viewerId, { ...options, limit: 100, cursor: decodeAuditCursor("older", page.older) });
  }
  return found.filter((id) => ids.includes(id)).sort();
}

describe("who sees which audit events", { timeout: 120_000 }, () => {
  it("the visibility matrix on real data", async () => {
    const [person, owner, admin, member, otherOwner, support, supportAdmin, supportNoFactor] = await Promise.all([
      createUser(), createUser(), createUser(), createUser(), createUser(), createUser(), createUser(), createUser(),
    ]);
    await db.user.update({ where: { id: support.id }, data: { role: "support" } });
    await db.user.update({ where: { id: supportAdmin.id }, data: { role: "support_admin" } });
    await db.user.update({ where: { id: supportNoFactor.id }, data: { role: "support" } });
    await enrolTotp(support.id);
    await enrolTotp(supportAdmin.id);
    const project1 = await project("Visible", [[owner.id, "owner"], [admin.id, "admin"], [member.id, "member"]]);
    const project2 = await project("Elsewhere", [[otherOwner.id, "owner"], [member.id, "admin"]]);

    const base = Date.UTC(2031, 0, 1);
    const at = (n: number) => new Date(base + n * 1000);
    const e = {
      personSignIn: await event("auth.sign_in", { actorId: person.id }, at(1)),
      ownerSignIn: await event("auth.sign_in", { actorId: owner.id }, at(2)),
      created: await event("project.created", { actorId: owner.id, projectId: project1 }, at(3)),
      roleOfAdmin: await event("project.role_changed", { actorId: owner.id, subjectId: admin.id, projectId: project1 }, at(4)),
      memberJoined: await event("project.member_joined", { actorId: member.id, subjectId: member.id, projectId: project1 }, at(5)),
      policy: await event("project.policy_changed", { actorId: admin.id, projectId: project1 }, at(6)),
      elsewhere: await event("project.created", { actorId: otherOwner.id, projectId: project2 }, at(7)),
      memberSignIn: await event("auth.sign_in", { actorId: member.id }, at(8)),
      otherSignIn: await event("auth.sign_in", { actorId: otherOwner.id }, at(9)),
    };
    const all = Object.values(e);
    const ids = (...names: (keyof typeof e)[]) => names.map((name) => e[name]).sort();
    const project1Events = ids("created", "roleOfAdmin", "memberJoined", "policy");

    // A person: their own events only.
    expect(await seen(person.id, all)).toEqual(ids("personSignIn"));
    // Owner and admin: their own, and every event of their project; nothing of the other project.
    expect(await seen(owner.id, all)).toEqual(ids("ownerSignIn", "created", "roleOfAdmin", "memberJoined", "policy"));
    expect(await seen(admin.id, all)).toEqual(project1Events);
    expect(await seen(owner.id, all, { projectId: project1 })).toEqual(project1Events);
    expect(await seen(admin.id, all, { projectId: project2 })).toEqual([]);
    // A plain member of project 1 (admin of project 2): what is about them, and project 2's events; none of project 1's others.
    expect(await seen(member.id, all)).toEqual(ids("memberJoined", "elsewhere", "memberSignIn"));
    expect(await seen(member.id, all, { projectId: project1 })).toEqual(ids("memberJoined"));
    // Support staff with a second factor: everything, either role.
    expect(await seen(support.id, all)).toEqual([...all].sort());
    expect(await seen(supportAdmin.id, all)).toEqual([...all].sort());
    // Support staff without a second factor are a person like any other; signed out sees nothing.
    expect(await seen(supportNoFactor.id, all)).toEqual([]);
    expect(await seen(null, all)).toEqual([]);

    // One event in full: the same rules (the page answers 404 on null).
    expect((await getVisibleEvent(admin.id, e.policy))?.id).toBe(e.policy);
    expect((await getVisibleEvent(support.id, e.otherSignIn))?.type).toBe("auth.sign_in");
    expect(await getVisibleEvent(member.id, e.policy)).toBeNull();
    expect(await getVisibleEvent(person.id, e.ownerSignIn)).toBeNull();
    expect(await getVisibleEvent(supportNoFactor.id, e.personSignIn)).toBeNull();
    expect(await getVisibleEvent(null, e.personSignIn)).toBeNull();
    expect(await getVisibleEvent(support.id, "not an id'")).toBeNull();

    // Whatever else is in the database: a limited viewer's every row is theirs or their project's.
    const { events } = await listVisibleEvents(owner.id, { limit: 100 });
    expect(events.every((row) => row.subjectId === owner.id || row.projectId === project1)).toBe(true);
  });

  it("pages by keyset, older and newer, without gaps or repeats", async () => {
    const person = await createUser();
    const at = new Date(Date.UTC(2032, 0, 1));
    // Two events share a time: the id orders them.
    const written: string[] = [];
    for (let n = 0; n < 7; n++) written.push(await event("auth.sign_in", { actorId: person.id }, new Date(at.getTime() + Math.min(n, 5) * 1000)));
    const order = (await db.auditEvent.findMany({ where: { subjectId: person.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } })).map((row) => row.id);

    expect([...order].sort()).toEqual([...written].sort());
    const page1 = await listVisibleEvents(person.id, { subjectId: person.id, limit: 3 });
    expect(page1.events.map((row) => row.id)).toEqual(order.slice(0, 3));
    expect(page1.newer).toBeNull();
    const page2 = await listVisibleEvents(person.id, { subjectId: person.id, limit: 3, cursor: decodeAuditCursor("older", page1.older!) });
    expect(page2.events.map((row) => row.id)).toEqual(order.slice(3, 6));
    const page3 = await listVisibleEvents(person.id, { subjectId: person.id, limit: 3, cursor: decodeAuditCursor("older", page2.older!) });
    expect(page3.events.map((row) => row.id)).toEqual(order.slice(6));
    expect(page3.older).toBeNull();
    const back = await listVisibleEvents(person.id, { subjectId: person.id, limit: 3, cursor: decodeAuditCursor("newer", page3.newer!) });
    expect(back.events.map((row) => row.id)).toEqual(order.slice(3, 6));
    const first = await listVisibleEvents(person.id, { subjectId: person.id, limit: 3, cursor: decodeAuditCursor("newer", back.newer!) });
    expect(first.events.map((row) => row.id)).toEqual(order.slice(0, 3));
    expect(first.newer).toBeNull();
    // A malformed cursor is no cursor.
    expect(decodeAuditCursor("older", "1_2'; DROP")).toBeNull();
    expect(decodeAuditCursor("older", ["a", "b"])).toBeNull();
  });
});
