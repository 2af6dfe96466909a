import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordAudit, type AuditInput } from "@/lib/audit/record";
import type { Role } from "@/lib/db/generated/enums";
import { context, createUser, enrolTotp, sudoActor } from "@/test/factories";
import { startTotpEnrolment } from "@/lib/mfa/totp-enrolment";
import { setEmailLoginVerification } from "@/lib/mfa/email-login-setting";
import { auditFilterFromParams, type AuditFilter } from "./audit-filter";
import { decodeCursor, encodeCursor, pageBounds, readAuditEvent, searchAuditEvents, type AuditSearchRow } from "./audit-search";
import { supportAccess } from "./support-access";

async function staff(role: Role, withFactor = true) {
  const user = await createUser();
  await db.user.update({ where: { id: user.id }, data: { role } });
  if (withFactor) await enrolTotp(user.id);
  return user;
}

const rejectsWith = (promise: Promise<unknown>, code: string) => expect(promise).rejects.toMatchObject({ name: "AppError", code });
const write = (input: AuditInput) => db.$transaction((tx) => recordAudit(tx, input));
const parse = (params: Record<string, string>) => {
  const result = auditFilterFromParams(params);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data;
};

/** Each test writes on days of its own, later than every other test's, so they come first, newest first. */
let nextDay = Date.parse("2090-01-01T00:00:00.000Z");
const freshDay = () => new Date((nextDay += 3 * 86_400_000));
const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/** Every page of a search, following "Older" to the end. */
async function everyPage(viewerId: string, filter: AuditFilter, limit: number) {
  const pages: AuditSearchRow[][] = [];
  let cursor = null;
  for (;;) {
    const page = await searchAuditEvents(viewerId, filter, { cursor, direction: "older" }, limit);
    pages.push(page.events);
    if (!page.older) return pages;
    cursor = decodeCursor(page.older);
  }
}

describe("the console's search is for support staff with a second factor", { timeout: 60_000 }, () => {
  it.each(["support", "support_admin"] as const)("%s without an authenticator is refused", async (role) => {
    const viewer = await staff(role, false);
    expect(await supportAccess(viewer.id)).toBe("needs_second_factor");
    await rejectsWith(searchAuditEvents(viewer.id, {}), "support_two_factor_required");
    await rejectsWith(readAuditEvent(viewer.id, "x"), "support_two_factor_required");
  });

  it("an unconfirmed authenticator or email login verification is not enough", async () => {
    const viewer = await staff("support", false);
    await startTotpEnrolment(await sudoActor(viewer.id));
    await setEmailLoginVerification(await sudoActor(viewer.id), true, context);
    await rejectsWith(searchAuditEvents(viewer.id, {}), "support_two_factor_required");
  });

  it("a member is forbidden, with or without an authenticator", async () => {
    const member = await createUser();
    await rejectsWith(searchAuditEvents(member.id, {}), "forbidden");
    await enrolTotp(member.id);
    await rejectsWith(searchAuditEvents(member.id, {}), "forbidden");
    await rejectsWith(readAuditEvent(member.id, "x"), "forbidden");
  });
});

describe("filters", { timeout: 60_000 }, () => {
  it("each filter alone, and combined, returns exactly the matching events, with emails and project names", async () => {
    const viewer = await staff("support");
    const [ada, bob] = [await createUser(), await createUser()];
    const project = await db.project.create({ data: { name: "Lighthouse" } });
    const other = await db.project.create({ data: { name: "Harbour" } });
    const day = freshDay();
    const at = (hours: number) => new Date(day.getTime() + hours * 3_600_000);
    const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    await write({ type: "auth.sign_in", actorId: ada.id, context: { ip, userAgent: "ua" }, at: at(1) });
    await write({ type: "auth.sign_in", outcome: "failure", actorId: null, subjectId: ada.id, context: { ip: "10.0.0.9", userAgent: "ua" }, at: at(2) });
    await write({ type: "project.created", actorId: bob.id, projectId: project.id, context, at: at(3) });
    await write({ type: "project.created", actorId: ada.id, projectId: other.id, context, at: at(4) });
    await write({ type: "auth.sign_in", actorId: bob.id, context: { ip, userAgent: "ua" }, at: new Date(day.getTime() + 2 * 86_400_000) });
    const mine = new Set((await db.auditEvent.findMany({ where: { subjectId: { in: [ada.id, bob.id] } }, select: { id: true } })).map((row) => row.id));
    // Ours among the first page (our days are the newest), in order.
    const search = async (params: Record<string, string>) =>
      (await searchAuditEvents(viewer.id, parse(params))).events.filter((event) => mine.has(event.id)).map((event) => `${event.type}/${event.outcome}/${event.subjectEmail === ada.email ? "ada" : "bob"}`);

    expect(await search({ email: ada.email })).toEqual(["project.created/success/ada", "auth.sign_in/failure/ada", "auth.sign_in/success/ada"]);
    expect(await search({ email: ada.email.toUpperCase() })).toHaveLength(3);
    expect(await search({ projectId: project.id })).toEqual(["project.created/success/bob"]);
    expect(await search({ type: "project.created" })).toEqual(["project.created/success/ada", "project.created/success/bob"]);
    expect(await search({ outcome: "failure" })).toEqual(["auth.sign_in/failure/ada"]);
    expect(await search({ ip })).toEqual(["auth.sign_in/success/bob", "auth.sign_in/success/ada"]);
    expect(await search({ from: dayOf(day), to: dayOf(day) })).toHaveLength(4);
    expect(await search({ from: dayOf(new Date(day.getTime() + 86_400_000)) })).toEqual(["auth.sign_in/success/bob"]);
    expect(await search({ email: ada.email, type: "auth.sign_in", outcome: "success" })).toEqual(["auth.sign_in/success/ada"]);
    expect(await search({ ip, from: dayOf(day), to: dayOf(day) })).toEqual(["auth.sign_in/success/ada"]);
    expect(await search({ email: "nobody@example.test" })).toEqual([]);

    const page = await searchAuditEvents(viewer.id, parse({ projectId: project.id }));
    expect(page.events[0]).toMatchObject({ projectName: "Lighthouse", subjectEmail: bob.email, actorEmail: bob.email });
    // Every row the search returns satisfies it, not only ours.
    const failures = await searchAuditEvents(viewer.id, parse({ outcome: "failure" }));
    expect(failures.events.every((event) => event.outcome === "failure")).toBe(true);
  });

  it("bad input is refused field by field, never thrown", () => {
    const issues = (params: Record<string, string>) => {
      const result = auditFilterFromParams(params);
      return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
    };
    expect(issues({ type: "auth.nope" })).toEqual({ type: "validation.eventType" });
    expect(issues({ from: "2026-02-30" })).toEqual({ from: "validation.date" });
    expect(issues({ to: "yesterday" })).toEqual({ to: "validation.date" });
    expect(issues({ from: "2026-03-02", to: "2026-03-01" })).toEqual({ to: "dateOrder" });
    expect(issues({ ip: "10.0.0.1; DROP" })).toEqual({ ip: "validation.invalid" });
    expect(issues({ projectId: "not-a-uuid" })).toEqual({ projectId: "validation.invalid" });
    expect(issues({ outcome: "maybe" })).toHaveProperty("outcome");
    expect(issues({ email: "", type: "", outcome: "", from: "", to: "" })).toEqual({});
  });
});

describe("keyset pagination", { timeout: 120_000 }, () => {
  it("pages forward and back with no duplicates or gaps, across events that share a millisecond", async () => {
    const viewer = await staff("support");
    const person = await createUser();
    const day = freshDay();
    // 23 events: groups of 5 on the same millisecond, so page boundaries fall inside a group.
    for (let i = 0; i < 23; i++) await write({ type: "auth.sign_in", actorId: person.id, context, at: new Date(day.getTime() + Math.floor(i / 5) * 1000) });
    const expected = (await db.auditEvent.findMany({ where: { subjectId: person.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } })).map((row) => row.id);

    const pages = await everyPage(viewer.id, { email: person.email }, 4);
    expect(pages.map((page) => page.length)).toEqual([4, 4, 4, 4, 4, 3]);
    expect(pages.flat().map((event) => event.id)).toEqual(expected);

    // Back up from the last page with "Newer": the same pages, in reverse.
    let page = await searchAuditEvents(viewer.id, { email: person.email }, { cursor: decodeCursor(encodeCursor({ at: pages[4]!.at(-1)!.createdAt, id: pages[4]!.at(-1)!.id })), direction: "older" }, 4);
    const back: string[][] = [page.events.map((event) => event.id)];
    while (page.newer) {
      page = await searchAuditEvents(viewer.id, { email: person.email }, { cursor: decodeCursor(page.newer), direction: "newer" }, 4);
      back.unshift(page.events.map((event) => event.id));
    }
    expect(back).toEqual(pages.map((events) => events.map((event) => event.id)));
    // The first page has nothing newer; a middle page has both links.
    const first = await searchAuditEvents(viewer.id, { email: person.email }, {}, 4);
    expect(first.newer).toBeNull();
    const middle = await searchAuditEvents(viewer.id, { email: person.email }, { cursor: decodeCursor(first.older), direction: "older" }, 4);
    expect(middle.newer).not.toBeNull();
    expect(middle.older).not.toBeNull();
  });

  it("merges the cursor with the date bound on its side into the tighter one", () => {
    const at = (iso: string) => ({ at: new Date(iso), id: "x" });
    const filter = { from: "2026-03-01", to: "2026-03-31" };
    expect(pageBounds(filter, at("2026-03-10T00:00:00Z"), "older")).toEqual({ filter: { from: "2026-03-01", to: undefined }, cursor: at("2026-03-10T00:00:00Z") });
    expect(pageBounds(filter, at("2026-05-01T00:00:00Z"), "older")).toEqual({ filter, cursor: null });
    expect(pageBounds(filter, at("2026-03-10T00:00:00Z"), "newer")).toEqual({ filter: { from: undefined, to: "2026-03-31" }, cursor: at("2026-03-10T00:00:00Z") });
    expect(pageBounds(filter, at("2026-01-01T00:00:00Z"), "newer")).toEqual({ filter, cursor: null });
  });

  it("a malformed cursor is the first page", () => {
    expect(decodeCursor("1700000000000_abc-def")).toEqual({ at: new Date(1700000000000), id: "abc-def" });
    for (const bad of [undefined, "", "x_y", "1_", "1_a'b", ["1_a"]]) expect(decodeCursor(bad)).toBeNull();
  });
});

describe("one event in full", { timeout: 60_000 }, () => {
  it("every field, metadata and chain columns (null until sealed)", async () => {
    const viewer = await staff("support");
    const person = await createUser();
    await write({ type: "auth.sign_in", outcome: "failure", actorId: person.id, metadata: { method: "totp" }, context: { ip: "10.1.2.3", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0" }, at: freshDay() });
    const stored = await db.auditEvent.findFirstOrThrow({ where: { subjectId: person.id } });
    const event = await readAuditEvent(viewer.id, stored.id);
    expect(event).toMatchObject({ id: stored.id, subjectEmail: person.email, actorEmail: person.email, ip: "10.1.2.3", metadata: { method: "totp" }, chainSeq: null, chainHash: null });
    expect(event?.userAgent).toContain("Firefox");
    expect(await readAuditEvent(viewer.id, "00000000-0000-0000-0000-000000000000")).toBeNull();
  });
});
